import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isBilevel } from '../parsers/ocr/bilevel';
import { measureSkew, rotateImage } from '../parsers/ocr/deskew';
import { despeckle } from '../parsers/ocr/despeckle';
import { binarise, otsuThreshold, ruleThreshold } from '../parsers/ocr/detect-rules';
import { flattenPaper } from '../parsers/ocr/flatten-paper';
import { pageRules } from '../parsers/ocr/page-rules';
import { withPdf } from '../parsers/pdf/open';
import { renderPdfPage } from '../parsers/pdf/render-page';
import { readScanOnce } from './ocr-fixture';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'scan-flags', 'dashed-header-fax.pdf');

describe('a fax whose hairlines came out in dashes keeps the borders that end on them (real PP-OCR read)', () => {
  // Pages 1–2 of heldout13's fax scan of seed 002 (200 lines per inch, tilted; tuning data from round 20;
  // corpus/build/scan-page-cuts.ts). Its hairlines survive only as dashes where, tilted, they lie on a
  // scan line, found after the solid rules (`withDashedRules`). The indicator header's short column
  // borders (一级指标 | 二级指标 | 三级指标) meet only those dashes at their ends and were dropped as
  // strokes of text: the header was read as one cell and the document gave no report.
  const result = readScanOnce('test/fixtures/scan-flags/dashed-header-fax.pdf', 300_000);

  it('reads the indicator header, and the rows under it in their own level-2 cells', () => {
    const { document, reports } = result();
    expect(document.status).toBe('ok');
    expect(reports).toHaveLength(1);
    const rows = reports[0]!.indicators;
    // Golden 002: 数量指标 / 重点救助对象…救助比例, ≥70% beside 78.60%.
    expect(rows.find((r) => r.level3?.includes('救助比例'))).toMatchObject({ level2: '数量指标', target_raw: '≥70%' });
  });

  it('parts the rows at a dashed rule whose dashes grow along its edge row and a flipped pixel splits one', () => {
    // The rule over 医保综合监管能力 (page 2): not found, 数量指标 and 质量指标 were read as one cell.
    const rows = result().reports[0]!.indicators;
    expect(rows.find((r) => r.level3?.includes('农村低收入人口'))).toMatchObject({ level2: '数量指标', target_raw: '≥99%' });
    expect(rows.find((r) => r.level3?.includes('医保综合监管'))).toMatchObject({ level2: '质量指标', target_raw: '有所提升' });
  });
});

describe('a dashed rule a flipped pixel breaks (withDashedRules)', () => {
  // Page 2 of the same fixture, its rules found as the OCR path finds them. The fax's noise turned a
  // pixel of one dash of the rule over 医保综合监管能力 to paper: as two dashes, a fraction of a period
  // apart, they pulled the line's fitted period off, the dashes due in the wide 全年实际完成值 column
  // were not where it put them, and the rule stopped at that column (the row's value joined the one above).
  it('runs every row rule of the page to the right frame of the table, in one piece', async () => {
    const scanned = await withPdf(new Uint8Array(readFileSync(FIXTURE)), 'dashed-header-fax.pdf', async (doc) => renderPdfPage(await doc.getPage(2), 200));
    expect(isBilevel(scanned)).toBe(true);
    const flat = flattenPaper(despeckle(scanned));
    const level = otsuThreshold(flat);
    const upright = rotateImage(flat, measureSkew(flat, binarise(flat, level), () => binarise(flat, ruleThreshold(flat, level))));
    const { horizontal } = pageRules(upright, otsuThreshold(upright), isBilevel(scanned));
    // The page prints seven row rules (its header's two, then one over each of 数量指标's three rows, 质量指标 and 时效指标, and the foot).
    const right = Math.max(...horizontal.map((h) => h.x1));
    expect(horizontal).toHaveLength(7);
    for (const h of horizontal) expect(h.x1).toBeGreaterThanOrEqual(right - 6);
  }, 120_000);
});
