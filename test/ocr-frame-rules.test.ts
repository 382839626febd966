import { describe, expect, it } from 'vitest';
import type { OcrWord } from '../parsers/ocr/cache';
import { binarise, detectRules, ruleThreshold, otsuThreshold } from '../parsers/ocr/detect-rules';
import type { GrayImage } from '../parsers/ocr/gray-image';
import { settleCellPunctuation } from '../parsers/ocr/punctuation-width';
import { pageOwnRules, withoutShowThrough } from '../parsers/ocr/show-through';

/** A 200-dpi page, paper 250, with a table of 4 columns × 3 rows drawn at `level`, 2 px rules. */
function tablePage(level = 40): { page: GrayImage; fill: (x0: number, x1: number, y0: number, y1: number, v: number) => void } {
  const width = 1300;
  const height = 1000;
  const data = new Uint8Array(width * height).fill(250);
  const fill = (x0: number, x1: number, y0: number, y1: number, v: number) => {
    for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) data[y * width + x] = v;
  };
  for (const y of [200, 400, 600, 800]) fill(100, 1100, y, y + 1, level);
  for (const x of [100, 350, 600, 850, 1100]) fill(x, x + 1, 200, 801, level);
  return { page: { width, height, data, dpi: 200 }, fill };
}
const rulesOf = (page: GrayImage) => detectRules(page, binarise(page, ruleThreshold(page, otsuThreshold(page))));

describe('a column border ends at the table frame (s000c: the bold title above the frame)', () => {
  it('does not carry a border up through a title stroke standing above the frame across a gap', () => {
    const { page, fill } = tablePage();
    // A title glyph's vertical stroke 6 px wide, 40 px tall, 25 px above the frame on one border.
    fill(598, 603, 135, 175, 20);
    const borders = rulesOf(page).vertical.map((v) => [Math.round(v.x0), Math.round(v.y0), Math.round(v.y1)]);
    expect(borders.map(([x]) => x).sort((a, b) => a! - b!)).toEqual([101, 351, 601, 851, 1101]);
    expect(borders.every(([, y0]) => y0! >= 199)).toBe(true);
  });

  it('ends a border whose ink runs a few pixels past the frame at the frame (no sliver of a row over the header)', () => {
    const { page, fill } = tablePage();
    fill(350, 351, 193, 199, 40);
    fill(850, 851, 802, 808, 40);
    const borders = rulesOf(page).vertical.map((v) => [Math.round(v.x0), Math.round(v.y0), Math.round(v.y1)]);
    expect(borders.every(([, y0, y1]) => y0! >= 199 && y1! <= 802)).toBe(true);
  });

  it('keeps every border that runs on past the last rule found (a table whose top rule was lost)', () => {
    const { page, fill } = tablePage();
    fill(100, 1100, 200, 201, 250); // the top rule lost
    for (const x of [100, 350, 600, 850, 1100]) fill(x, x + 1, 200, 399, 40);
    const borders = rulesOf(page).vertical.map((v) => Math.round(v.y0));
    expect(borders.length).toBe(5);
    expect(borders.every((y0) => y0 <= 201)).toBe(true);
  });
});

describe('rules shown through from the other side of the sheet (the bleed family)', () => {
  it('drops a faint rule beside the page’s dark ones and keeps the dark ones', () => {
    const { page, fill } = tablePage();
    fill(470, 471, 200, 801, 235); // the back page's border, at a sixth of the ink's darkness
    const level = otsuThreshold(page);
    const found = rulesOf(page);
    expect(found.vertical.map((v) => Math.round(v.x0))).toContain(471);
    const kept = withoutShowThrough(found, page, level);
    expect(kept.vertical.map((v) => Math.round(v.x0))).toEqual([101, 351, 601, 851, 1101]);
    expect(kept.horizontal).toHaveLength(4);
  });

  it('keeps the page’s frame border that a shown-through border in line with it runs on from (L11’s second page, bleed)', () => {
    // The frame's left border meets no rule at its top (the part's top rule starts at the next
    // column: the label block goes on from the page before); the back page's own left border,
    // mirrored onto this one's, runs on below the frame after a gap of a few pixels.
    const { page, fill } = tablePage();
    fill(100, 349, 200, 201, 250);
    fill(100, 101, 806, 990, 235);
    fill(470, 471, 200, 801, 235);
    const level = otsuThreshold(page);
    const left = (rules: { vertical: Array<{ x0: number; y0: number; y1: number }> }) => rules.vertical.filter((v) => Math.abs(v.x0 - 101) <= 2);
    expect(left(withoutShowThrough(rulesOf(page), page, level))).toEqual([]);
    const own = pageOwnRules(page, level, ruleThreshold(page, level)).rules;
    // From under the erased top rule's corner to the frame's bottom: not on past it.
    expect(left(own).map((v) => [Math.round(v.y0), Math.round(v.y1)])).toEqual([[202, 801]]);
    expect(own.vertical.map((v) => Math.round(v.x0)).sort((a, b) => a - b)).toEqual([101, 351, 601, 851, 1101]);
  });

  it('keeps a page of faint hairlines alone', () => {
    const { page } = tablePage(225);
    const found = rulesOf(page);
    expect(withoutShowThrough(found, page, otsuThreshold(page))).toEqual(found);
  });
});

