import { describe, expect, it } from 'vitest';
import type { OcrWord } from '../parsers/ocr/cache';
import { cutAtGutters, textGutters } from '../parsers/ocr/text-gutters';

// A line the reader read as one word over a table's gutter, on a page without rules: 30-px glyphs,
// a full-width comma inking the left third of its square, then white as wide as the comma leaves.
const WIDTH = 700;
const HEIGHT = 60;
const TOP = 15;
const LINE = 30;

/** Glyphs (`text`, left edges, widths of ink) inked on a mask; the word as the reader boxes it (centre to centre). */
function read(glyphs: Array<{ text: string; x: number; ink: number }>): { word: OcrWord; ink: Uint8Array } {
  const ink = new Uint8Array(WIDTH * HEIGHT);
  for (const g of glyphs) for (let y = TOP; y < TOP + LINE; y++) for (let x = g.x; x < g.x + g.ink; x++) ink[y * WIDTH + x] = 1;
  const centres = glyphs.map((g) => g.x + g.ink / 2);
  const symbols = glyphs.map((g, i) => ({
    text: g.text,
    x0: i === 0 ? g.x : (centres[i - 1]! + centres[i]!) / 2,
    x1: i === glyphs.length - 1 ? g.x + g.ink : (centres[i]! + centres[i + 1]!) / 2,
    y0: TOP,
    y1: TOP + LINE,
  }));
  const word: OcrWord = { text: glyphs.map((g) => g.text).join(''), confidence: 95, x0: glyphs[0]!.x, x1: symbols[symbols.length - 1]!.x1, y0: TOP, y1: TOP + LINE, lineHeight: LINE, line: 1, symbols };
  return { word, ink };
}

describe('text gutters (a scanned page without ruled tables)', () => {
  it('cuts a line at the white between two columns, each part boxed by its ink', () => {
    // `性` then `3.00` 27 px (0.9 of the line) to its right: two cells, as `权重 | 指标得分` were scanned.
    const { word, ink } = read([
      { text: '健', x: 10, ink: 28 },
      { text: '性', x: 42, ink: 28 },
      { text: '3', x: 97, ink: 14 },
      { text: '.', x: 113, ink: 4 },
      { text: '0', x: 119, ink: 14 },
    ]);
    const gutters = textGutters([word], ink, WIDTH);
    expect(gutters).toHaveLength(1);
    const parts = cutAtGutters(word, gutters);
    expect(parts.map((p) => p.text)).toEqual(['健性', '3.0']);
    expect(parts[0]!.x1).toBeLessThanOrEqual(70);
    expect(parts[1]!.x0).toBeGreaterThanOrEqual(97);
  });

  it("keeps the white a full-width mark leaves in running text, and a Latin space's", () => {
    // `，` inks 8 px of its square: 22 px of white (0.73 of the line) follow it, within one sentence.
    const { word, ink } = read([
      { text: '分', x: 10, ink: 28 },
      { text: '，', x: 42, ink: 8 },
      { text: '得', x: 72, ink: 28 },
      { text: 'a', x: 104, ink: 14 },
      { text: 'b', x: 128, ink: 14 },
    ]);
    expect(textGutters([word], ink, WIDTH)).toEqual([]);
  });
});
