import { describe, expect, it } from 'vitest';
import { stripBetweenStrokes } from '../parsers/ocr/doubled-rules';
import { readScanOnce } from './ocr-fixture';

describe('a scanned table whose cells draw their borders apart keeps every column edge (real PP-OCR read)', () => {
  // Page 2 of a 150 dpi scan of seed 002 as WeasyPrint prints Writer's HTML export (corpus/build/scan-page-cuts.ts):
  // every cell draws its own sides, two hairlines a spacing apart; the pair between 二级指标 and 三级指标
  // runs into one band, as thick as a filled area. Dropped, it joined the two columns and lost the header.
  const result = readScanOnce('test/fixtures/scan-flags/doubled-borders-lowres.pdf', 300_000);

  it('reads the header and the rows under it, each level in its column', () => {
    const { document, reports } = result();
    expect(document.status).toBe('ok');
    const rows = reports.flatMap((r) => r.indicators);
    const row = rows.find((i) => (i.level3 ?? '').startsWith('重点救助对象政策范围内'));
    expect(row).toMatchObject({ level2: '数量指标', target_raw: '≥70%', actual_raw: '78.60%' });
  });
});

describe('a scanned table whose header words are read but not as its header says so (real PP-OCR read)', () => {
  // Page 2 of a fax scan of the same print: the binarised page keeps few rules, and the header row is
  // read into cells that join columns (`l .级级指指标标`, `指标值全年实际完成值`): no header is found.
  const result = readScanOnce('test/fixtures/scan-flags/unnamed-columns-fax.pdf', 300_000);

  it('gives no report with a reason that names the header words read and their page, not "no table found"', () => {
    const { document } = result();
    expect(document.status).toBe('no_report');
    expect(document.error).toMatch(/header words are read from the scan on page 1 \(「[^」]*三级指标[^」]*全年实际完成值[^」]*」\) but not as a header/);
    expect(document.error).not.toContain('no performance-evaluation table found');
  });
});

describe('the strip between two strokes of a band', () => {
  it('is the lightest line between two darker cores', () => {
    // A band measured across on a 150 dpi scan: two hairlines, paper (236–239) between them.
    expect(stripBetweenStrokes([182, 146, 161, 210, 239, 236, 209, 174, 180])).toBe(4);
  });
  it('is not found in a band dark all across, or one stroke', () => {
    expect(stripBetweenStrokes([90, 80, 85, 88, 82, 86, 90])).toBeNull();
    expect(stripBetweenStrokes([200, 150, 120, 150, 200])).toBeNull();
  });
});

describe('a doubled border that runs off the page at both ends is kept beside its pair (real PP-OCR read)', () => {
  // Pages 2–3 of the same 150 dpi scan of seed 002 (corpus/build/scan-page-cuts.ts). Page 3's table goes
  // on from page 2 and on to page 4, so the border between 二级指标 and 三级指标 meets no rule at either
  // end and is kept only as a loose column, which must stand clear of text. Beside it runs the other
  // stroke of its doubled pair, whose blur at 150 dpi comes within the clearance: it was taken for text,
  // the border dropped, and page 3's rows ran into page 2's last (`≥70% ≥99% 有所提升`).
  const result = readScanOnce('test/fixtures/scan-flags/doubled-borders-continued-lowres.pdf', 300_000);

  it('reads page 3 rows apart from page 2 rows', () => {
    const rows = result().reports.flatMap((r) => r.indicators);
    const ratio = rows.find((i) => (i.level3 ?? '').startsWith('重点救助对象政策范围内'));
    expect(ratio).toMatchObject({ target_raw: '≥70%', actual_raw: '78.60%' });
    const coverage = rows.find((i) => (i.level3 ?? '').startsWith('符合资助条件的农村低收入人口'));
    expect(coverage).toMatchObject({ target_raw: '≥99%', actual_raw: '≥99%' });
  });
});