describe('strokes of characters set one under another in a column of prose', () => {
  it('are not a loose column border', () => {
    const { page, fill } = tablePage();
    // Seven lines of glyphs in one cell (the middle row made taller by dropping its lower rule),
    // clear of the rules above and below; each glyph a vertical stroke at x 700 with strokes
    // beside it and bars across, as a character's parts lie against its long stroke.
    fill(100, 1100, 600, 601, 250);
    for (let line = 0; line < 7; line++) {
      const y = 430 + line * 48;
      fill(699, 702, y, y + 40, 20);
      fill(680, 720, y + 8, y + 10, 20);
      fill(684, 716, y + 30, y + 32, 20);
      fill(696, 697, y + 2, y + 38, 20);
      fill(704, 705, y + 2, y + 38, 20);
    }
    expect(rulesOf(page).vertical.map((v) => Math.round(v.x0))).not.toContain(701);
  });
});

describe('the width of a mark its line cannot measure, from its cell', () => {
  /** A line of `中`-sized glyphs (28 px) and marks, at `y`, its ink drawn into `ink`. */
  function line(ink: Uint8Array, width: number, y: number, glyphs: Array<[string, number, number]>, n: number): OcrWord {
    for (const [text, x0, x1] of glyphs) {
      const [top, bottom] = /[\u4e00-\u9fff]/.test(text) ? [y, y + 29] : [y + 10, y + 25];
      for (let yy = top; yy <= bottom; yy++) for (let x = x0; x <= x1; x++) ink[yy * width + x] = 1;
    }
    const symbols = glyphs.map(([text, x0, x1]) => ({ text, x0: x0 - 1, x1: x1 + 1, y0: y, y1: y + 30 }));
    return { text: glyphs.map(([t]) => t).join(''), confidence: 90, x0: symbols[0]!.x0, x1: symbols[symbols.length - 1]!.x1, y0: y, y1: y + 30, lineHeight: 30, line: n, symbols };
  }

  it('gives a colon ending its line the width the colon inside the cell was measured at (`零分:` wrapped)', () => {
    const width = 400;
    const ink = new Uint8Array(width * 200);
    // `满分:达到` set half-width (little white after the colon), then `标准 零分：` ending the next line.
    const first = line(ink, width, 10, [['满', 10, 37], ['分', 42, 69], [':', 73, 76], ['达', 84, 111], ['到', 116, 143]], 1);
    const second = line(ink, width, 50, [['标', 10, 37], ['准', 42, 69], ['零', 74, 101], ['分', 106, 133], ['：', 137, 140]], 2);
    const cell = { x0: 0, y0: 0, x1: 399, y1: 199 };
    expect(settleCellPunctuation([first, second], [cell], ink, width).map((w) => w.line.text)).toEqual(['满分:达到', '标准零分:']);
    // In another cell the colon keeps its read form: nothing was measured there.
    const elsewhere = { x0: 0, y0: 45, x1: 399, y1: 199 };
    expect(settleCellPunctuation([second], [elsewhere], ink, width).map((w) => w.line.text)).toEqual(['标准零分：']);
  });

  it('reads a bracket pair measured apart as half-width: a space typed after it widens its white (`(1分) ②`)', () => {
    const width = 400;
    const ink = new Uint8Array(width * 200);
    // `(` with little white beside it; `)` then a space's white before `②`.
    const read = line(ink, width, 10, [['求', 10, 37], ['(', 44, 47], ['1', 52, 60], ['分', 64, 91], ['）', 95, 98], ['②', 122, 149]], 1);
    const cell = { x0: 0, y0: 0, x1: 399, y1: 199 };
    expect(settleCellPunctuation([read], [cell], ink, width).map((w) => w.line.text)).toEqual(['求(1分)②']);
  });

  it('gives a closing bracket ending a line of the cell its opening bracket’s width, measured on the line before', () => {
    const width = 400;
    const ink = new Uint8Array(width * 200);
    const first = line(ink, width, 10, [['数', 10, 37], ['(', 44, 47], ['执', 52, 79], ['行', 84, 111]], 1);
    const second = line(ink, width, 50, [['计', 10, 37], ['算', 42, 69], ['）', 73, 76]], 2);
    // A pair on the next line measured apart (a space after its `)`): the cell's brackets all agree once it is paired.
    const third = line(ink, width, 90, [['求', 10, 37], ['(', 44, 47], ['2', 52, 60], ['分', 64, 91], ['）', 95, 98], ['②', 122, 149]], 3);
    const cell = { x0: 0, y0: 0, x1: 399, y1: 199 };
    expect(settleCellPunctuation([first, second, third], [cell], ink, width).map((w) => w.line.text)).toEqual(['数(执行', '计算)', '求(2分)②']);
  });

  it('leaves it as read when the cell’s marks of its kind disagree', () => {
    const width = 400;
    const ink = new Uint8Array(width * 200);
    const half = line(ink, width, 10, [['满', 10, 37], [':', 42, 45], ['达', 52, 79]], 1);
    const full = line(ink, width, 50, [['满', 10, 37], ['：', 42, 45], ['达', 70, 97]], 2);
    const open = line(ink, width, 90, [['零', 10, 37], ['分', 42, 69], ['：', 73, 76]], 3);
    const cell = { x0: 0, y0: 0, x1: 399, y1: 199 };
    expect(settleCellPunctuation([half, full, open], [cell], ink, width).map((w) => w.line.text)).toEqual(['满:达', '满：达', '零分：']);
  });
});
