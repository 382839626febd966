import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as CFB from 'cfb';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { chooseParser } from '../parsers/registry';
import { sniffType } from '../parsers/sniff';
import { detectContentType } from '../pipeline/crawl/content-type';
import { extractDocument } from '../pipeline/extract';
import { CORPUS, corpusFile, ROOT } from './helpers';

const file = (path: string) => readFileSync(join(CORPUS, path));

describe('the sniffing table', () => {
  it.each([
    ['pdf/002-guangxi-transfer-region.pdf', 'pdf', 'pdf'],
    ['docx/002-guangxi-transfer-region.docx', 'docx', 'docx'],
    ['xlsx/002-guangxi-transfer-region.xlsx', 'xlsx', 'xlsx'],
    ['xlsx/002-guangxi-transfer-region.xls', 'xlsx', 'xls'],
    ['xlsx/003-jinfeng-evaluation-report-wps.et', 'xlsx', 'xls'],
    ['doc/002-guangxi-transfer-region.doc', 'doc', 'doc'],
    ['doc/001-jiange-department-wps.wps', 'doc', 'doc'],
    ['html/002-guangxi-transfer-region.html', 'html', 'html'],
    ['seeds/002_d9e8f365160b70ab.txt', 'text', 'txt'],
  ])('%s is %s (.%s) by its content', (path, format, ext) => {
    expect(sniffType(file(path))).toMatchObject({ format, ext });
  });

  it('tells an OFD zip by its OFD.xml, and proves nothing of an empty or unknown compound file', async () => {
    const ofd = new JSZip();
    ofd.file('OFD.xml', '<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"/>');
    ofd.file('Doc_0/Document.xml', '<ofd:Document/>');
    expect(sniffType(await ofd.generateAsync({ type: 'uint8array' }))).toMatchObject({ format: 'ofd', ext: 'ofd', proof: 'magic' });
    const other = new JSZip();
    other.file('readme.txt', 'x');
    expect(sniffType(await other.generateAsync({ type: 'uint8array' }))).toMatchObject({ format: null, ext: 'zip' });
    const bare = CFB.utils.cfb_new();
    CFB.utils.cfb_add(bare, 'Contents', Buffer.from('x'));
    expect(sniffType(CFB.write(bare, { type: 'buffer' }) as Buffer)).toBeNull();
    expect(sniffType(new Uint8Array(0))).toBeNull();
  });

  it('gives the crawler the same answer for a body served as octet-stream', () => {
    const xls = detectContentType('application/octet-stream', file('xlsx/002-guangxi-transfer-region.xls'), 'http://x.invalid/download.jsp?id=3');
    expect(xls).toMatchObject({ mime: 'application/vnd.ms-excel', ext: 'xls' });
    const doc = detectContentType('application/octet-stream', file('doc/002-guangxi-transfer-region.doc'), 'http://x.invalid/files/a.wps');
    expect(doc).toMatchObject({ mime: 'application/msword', ext: 'doc' });
    const xlsx = detectContentType('text/html', file('xlsx/002-guangxi-transfer-region.xlsx'), 'http://x.invalid/a.html');
    expect(xlsx).toMatchObject({ ext: 'xlsx' });
  });
});

describe('a misnamed file is read by what it is', () => {
  it.each([
    ['an .xls named .doc', 'xlsx/002-guangxi-transfer-region.xls', '附件.doc', 'xlsx'],
    ['a .doc named .xls', 'doc/002-guangxi-transfer-region.doc', '附件.xls', 'doc'],
    ['a .docx named .doc', 'docx/002-guangxi-transfer-region.docx', '附件.doc', 'docx'],
    ['an .xlsx named .et', 'xlsx/002-guangxi-transfer-region.xlsx', '附件.et', 'xlsx'],
    ['a web page named .pdf', 'html/002-guangxi-transfer-region.html', 'page.pdf', 'html'],
    ['a web page exported as .xls (an HTML table saved for Excel)', 'html/002-guangxi-transfer-region.html', 'export.xls', 'html'],
  ])('%s', async (_what, path, name, format) => {
    const r = await extractDocument(file(path), name);
    expect(r.document).toMatchObject({ status: 'ok', format, report_count: 1 });
    expect(r.reports[0]!.indicators).toHaveLength(11);
  });

  it('keeps markdown holding HTML markup a text document', () => {
    const md = readFileSync(join(ROOT, 'test/fixtures/formats/converted.md'));
    expect(sniffType(md)).toMatchObject({ format: 'html', proof: 'markup' });
    expect(chooseParser('report.md', md)?.format).toBe('text');
    expect(chooseParser('download', md)?.format).toBe('html');
    expect(chooseParser('report.xyz', readFileSync(corpusFile('seeds', '002')))).toBeUndefined();
  });
});
