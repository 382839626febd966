import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { measureSkew, rotateImage } from '../parsers/ocr/deskew';
import { binarise, otsuThreshold, ruleThreshold } from '../parsers/ocr/detect-rules';
import { flattenPaper } from '../parsers/ocr/flatten-paper';
import { pageRules } from '../parsers/ocr/page-rules';
import { withPdf } from '../parsers/pdf/open';
import { renderPdfPage } from '../parsers/pdf/render-page';
import { readScanOnce } from './ocr-fixture';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'scan-flags', 'running-head-heavy.pdf');

describe('a heavily blurred page head is text, not a rule (rules as the OCR path finds them)', () => {
  // Page 2 of heldout16's heavy scan of L12 as Chromium prints it (tuning data from round 21 on;
  // corpus/build/scan-page-cuts.ts). The browser's page head over the table, in small type, blurred
  // into long runs on every row of its line; linked row to row they made one track as deep as the
  // line and, by its ink over its length, as thin as a rule. Taken for a rule and erased, it took the
  // head with it.
  it('finds no horizontal rule over the table’s frame', async () => {
    const scanned = await withPdf(new Uint8Array(readFileSync(FIXTURE)), 'running-head-heavy.pdf', async (doc) => renderPdfPage(await doc.getPage(2), 200));
    const flat = flattenPaper(scanned);
    const level = otsuThreshold(flat);
    const upright = rotateImage(flat, measureSkew(flat, binarise(flat, level), () => binarise(flat, ruleThreshold(flat, level))));
    const { horizontal, vertical } = pageRules(upright, otsuThreshold(upright), false);
    const frameTop = Math.min(...vertical.map((v) => v.y0));
    expect(horizontal.length).toBeGreaterThan(0);
    for (const h of horizontal) expect(h.y0).toBeGreaterThanOrEqual(frameTop - 6);
  }, 120_000);
});

describe('a scan’s page head read a character off on one page is still its running head (real PP-OCR read)', () => {
  // The whole scan: page 1 reads its head `…绩效自评表（修改）坊市食品工程学校` (`-廊` lost under the
  // blur), page 2 `…绩效自评表(修改)-廊坊市食品工程学校`. Matched exactly, the head ran on no page but
  // its own: it stood between the table ending page 1 and its rest on page 2, which was read as a
  // table of its own whose five rows were in no report, and the form's 总分 with them.
  const result = readScanOnce('test/fixtures/scan-flags/running-head-heavy.pdf', 300_000);

  it('goes on with page 1’s table on page 2: its rows are the report’s', () => {
    const { reports } = result();
    expect(reports).toHaveLength(1);
    const rows = reports[0]!.indicators;
    // Golden L12: 满意度指标 / 服务对象满意度指标 / 学生满意度, 100 beside 100, on page 2.
    expect(rows.find((r) => r.level3?.includes('学生满意度'))).toMatchObject({ target_raw: '100', actual_raw: '100' });
    expect(rows.find((r) => r.level3?.includes('成本控制率'))).toMatchObject({ target_raw: '100', actual_raw: '100' });
    expect(reports[0]!.report.total_printed).toBe('98');
  });
});
