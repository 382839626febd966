import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { corpusFile } from './helpers';

describe('loading pdf.js', () => {
  it("leaves the engine's own Array.prototype.push and JSON.parse in place once a PDF has been read", async () => {
    const push = Array.prototype.push;
    const parse = JSON.parse;
    // Imported here, after the natives were noted: the module loads pdf.js on first use.
    const { withPdf } = await import('../parsers/pdf/open');
    const text = await withPdf(new Uint8Array(readFileSync(corpusFile('pdf', '001'))), '001', async (doc) => {
      const page = await doc.getPage(1);
      await page.getOperatorList();
      return (await page.getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join('');
    });
    expect(text).toContain('绩效');
    expect(Array.prototype.push).toBe(push);
    expect(JSON.parse).toBe(parse);
  });
});
