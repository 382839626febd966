import { describe, expect, it } from 'vitest';
import type { OcrWord } from '../parsers/ocr/cache';
import { settleLevelNames } from '../parsers/ocr/level-names';
import { settleTemplateNumbers } from '../parsers/ocr/template-numbers';

// A fax breaks the thin strokes of a character, and the reader takes what is left for a mark:
// `绩效！标` for `绩效目标`, a level name of the national frameworks.

const line = (text: string): { word: OcrWord; correction: string | null } => ({
  word: { text, x0: 0, x1: 90, y0: 0, y1: 24, confidence: 95, line: 0, lineHeight: 30, symbols: [] },
  correction: null,
});
const mend = (texts: string[]) => settleLevelNames(texts.map(line)).map((l) => l.word.text);

describe('level names with a character read as a mark (settleLevelNames)', () => {
  it('mends a name whose one character was read as a mark, a letter or a digit', () => {
    expect(mend(['绩效！标', '质量指l', '数量.标'])).toEqual(['绩效目标', '质量指标', '数量指标']);
  });

  it('mends a name whose one character was read as two marks (what is left of its strokes)', () => {
    expect(mend(['绩效!！标', '质量指.l'])).toEqual(['绩效目标', '质量指标']);
    const out = settleLevelNames([
      { ...line('绩效!！'), word: { ...line('绩效!！').word, y0: 100, y1: 124 } },
      { ...line('标'), word: { ...line('标').word, y0: 140, y1: 164 } },
    ]);
    expect(out.map((l) => l.word.text)).toEqual(['绩效目', '标']);
  });

  it('keeps the change as a correction, read → kept', () => {
    expect(settleLevelNames([line('绩效！标')])[0]!.correction).toBe('绩效！标 → 绩效目标');
  });

  it('leaves a name one Chinese character off as read: it may be another name (flagged as a suspect read instead)', () => {
    expect(mend(['的效指标', '绩效自标'])).toEqual(['的效指标', '绩效自标']);
  });

  it('leaves a mark where two names fit, and text that is no level name', () => {
    // `产出？量`: 产出数量 or 产出质量.
    expect(mend(['产出？量', '≥95%', '合计：', '绩效目标'])).toEqual(['产出？量', '≥95%', '合计：', '绩效目标']);
    expect(settleLevelNames([line('绩效目标')])[0]!.correction).toBeNull();
  });
});

describe('a level name wrapped over two lines of its cell', () => {
  const at = (text: string, x: number, y: number) => ({ ...line(text), word: { ...line(text).word, x0: x, x1: x + 30 * text.length, y0: y, y1: y + 24 } });

  it('mends the line that holds the mark, the name read over both lines', () => {
    const out = settleLevelNames([at('绩效！', 100, 100), at('标', 100, 140), at('6', 300, 120)]);
    expect(out.map((l) => l.word.text)).toEqual(['绩效目', '标', '6']);
    expect(out.map((l) => l.correction)).toEqual(['绩效！ → 绩效目', null, null]);
  });

  it('does not join lines of two cells: a line beside it, or one rows below', () => {
    expect(settleLevelNames([at('绩效！', 100, 100), at('标', 300, 100), at('标', 100, 300)]).map((l) => l.word.text)).toEqual(['绩效！', '标', '标']);
  });
});

describe('a template number read as a stroke (settleTemplateNumbers)', () => {
  it('reads `指标I` / `指标]` before a name as 指标1, kept as a correction', () => {
    const out = settleTemplateNumbers([line('指标I工程资金金额'), line('指标]学校发展能力')]);
    expect(out.map((l) => l.word.text)).toEqual(['指标1工程资金金额', '指标1学校发展能力']);
    expect(out[0]!.correction).toBe('指标I工程资金金额 → 指标1工程资金金额');
  });

  it('leaves a number read as a digit, a letter before no name, and text that is no numbering', () => {
    expect(settleTemplateNumbers([line('指标1成本控制率'), line('指标I'), line('指标II'), line('PM2.5指标I级')]).map((l) => l.word.text)).toEqual(['指标1成本控制率', '指标I', '指标II', 'PM2.5指标I级']);
  });
});
