import { describe, expect, it } from 'vitest';
import { readScanOnce } from './ocr-fixture';

describe('glyph strokes stacked in a narrow cell are no column border (real PP-OCR read)', () => {
  // Page 3 of heldout7's heavy scan of seed 000, WeasyPrint's B5 print in AR PL UMing
  // (corpus/build/scan-page-cuts.ts): under the table's repeated header, the 三级指标 cells hold
  // their names in small type, four glyphs a line, line under line (`医保信` over `息系统` over
  // `正常运` over `行率`), and the 指标说明 cells beside them the same. Blurred, the strokes of the
  // glyphs at one x run together down the cell from its top rule to its bottom one; taken for a
  // column border and erased, they cut each line's glyphs in two (`医息正行`, a name read as nothing).
  const result = readScanOnce('test/fixtures/scan-flags/stacked-strokes-heavy.pdf', 300_000);
  const names = () => result().reports.flatMap((r) => r.indicators.map((i) => i.level3));

  it('reads the names set line under line in the narrow 三级指标 cells whole', () => {
    expect(names()).toContain('医保信息系统正常运行率');
    expect(names()).toContain('医保信息系统重大安全事件响应时间');
  });

  it('keeps each row’s target in its column', () => {
    const row = result()
      .reports.flatMap((r) => r.indicators)
      .find((i) => i.level3 === '医保信息系统正常运行率');
    expect(row?.target_raw).toMatch(/90%$/);
  });
});

describe('glyph strokes of a blurred header line are no column border (real PP-OCR read)', () => {
  // Page 4 of heldout8's heavy scan of seed 004 (corpus/build/scan-page-cuts.ts): under the blur the
  // bottom strokes of each header line (`年度指标值(A)`, `实际完成值(B)`) run together as long as a short
  // rule, and the strokes of the glyphs over them chained down to the row's rule: met at both ends, they
  // were kept as borders through the header, which read `年标` and `度指直(A)`, naming no column, and
  // every target printed under it was in no field.
  const result = readScanOnce('test/fixtures/scan-flags/unnamed-header-heavy.pdf', 300_000);

  it('reads the header whole, so each row’s target is in its column', () => {
    const rows = result().reports.flatMap((r) => r.indicators);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((i) => i.target_raw)).toContain('≤5个');
    expect(rows.every((i) => i.target_raw !== null)).toBe(true);
  });
});

describe('glyph strokes beside a rule’s end do not carry it into the next cell (real PP-OCR read)', () => {
  // Page 2 of heldout15's heavy scan of L01 as WeasyPrint prints it after a pdftocairo/ps2pdf round
  // trip (corpus/build/scan-page-cuts.ts): the rule under 年度指标值（A） starts at the border beside
  // the 三级指标 cell, whose header word stands on the rule's line. Blurred, the word's strokes run
  // together as long as a piece of a rule and joined the rule across the border's gap; the rule ran
  // on through the word, erasing read it `一年比` and `国`, and no row's name, target or actual was
  // in a field.
  const result = readScanOnce('test/fixtures/scan-flags/rule-into-header-heavy.pdf', 300_000);

  it('reads the 三级指标 header, so each row’s name and values are in their columns', () => {
    const rows = result().reports.flatMap((r) => r.indicators);
    // Golden L01: 数量指标 / 城乡居民参保人数, ≥58.6万人 beside 59.12万人.
    expect(rows.find((i) => i.level3 === '城乡居民参保人数')).toMatchObject({ level2: '数量指标', actual_raw: '59.12万人' });
    expect(rows.length).toBeGreaterThan(3);
    expect(rows.every((i) => i.level3 !== null && i.actual_raw !== null)).toBe(true);
  });
});
