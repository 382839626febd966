import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { compareDocument } from '../pipeline/evaluate/compare';
import { ofdParser } from '../parsers/ofd';
import { expandDeltas, readOfdPageContent, subpaths } from '../parsers/ofd/page-content';
import { parseXml } from '../parsers/ofd/xml';
import { DocumentError } from '../parsers/parser';
import { chooseParser } from '../parsers/registry';
import { corpusFile, extractFile, golden, ROOT } from './helpers';

const fixture = (name: string) => join(ROOT, 'test/fixtures/ofd', name);
const parse = (path: string) => ofdParser.parse(readFileSync(path), { name: path.replace(/^.*\//, '') });

describe('OFD documents of the corpus', () => {
  it.each(['000', '001', '002', '003', '004'])('%s: every report found, every indicator row as the golden record', async (id) => {
    const expected = golden(id);
    const result = await extractFile(corpusFile('ofd', id));
    const score = compareDocument(expected, result);
    expect(score.differences).toEqual([]);
    expect(score.reportsFound).toBe(expected.reports.length);
    expect(result.reports.every((r) => r.report.extraction_method === 'ofd')).toBe(true);
  });

  it('keeps each row on its printed page, a table continued over pages included', async () => {
    const result = await extractFile(corpusFile('ofd', '004'));
    const rows = result.reports.flatMap((r) => r.indicators);
    expect(rows.every((r) => r.page !== null)).toBe(true);
    const report = result.reports.find((r) => r.report.project_name === '建国初期退休干部医疗补助资金')!;
    expect(new Set(report.indicators.map((r) => r.page)).size).toBeGreaterThan(1);
    expect(report.report.page_start).toBe(Math.min(...report.indicators.map((r) => Number(r.page))));
  });

  it('reads rules drawn in page templates (001 draws its cell borders only in TemplatePage parts)', async () => {
    const zip = await JSZip.loadAsync(readFileSync(corpusFile('ofd', '001')));
    const page = await zip.file('Doc_0/Pages/Page_0/Content.xml')!.async('string');
    expect(page).not.toContain('PathObject');
    const doc = await parse(corpusFile('ofd', '001'));
    expect(doc.format).toBe('ofd');
    expect(doc.blocks.filter((b) => b.kind === 'table').length).toBeGreaterThan(0);
  });

  it('is chosen by extension and, misnamed, by its bytes', () => {
    const bytes = readFileSync(corpusFile('ofd', '002'));
    expect(chooseParser('report.ofd', bytes)?.format).toBe('ofd');
    expect(chooseParser('download.bin', bytes)?.format).toBe('ofd');
  });
});

describe('OFD text and path objects', () => {
  const page = (body: string) =>
    readOfdPageContent({ number: 3, content: parseXml(`<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer>${body}</ofd:Layer></ofd:Content></ofd:Page>`)!, templates: [], box: [0, 0, 210, 297] });

  it('expands `g n v` advances', () => {
    expect(expandDeltas('1 g 3 2.5 4')).toEqual([1, 2.5, 2.5, 2.5, 4]);
    expect(expandDeltas(undefined)).toEqual([]);
  });

  it('places glyphs by Boundary, CTM and DeltaX, and cuts a run where an advance leaves a gap', () => {
    // Size 1 pt (0.3528 mm) scaled by 10: a 10 pt font; the second TextCode inherits Y.
    const content = page(
      '<ofd:TextObject ID="1" Boundary="10 20 100 10" CTM="10 0 0 10 0 0" Size="0.3528"><ofd:TextCode X="0" Y="0.3528" DeltaX="0.3528 3">分值得</ofd:TextCode><ofd:TextCode X="5">分</ofd:TextCode></ofd:TextObject>',
    );
    expect(content.page).toBe(3);
    expect(content.runs.map((r) => r.text)).toEqual(['分值', '得', '分']);
    const [first, second] = content.runs;
    const pt = 72 / 25.4;
    expect(first!.size).toBeCloseTo(10, 1);
    expect(first!.x0).toBeCloseTo(10 * pt, 1);
    expect(first!.y1).toBeCloseTo((20 + 3.528) * pt, 1);
    expect(second!.x0).toBeCloseTo((10 + 33.528) * pt, 1);
    expect(content.runs[2]!.x0).toBeCloseTo((10 + 50) * pt, 1);
  });

  it('reads objects inside page blocks and skips invisible ones', () => {
    const content = page(
      '<ofd:PageBlock><ofd:TextObject ID="1" Boundary="10 10 50 5" Size="4"><ofd:TextCode X="0" Y="4">可见</ofd:TextCode></ofd:TextObject></ofd:PageBlock><ofd:TextObject ID="2" Visible="false" Boundary="10 30 50 5" Size="4"><ofd:TextCode X="0" Y="4">隐藏</ofd:TextCode></ofd:TextObject>',
    );
    expect(content.runs.map((r) => r.text)).toEqual(['可见']);
  });

  it('turns stroked lines and thin filled rectangles into rules, and ignores curves and large fills', () => {
    const content = page(
      [
        '<ofd:PathObject ID="2" Boundary="10 10 100 1"><ofd:AbbreviatedData>M 0 0.5 L 100 0.5</ofd:AbbreviatedData></ofd:PathObject>',
        '<ofd:PathObject ID="3" Boundary="10 10 0.2 50" Stroke="false" Fill="true"><ofd:AbbreviatedData>M 0 0 L 0.2 0 L 0.2 50 L 0 50 C</ofd:AbbreviatedData></ofd:PathObject>',
        '<ofd:PathObject ID="4" Boundary="10 10 50 50" Stroke="false" Fill="true"><ofd:AbbreviatedData>M 0 0 L 50 0 L 50 50 L 0 50 C</ofd:AbbreviatedData></ofd:PathObject>',
        '<ofd:PathObject ID="5" Boundary="10 10 50 50"><ofd:AbbreviatedData>M 0 0 B 10 40 30 40 50 0</ofd:AbbreviatedData></ofd:PathObject>',
      ].join(''),
    );
    expect(content.segments).toHaveLength(2);
    expect(content.segments[0]!.y0).toBe(content.segments[0]!.y1);
    expect(content.segments[1]!.x0).toBe(content.segments[1]!.x1);
    expect(subpaths('S 0 0 L 1 0 C M 5 5 L 5 9')).toEqual([
      [[0, 0], [1, 0], [0, 0]],
      [[5, 5], [5, 9]],
    ]);
  });
});

describe('damaged OFD files', () => {
  it.each([
    ['no-ofd-xml.ofd', /has no OFD\.xml/],
    ['truncated.ofd', /zip container is damaged or truncated/],
    ['not-ofd-xml.ofd', /OFD\.xml is not an OFD entry file/],
  ])('%s gets a clear error', async (name, message) => {
    const failure = parse(fixture(name));
    await expect(failure).rejects.toBeInstanceOf(DocumentError);
    await expect(failure).rejects.toThrow(message);
  });

  it('a page part named in Document.xml but missing from the package is named in the error', async () => {
    const zip = await JSZip.loadAsync(readFileSync(corpusFile('ofd', '002')));
    zip.remove('Doc_0/Pages/Page_1/Content.xml');
    const bytes = await zip.generateAsync({ type: 'uint8array' });
    await expect(ofdParser.parse(bytes, { name: 'x.ofd' })).rejects.toThrow(/page 2 \(Pages\/Page_1\/Content\.xml\) is missing/);
  });

  it('an empty file is said to be empty', async () => {
    await expect(ofdParser.parse(new Uint8Array(), { name: 'x.ofd' })).rejects.toThrow(/empty/);
  });
});
