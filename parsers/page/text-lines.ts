import type { TextRun } from '../../schemas/page';

/** A line of text: runs on one baseline joined left to right; it has a run's shape. */
export type TextLine = TextRun;

/** The top and the foot of runs' text (a line's, a cell's, a chunk's). */
export const topOf = (runs: TextRun[]) => Math.min(...runs.map((r) => r.y0));
export const footOf = (runs: TextRun[]) => Math.max(...runs.map((r) => r.y1));

/** A CJK character (radicals and compatibility ideographs included), CJK punctuation or a full-width form. */
export const CJK = /[\u2e80-\u2fdf\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/;

/** Cell edges a producer sets by one column's start agree to this (points). */
const SAME_EDGE = 0.5;

/**
 * Groups runs into lines and joins each line's runs. pdf.js splits CJK text one character (or
 * a few) at a time: neighbours are joined without a space; a visible gap between Latin letters
 * or digits keeps one. `cellStarts`: where the page's cells start (text set in cells without
 * rules): a number right-aligned in its cell ends a blank narrower than a space before the next
 * cell's, flush left at its column's start (`181.82` `10分`); where another line starts a cell
 * at that run's start, the two figures are two cells' and keep a space between them.
 */
export function buildLines(runs: TextRun[], cellStarts: readonly number[] = []): TextLine[] {
  const sorted = [...runs].sort((a, b) => (a.y0 + a.y1) / 2 - (b.y0 + b.y1) / 2 || a.x0 - b.x0);
  const lines: TextRun[][] = [];
  for (const run of sorted) {
    const mid = (run.y0 + run.y1) / 2;
    const line = lines.find((l) => {
      const last = l[l.length - 1]!;
      const lmid = (last.y0 + last.y1) / 2;
      return Math.abs(lmid - mid) < Math.min(last.size, run.size) * 0.5;
    });
    if (line) line.push(run);
    else lines.push([run]);
  }
  return lines
    .map((line) => line.sort((a, b) => a.x0 - b.x0))
    .map((line) => ({
      text: joinRuns(line, cellStarts),
      x0: Math.min(...line.map((r) => r.x0)),
      y0: Math.min(...line.map((r) => r.y0)),
      x1: Math.max(...line.map((r) => r.x1)),
      y1: Math.max(...line.map((r) => r.y1)),
      size: Math.max(...line.map((r) => r.size)),
    }))
    .sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
}

function joinRuns(line: TextRun[], cellStarts: readonly number[]): string {
  let text = '';
  let previous: TextRun | undefined;
  for (const run of line) {
    const piece = run.text;
    if (previous && text !== '') {
      const gap = run.x0 - previous.x1;
      const a = text[text.length - 1]!;
      const b = piece.trimStart()[0] ?? '';
      const cellsApart = gap > 0 && NUMBER_PART.test(a) && /\d/.test(b) && cellStarts.some((x) => Math.abs(x - run.x0) <= SAME_EDGE);
      const spaced = (gap > previous.size * 0.25 || cellsApart) && !(CJK.test(a) && CJK.test(b));
      if (spaced && !/\s$/.test(text)) text += ' ';
    }
    text += piece;
    previous = run;
  }
  return text.replace(/\s+/g, ' ').trim();
}

/** Characters of a number or its brackets: a line break between two of them is no space. */
const NUMBER_PART = /[0-9.,%()\[\]<>≥≤+\-]/;
/** Within this many font sizes of the cell's widest line, a line is full: the text wrapped there. */
const FULL_LINE = 1;

/**
 * What a line break inside a cell stands for, from where the lines sit: CJK text has no spaces
 * and producers wrap it and numbers anywhere, so a break next to a CJK character, or inside a
 * full line between parts of a number, is no space; a full line broken between letters cut a
 * word; a line that stops short ended there as written (the break is kept).
 */
function separator(above: TextLine, below: TextLine, widest: number): string {
  const a = above.text[above.text.length - 1] ?? '';
  const b = below.text[0] ?? '';
  const full = above.x1 >= widest - above.size * FULL_LINE;
  if (CJK.test(a) || CJK.test(b)) return '';
  if (full && ((NUMBER_PART.test(a) && NUMBER_PART.test(b)) || (/\w/.test(a) && /\w/.test(b)))) return '';
  return full ? ' ' : '\n';
}

/**
 * What a line that wrapped may leave free in its cell, in font sizes: the next character's room,
 * one more for the character line-breaking rules carry down with it (`局、` starts the next line
 * together: a closing mark never starts a line), and the cell's padding on both sides.
 */
const WRAP_SLACK = 3;

/**
 * Whether a cell's text may go on past its last line: that line is as full as the widest, and,
 * given the cell's box, the widest fills it but for the wrap slack. A last line that stops short
 * ended its paragraph there, whatever edge it sits against; so did a single short line (`6` in a
 * wide score cell), left-aligned or centred.
 */
export const lastLineFull = (runs: TextRun[], box?: { x0: number; x1: number }): boolean => linesEndFull(buildLines(runs), box);

/** `lastLineFull` of a cell whose lines are built already (`buildLines`). */
export function linesEndFull(lines: TextLine[], box?: { x0: number; x1: number }): boolean {
  const last = lines[lines.length - 1];
  if (last === undefined) return false;
  const widest = Math.max(...lines.map((l) => l.x1));
  if (last.x1 < widest - last.size * FULL_LINE) return false;
  if (box === undefined) return true;
  const free = box.x1 - box.x0 - (widest - Math.min(...lines.map((l) => l.x0)));
  return free <= last.size * WRAP_SLACK;
}

/** The text of a cell: its lines, top to bottom, joined as they were printed. */
export const joinLines = (runs: TextRun[]): string => textOfLines(buildLines(runs));

/** `joinLines` of a cell whose lines are built already (`buildLines`). */
export function textOfLines(lines: TextLine[]): string {
  const widest = Math.max(...lines.map((l) => l.x1));
  return lines.map((line, i) => (i === 0 ? line.text : separator(lines[i - 1]!, line, widest) + line.text)).join('');
}
