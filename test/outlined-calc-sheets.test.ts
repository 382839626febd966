import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ocrConfig } from '../parsers/ocr/config';
import { pdfParser } from '../parsers/pdf';
import { ROOT } from './helpers';

/** The blocks of a fixture page whose text is outlines (test/fixtures/pdf/README.md). */
async function blocks(name: string) {
  const path = join(ROOT, 'test/fixtures/pdf', `${name}.pdf`);
  return (await pdfParser.parse(readFileSync(path), { name: path, ocr: ocrConfig() })).blocks;
}

const cellTexts = (all: Awaited<ReturnType<typeof blocks>>) => all.flatMap((b) => (b.kind === 'table' ? b.table.rows.flat().map((c) => c.text.replace(/\s/g, '')) : []));
const lineTexts = (all: Awaited<ReturnType<typeof blocks>>) => all.flatMap((b) => (b.kind === 'text' ? [b.text] : []));

describe("an outlined cell's line printed over its table's top rule", () => {
  it('is the cell’s where a narrow digit begins it: `100%。符合` over page 3, the table one across the break', async () => {
    // Calc's bordered print of seed 002 turned into outlines, pages 2-3: the indicator header ends page 2; page 3's row
    // sets its actual value at its foot, and its first line stands over the table's top rule, past the column's rules.
    const all = await blocks('gs-outlines-text-over-top');
    expect(lineTexts(all).filter((t) => t.includes('100%'))).toEqual([]);
    expect(all.filter((b) => b.kind === 'table')).toHaveLength(1);
    expect(cellTexts(all).find((t) => t.includes('救助条件的对象已按规定'))).toMatch(/^100%。符合救助条件的对象已按规定纳入救助范围。/);
  }, 120_000);

  it('is the cell’s where a line of digits alone sits a point off the cell’s line pitch: `100%。有效` over page 8', async () => {
    // Pages 7-8 of the same print: the cell's 26 lines under the rule include `100%。2023`, whose ink's top is a digit's.
    const all = await blocks('gs-outlines-text-over-top-uneven');
    expect(lineTexts(all).filter((t) => t.includes('100%'))).toEqual([]);
    expect(cellTexts(all).find((t) => t.includes('医疗救助制度对特困人员'))).toMatch(/^100%。有效缓解。医疗救助制度对特困人员/);
  }, 120_000);
});
