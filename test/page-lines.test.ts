import { describe, expect, it } from 'vitest';
import { joinLines, lastLineFull } from '../parsers/page/text-lines';
import type { TextRun } from '../schemas/page';

/** Lines of a cell as a producer sets them: one run per line, 12 pt, left-aligned at x = 10. */
function cell(lines: string[], widths: number[]): TextRun[] {
  return lines.map((text, i) => ({ text, x0: 10, x1: 10 + widths[i]!, y0: 100 + i * 15, y1: 112 + i * 15, size: 12 }));
}

describe('cell text joined by where its lines sit', () => {
  it('puts no space where a full line broke inside a number or next to a CJK character', () => {
    expect(joinLines(cell(['项目决策 (1', '8分)'], [60, 24]))).toBe('项目决策 (18分)');
    expect(joinLines(cell(['27834', '6'], [30, 6]))).toBe('278346');
    expect(joinLines(cell(['100.0', '0%'], [30, 18]))).toBe('100.00%');
    expect(joinLines(cell(['支付方式改', '革工作'], [60, 36]))).toBe('支付方式改革工作');
    expect(joinLines(cell(['达到', '70%'], [24, 18]))).toBe('达到70%');
  });

  it('joins a word a full line cut without a space, and keeps the break where a short line wrapped between words', () => {
    expect(joinLines(cell(['黔南州DI', 'P支付方式'], [48, 54]))).toBe('黔南州DIP支付方式');
    expect(joinLines(cell(['Performance', 'budget review'], [40, 80]))).toBe('Performance\nbudget review');
  });

  it('keeps the break of a line that stopped short between two numbers', () => {
    expect(joinLines(cell(['95%', '2023 年 12 月完成'], [18, 90]))).toBe('95%\n2023 年 12 月完成');
  });
});

describe("whether a cell's text may go on past its last line", () => {
  it('says a last line as full as the widest may go on, one that stops short ended there', () => {
    expect(lastLineFull(cell(['医保重要', '政策知晓', '率'], [48, 48, 12]))).toBe(false);
    expect(lastLineFull(cell(['医保重要', '政策知晓'], [48, 48]))).toBe(true);
    expect(lastLineFull(cell(['≥90%'], [30]))).toBe(true);
  });

  it("given the cell's box, says a line that does not reach across the cell ended there, a wrapped one may go on", () => {
    // Left-aligned at an inset of 2 in a cell from x = 8: a wrapped line ends within a character of the right edge.
    expect(lastLineFull(cell(['资金使用合规性'], [84]), { x0: 8, x1: 220 })).toBe(false);
    expect(lastLineFull(cell(['完成指'], [36]), { x0: 8, x1: 58 })).toBe(true);
    expect(lastLineFull(cell(['医保重要', '政策知晓'], [48, 48]), { x0: 8, x1: 62 })).toBe(true);
    // Centred: the same inset on both sides.
    expect(lastLineFull([{ text: '6', x0: 32, x1: 38, y0: 100, y1: 112, size: 12 }], { x0: 8, x1: 62 })).toBe(false);
  });
});
