import { describe, expect, it } from 'vitest';
import { saysNothingLost } from '../pipeline/vocabulary/reasons';
import { readScanOnce } from './ocr-fixture';

describe('a scanned form read with no value in any row is a doubt, not a blank form (real PP-OCR read)', () => {
  // Pages 1–2 of heldout13's hires scan of seed 002 as Writer exports it in AR PL UMing
  // (corpus/build/scan-page-cuts.ts): the form prints values in every row, but the read gives its
  // level labels only. A text layer reads what is printed, so a blank form there is one; a scan's
  // read cannot tell a blank form from values it lost.
  const result = readScanOnce('test/fixtures/scan-flags/blank-read-hires.pdf', 300_000);

  it('gives no report and says the table may be missing, naming the form and its page', () => {
    const { document } = result();
    expect(document.status).toBe('no_report');
    expect(document.error).toMatch(/an evaluation form is read from the scan on page 1 \(「[^」]*一级指标[^」]*」\) with no indicator, target, actual, weight or score in any row: a blank form, or a scan whose values were not read/);
    expect(document.error).not.toContain('a blank evaluation form is printed');
    // The eval's test for a miss the output says: this one is said as a possible loss.
    expect(saysNothingLost(document.error!)).toBe(false);
  });
});
