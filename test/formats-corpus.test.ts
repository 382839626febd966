import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareDocument } from '../pipeline/evaluate/compare';
import { CORPUS, extractFile, golden } from './helpers';

// The golden records read back from spreadsheets (Calc's .xlsx and BIFF8 .xls, and that .xls
// named .et as WPS names it) and from Word 97 files (.doc, and one named .wps): every report and
// row as the hand-written records say, and `format` saying what the file is.
const files = (folder: string) => readdirSync(join(CORPUS, folder)).filter((f) => /^\d{3}-/.test(f)).sort();

describe.each([
  ['xlsx', 'xlsx'],
  ['doc', 'doc'],
])('%s corpus', (folder, format) => {
  it('holds every golden document, and the WPS copies', () => {
    const ids = new Set(files(folder).map((f) => f.slice(0, 3)));
    expect([...ids]).toEqual(['000', '001', '002', '003', '004']);
    expect(files(folder).some((f) => f.endsWith(folder === 'xlsx' ? '.et' : '.wps'))).toBe(true);
  });

  it.each(files(folder))('%s gives every report and row exactly', async (name) => {
    const result = await extractFile(join(CORPUS, folder, name));
    expect(result.document).toMatchObject({ status: 'ok', format });
    const score = compareDocument(golden(name.slice(0, 3)), result);
    expect(score.differences).toEqual([]);
    expect(score.rowsExact).toBe(score.rowsExpected);
    expect(score.reportsExtra + score.rowsExtra).toBe(0);
    expect(result.reports.every((r) => r.report.extraction_method === format)).toBe(true);
  });
});
