import { describe, expect, it } from 'vitest';
import { extractDocument } from '../pipeline/extract';
import { blankPagesPdf } from './hostile/make-cases';

describe('a PDF of blank pages', () => {
  it('is read without rendering or OCR: no_report, its pages counted, the reason saying they are blank', async () => {
    const pages = 600;
    const result = await extractDocument(blankPagesPdf(pages), 'blank.pdf');
    expect(result.document).toMatchObject({ status: 'no_report', format: 'pdf', pages, ocr_pages: 0, report_count: 0 });
    expect(result.document.error).toContain(`all ${pages} pages are blank (nothing drawn on them)`);
  }, 120_000);
});
