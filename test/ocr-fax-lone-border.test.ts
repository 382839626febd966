import { describe, expect, it } from 'vitest';
import { readScanOnce } from './ocr-fixture';

describe('a fax page whose table kept only its frame goes on in the columns of the page before (real PP-OCR read)', () => {
  // heldout14's fax scan of L05 as Writer's HTML import lays it out (corpus/build/scan-page-cuts.ts). Page 2
  // holds the table's last rows; the fax kept one rule of it, the frame's left side, which no other rule runs
  // beside, so the rule finder let it go and it stayed ink. Taken for text, that stroke overlapped every line
  // beside it and joined the page's lines into one, so no columns were found and the rows were read as text
  // (the report one row of seven). And where two values stand closer than a gutter (`≥20000 人 23518 人`), the
  // border page 1 draws between them parts them.
  const result = readScanOnce('test/fixtures/scan-flags/unaligned-rows-fax.pdf', 300_000);

  it('reads page 2 as the table page 1 ends on, each value in its column', () => {
    const { document, reports } = result();
    expect(document.error ?? '').not.toContain('could not be aligned');
    expect(reports).toHaveLength(1);
    const rows = reports[0]!.indicators;
    expect(rows.find((i) => i.level3 === '资助参加基本医疗保险人数')).toMatchObject({ target_raw: '≥20000人', actual_raw: '23518人' });
    expect(rows.find((i) => i.level3 === '救助对象满意度')).toMatchObject({ target_raw: '≥90%', actual_raw: '95%' });
  });
});
