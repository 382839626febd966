import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageParser } from '../parsers/image';
import { extractDocument } from '../pipeline/extract';
import { configureOcr, shutdownOcr } from '../parsers/ocr';
import type { OcrWord } from '../parsers/ocr/cache';
import { settleHeaderWords } from '../parsers/ocr/header-words';
import { settleLevelHeaders } from '../parsers/ocr/level-headers';
import type { Block } from '../schemas/document';
import { ROOT } from './helpers';

// A table's header row faxed as the grid's `fax` family does (corpus/build/fax-fixture.ts):
// the numerals 一 二 三 of the level headers are strokes only, and the fax thins or breaks them.
const PICTURE = join(ROOT, 'test/fixtures/fax/header-fax.png');

beforeAll(() => configureOcr({ cacheDir: null, workers: 1, engine: 'ppocr' }));
afterAll(async () => {
  await shutdownOcr();
});

const compact = (text: string) => text.replace(/\s+/g, '');

describe('level headers of a faxed table (real PP-OCR read)', () => {
  let header: Array<{ text: string; corrections: string[] }>;

  beforeAll(async () => {
    const parsed = await imageParser.parse(readFileSync(PICTURE), { name: 'header-fax.png' });
    const table = parsed.blocks.find((b): b is Extract<Block, { kind: 'table' }> => b.kind === 'table');
    header = (table?.table.rows[0] ?? []).map((c) => ({ text: compact(c.text), corrections: c.prov.corrections ?? [] }));
  }, 60_000);

  it('reads the three levels in order, whatever the fax left of their numerals', () => {
    expect(header.filter((c) => c.text.endsWith('级指标')).map((c) => c.text)).toEqual(['一级指标', '二级指标', '三级指标']);
  });

  it('keeps every numeral it put back as a correction, read → kept, for the rows’ findings', () => {
    for (const cell of header.filter((c) => c.text.endsWith('级指标'))) {
      for (const correction of cell.corrections) expect(correction).toMatch(/ → [一二三]级指/);
    }
  });
});

describe('rows under a header the OCR corrected', () => {
  it('each carry a finding naming the corrected header, so a wrong guess of columns is never silent', async () => {
    const result = await extractDocument(readFileSync(PICTURE), 'header-fax.png');
    const rows = result.reports.flatMap((r) => r.indicators.map((i) => ({ row: i.row_index, findings: r.findings.filter((f) => f.row_index === i.row_index) })));
    expect(rows.length).toBeGreaterThan(0);
    for (const { findings } of rows) {
      const header = findings.filter((f) => f.code === 'OCR_CORRECTED' && /header .* → [一二三]级指/.test(f.message));
      expect(header.map((f) => f.printed)).toContain('一级指标');
    }
  }, 60_000);
});

/** A line as the reader gives it, at `x` (pixels), on the header row's height unless `y` is given. */
const line = (text: string, x: number, y = 100): { word: OcrWord; correction: string | null } => ({
  word: { text, x0: x, x1: x + 90, y0: y, y1: y + 24, confidence: 95, line: x, lineHeight: 30, symbols: [] },
  correction: null,
});
const texts = (lines: ReturnType<typeof line>[]) => settleLevelHeaders(lines).map((l) => l.word.text);

describe('level headers put back by their order (settleLevelHeaders)', () => {
  it('numbers a row of three whose numerals were lost or broken into dashes', () => {
    expect(texts([line('-级指标', 0), line('级指标', 200), line('级指标', 400)])).toEqual(['一级指标', '二级指标', '三级指标']);
  });

  it('takes where a row starts from the numerals read whole', () => {
    expect(texts([line('--级指', 0), line('二级指', 200), line('三级指标', 400)])).toEqual(['一级指', '二级指', '三级指标']);
    expect(texts([line('级指标', 200), line('三级指标', 400)])).toEqual(['二级指标', '三级指标']);
  });

  it('renumbers a row of three whose numerals contradict their order (a stroke of 三 lost)', () => {
    expect(texts([line('一级指标', 0), line('二级指标', 200), line('二级指标', 400)])).toEqual(['一级指标', '二级指标', '三级指标']);
  });

  it('guesses nothing where the order cannot tell: a row of two unread numerals', () => {
    expect(texts([line('级指标', 0), line('-级指标', 200)])).toEqual(['级指标', '-级指标']);
  });

  it('leaves prose, and level headers of other rows, to themselves', () => {
    expect(texts([line('一级指标权重及得分情况', 0), line('级指标', 200), line('二级指标', 200, 400)])).toEqual(['一级指标权重及得分情况', '级指标', '二级指标']);
  });

  it('records each change as read → kept', () => {
    const [first] = settleLevelHeaders([line('-级指标', 0), line('级指标', 200), line('级指标', 400)]);
    expect(first!.correction).toBe('-级指标 → 一级指标');
  });
});

describe('header words one character off, mended to one the page prints (settleHeaderWords)', () => {
  const mend = (lines: ReturnType<typeof line>[]) => settleHeaderWords(lines).map((l) => l.word.text);
  /** The header of a table above, its last word wrapped: `扣分总` over `计`. */
  const above = [line('三级指标', 0, 20), line('扣分总', 400, 20), line('计', 400, 50)];

  it('mends a word of a header row to the header word another table on the page prints', () => {
    const lines = [...above, line('三级指标', 0), line('抑分总计', 400)];
    expect(mend(lines).slice(3)).toEqual(['三级指标', '扣分总计']);
    expect(settleHeaderWords(lines)[4]!.correction).toBe('抑分总计 → 扣分总计');
  });

  it('leaves it as read where the page prints no such word: one character could make 扣分总计 or 得分总计', () => {
    expect(mend([line('三级指标', 0), line('抑分总计', 400)])).toEqual(['三级指标', '抑分总计']);
  });

  it('leaves the first line of a header word wrapped in its cell as read: 指标性 over 质 is 指标性质, not 指标值', () => {
    const lines = [line('三级指标', 0), line('指标性', 100, 90), line('质', 100, 120), line('指标值', 200)];
    expect(mend(lines)).toEqual(['三级指标', '指标性', '质', '指标值']);
  });

  it('leaves a level name read whole as read, though the section label 绩效指标 stands on its line: 时效指标 is no misread 绩效指标', () => {
    // 004's forms merge 绩效指标 down beside the level columns, its text centred on one block's line.
    const lines = [line('绩效指标', 0), line('时效指标', 100), line('完成时间', 200)];
    expect(mend(lines)).toEqual(['绩效指标', '时效指标', '完成时间']);
  });

  it('leaves words outside a header row, and short words, as read', () => {
    expect(mend([...above, line('三级指标', 0), line('抑分总计', 400, 300)]).slice(3)).toEqual(['三级指标', '抑分总计']);
    expect(mend([line('得分', 0, 20), line('三级指标', 0), line('满分', 400)]).slice(1)).toEqual(['三级指标', '满分']);
  });
});
