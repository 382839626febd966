// Writes the hostile and broken files of issue 15 into a folder, beside ordinary corpus
// documents. `test` scale hits each limit with the smallest input that reaches it (the suite's
// batch runs with --max-decoded 64); `full` is the size first seen to break a batch (for the
// measurement: `npx tsx test/hostile/make-cases.ts <dir> full`).
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { constants as zconst, deflateRawSync, deflateSync } from 'node:zlib';
import { createCanvas } from '@napi-rs/canvas';
import iconv from 'iconv-lite';
import JSZip from 'jszip';
import { corpusFile } from '../helpers';

export type Scale = 'test' | 'full';

/** A PDF of the given objects (1-based, `n 0 obj` added), object 1 the catalog. */
function pdf(objects: Buffer[]): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets: number[] = [];
  let at = parts[0]!.length;
  objects.forEach((body, i) => {
    offsets.push(at);
    const chunk = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), body, Buffer.from('\nendobj\n')]);
    parts.push(chunk);
    at += chunk.length;
  });
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${at}\n%%EOF\n`));
  return Buffer.concat(parts);
}
const stream = (dict: string, data: Buffer) => Buffer.concat([Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`), data, Buffer.from('\nendstream')]);
const obj = (text: string) => Buffer.from(text);

/** One page drawing `content`, with `resources`; further objects from 5 on. */
const onePage = (content: Buffer, resources = '<< >>', more: Buffer[] = []) =>
  pdf([
    obj('<< /Type /Catalog /Pages 2 0 R >>'),
    obj('<< /Type /Pages /Kids [3 0 R] /Count 1 >>'),
    obj(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources ${resources} >>`),
    stream('/Filter /FlateDecode', deflateSync(content)),
    ...more,
  ]);

/** A page ruled by `count` short horizontal strokes: a table no page holds. */
function ruledPdf(count: number): Buffer {
  const lines: string[] = ['0.5 w'];
  for (let i = 0; i < count; i++) lines.push(`${50 + (i % 400)} ${50 + ((i >> 3) % 700)} m ${60 + (i % 400)} ${50 + ((i >> 3) % 700)} l`);
  lines.push('S');
  return onePage(Buffer.from(lines.join('\n')));
}

/**
 * `length` zero bytes zlib-compressed without ever holding them: one 16 MB deflate block
 * sequence repeated, a final empty block, and the Adler-32 of zeros (A = 1, B = length).
 */
function deflatedZeros(length: number): Buffer {
  const piece = 16 * 2 ** 20;
  const full = deflateRawSync(Buffer.alloc(piece), { finishFlush: zconst.Z_SYNC_FLUSH });
  const parts: Buffer[] = [Buffer.from([0x78, 0x01])];
  let left = length;
  for (; left >= piece; left -= piece) parts.push(full);
  if (left > 0) parts.push(deflateRawSync(Buffer.alloc(left), { finishFlush: zconst.Z_SYNC_FLUSH }));
  parts.push(deflateRawSync(Buffer.alloc(0)));
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE((((length % 65521) << 16) | 1) >>> 0);
  parts.push(adler);
  return Buffer.concat(parts);
}

/** A page showing one gray image of `side` × `side` pixels. */
const hugeImagePdf = (side: number) =>
  onePage(Buffer.from('q 595 0 0 842 0 0 cm /Im0 Do Q'), '<< /XObject << /Im0 5 0 R >> >>', [
    Buffer.concat([
      Buffer.from(`<< /Type /XObject /Subtype /Image /Width ${side} /Height ${side} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode `),
      (() => {
        const data = deflatedZeros(side * side);
        return Buffer.concat([Buffer.from(`/Length ${data.length} >>\nstream\n`), data, Buffer.from('\nendstream')]);
      })(),
    ]),
  ]);

/** `count` pages with nothing drawn on them: an empty content stream, or on every other page only a clip (a path never painted), as some producers write. */
export function blankPagesPdf(count: number): Buffer {
  const kids = Array.from({ length: count }, (_, i) => `${i + 5} 0 R`).join(' ');
  return pdf([
    obj('<< /Type /Catalog /Pages 2 0 R >>'),
    obj(`<< /Type /Pages /Kids [${kids}] /Count ${count} >>`),
    stream('', Buffer.alloc(0)),
    stream('', Buffer.from('q 0 0 595 842 re W n Q')),
    ...Array.from({ length: count }, (_, i) => obj(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents ${3 + (i % 2)} 0 R >>`)),
  ]);
}

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
/** A .docx of the given document.xml (the minimum Word needs around it). */
async function docx(documentXml: string | Buffer): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>');
  zip.file('_rels/.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>');
  zip.file('word/document.xml', documentXml);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 1 } });
}

/** The same zip with every entry declaring it inflates to 1 KB: only the actual size tells. */
function lyingSizes(zip: Buffer): Buffer {
  const out = Buffer.from(zip);
  for (let at = out.indexOf('PK\x01\x02', 0, 'latin1'); at >= 0; at = out.indexOf('PK\x01\x02', at + 4, 'latin1')) {
    out.writeUInt32LE(1024, at + 24);
    out.writeUInt32LE(1024, out.readUInt32LE(at + 42) + 22);
  }
  return out;
}

/** A PNG of a blank 200 × 200 page: large enough to be read as a table if it were loaded. */
const blankPng = () => createCanvas(200, 200).toBuffer('image/png');

export interface HostileCase {
  name: string;
  status: 'ok' | 'no_report' | 'failed';
  reason: RegExp;
}

/** Ordinary documents mixed in: their reports must come out as when read alone. */
export const ORDINARY = [
  { name: 'ordinary-004.txt', from: () => corpusFile('seeds', '004') },
  { name: 'ordinary-001.html', from: () => corpusFile('html', '001') },
  { name: 'ordinary-004.docx', from: () => corpusFile('docx', '004') },
  { name: 'ordinary-000.pdf', from: () => corpusFile('pdf', '000') },
];

/**
 * Writes every case into `dir` (and a folder outside it that symlinks point to) and returns
 * what each file's documents.csv row must say. Files that cannot be made here (no mkfifo) are
 * left out of the list.
 */
export async function makeHostileCases(dir: string, outside: string, scale: Scale): Promise<HostileCase[]> {
  const full = scale === 'full';
  const cases: HostileCase[] = [];
  const put = (name: string | Buffer, bytes: string | Buffer, expect?: Omit<HostileCase, 'name'>) => {
    writeFileSync(typeof name === 'string' ? join(dir, name) : Buffer.concat([Buffer.from(`${dir}/`), name]), bytes);
    if (expect && typeof name === 'string') cases.push({ name, ...expect });
  };
  for (const o of ORDINARY) copyFileSync(o.from(), join(dir, o.name));

  const depthLimit = /nests its elements more than \d+ deep.*hostile or broken/;
  put('nested-tables.docx', await docx(`<w:document ${W}><w:body>${'<w:tbl><w:tr><w:tc>'.repeat(200_000)}<w:p/>${'</w:tc></w:tr></w:tbl>'.repeat(200_000)}</w:body></w:document>`), { status: 'failed', reason: depthLimit });
  put('deep.html', `<html><body>${'<div>'.repeat(200_000)}x${'</div>'.repeat(200_000)}</body></html>`, { status: 'failed', reason: depthLimit });
  put('spans.html', `<html><body><table>${'<tr><td colspan="65534" rowspan="65534">项目</td><td>1</td></tr>'.repeat(5000)}</table></body></html>`, { status: 'failed', reason: /spans more than \d+ grid cells/ });
  put('rules.pdf', ruledPdf(full ? 2_000_000 : 250_000), { status: 'failed', reason: /page 1 of .*rules\.pdf draws more than \d+ ruling segments/ });
  put('huge-image.pdf', hugeImagePdf(full ? 30_000 : 10_000), { status: 'failed', reason: /an image in .* is \d+ × \d+ px .*over the 64 megapixels limit.*raise --max-pixels/ });
  put('blank-5000.pdf', blankPagesPdf(5000), { status: 'failed', reason: /has 5000 pages, over the 1000-page limit.*raise --max-pages/ });
  put('blank-600.pdf', blankPagesPdf(600), { status: 'no_report', reason: /all 600 pages are blank \(nothing drawn on them\)/ });
  const bomb = full ? 1024 * 2 ** 20 : 100 * 2 ** 20;
  const bombXml = Buffer.concat([Buffer.from(`<w:document ${W}><w:body><w:p><w:r><w:t>`), Buffer.alloc(bomb, 0x20), Buffer.from('</w:t></w:r></w:p></w:body></w:document>')]);
  const bombZip = await docx(bombXml);
  const zipLimit = /inflates to more than \d+ MB .*raise --max-decoded/;
  put('bomb.docx', bombZip, { status: 'failed', reason: zipLimit });
  put('bomb-lying.docx', lyingSizes(bombZip), { status: 'failed', reason: zipLimit });

  // Text encodings: the reason must be the real one, or the page reads.
  const page = readFileSync(corpusFile('html', '004'), 'utf8');
  put('utf16le-bom.html', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(page, 'utf16le')]), { status: 'ok', reason: /^$/ });
  put('utf16be-nobom.html', iconv.encode(page, 'utf16be'), { status: 'ok', reason: /^$/ });
  put('gbk-declared-utf8.html', iconv.encode(page, 'gbk'), { status: 'ok', reason: /^$/ });
  // A name whose bytes are not UTF-8 (GBK for 报告): read by its bytes, not "no such file".
  put(Buffer.from([0x73, 0x65, 0x65, 0x64, 0x2d, 0xb1, 0xa8, 0xb8, 0xe6, 0x2e, 0x74, 0x78, 0x74]), readFileSync(corpusFile('seeds', '002')));
  cases.push({ name: 'seed-\\xb1\\xa8\\xb8\\xe6.txt', status: 'ok', reason: /^$/ });

  // Broken files.
  const ordinaryPdf = readFileSync(corpusFile('pdf', '004'));
  put('cut.pdf', ordinaryPdf.subarray(0, Math.floor(ordinaryPdf.length / 3)), { status: 'failed', reason: /damaged|truncated/ });
  put('empty.pdf', '', { status: 'failed', reason: /empty/ });
  const ordinaryDocx = readFileSync(corpusFile('docx', '004'));
  put('cut.docx', ordinaryDocx.subarray(0, Math.floor(ordinaryDocx.length / 2)), { status: 'failed', reason: /damaged or truncated/ });
  put('notes.xyz', '一级指标 二级指标', { status: 'failed', reason: /unsupported file type/ });

  // Reads outside the inputs: links out are not followed, nor pictures through a linked folder.
  writeFileSync(join(outside, 'secret.txt'), '一级指标 outside the inputs');
  mkdirSync(join(outside, 'pics'));
  writeFileSync(join(outside, 'pics', 'table.png'), blankPng());
  symlinkSync(join(outside, 'secret.txt'), join(dir, 'link-out.txt'));
  cases.push({ name: 'link-out.txt', status: 'failed', reason: /symlink leading outside .*not followed/ });
  symlinkSync(join(outside, 'pics'), join(dir, 'pics'));
  cases.push({ name: 'pics', status: 'failed', reason: /symlink leading outside .*not followed/ });
  put('linked-image.html', '<html><body><p>见下表</p><img src="pics/table.png"></body></html>', { status: 'no_report', reason: /1 image\(s\) not read \(not saved beside the page/ });
  symlinkSync('ordinary-004.txt', join(dir, 'link-in.txt'));
  // Read, and its reports listed once: under the file it links to.
  cases.push({ name: 'link-in.txt', status: 'ok', reason: /^the same bytes as .*ordinary-004\.txt \(doc_id [0-9a-f]{16}\): its \d+ report\(s\) are listed once, under that document$/ });

  // Unreadable to the user running the batch (the suite runs it as another user when root).
  copyFileSync(corpusFile('seeds', '002'), join(dir, 'locked.txt'));
  chmodSync(join(dir, 'locked.txt'), 0o000);
  cases.push({ name: 'locked.txt', status: 'failed', reason: /permission denied: cannot read the file/ });
  mkdirSync(join(dir, 'locked-folder'));
  copyFileSync(corpusFile('seeds', '002'), join(dir, 'locked-folder', 'inside.txt'));
  chmodSync(join(dir, 'locked-folder'), 0o000);
  cases.push({ name: 'locked-folder', status: 'failed', reason: /permission denied: cannot list the folder/ });
  try {
    execFileSync('mkfifo', [join(dir, 'pipe.txt')]);
    cases.push({ name: 'pipe.txt', status: 'failed', reason: /a named pipe, not a document/ });
  } catch {
    // No mkfifo here: that case is left out.
  }
  return cases;
}

if (process.argv[1]?.endsWith('make-cases.ts')) {
  const [dir, scale] = process.argv.slice(2) as [string, Scale | undefined];
  mkdirSync(join(dir, 'in'), { recursive: true });
  mkdirSync(join(dir, 'outside'), { recursive: true });
  const cases = await makeHostileCases(join(dir, 'in'), join(dir, 'outside'), scale ?? 'full');
  process.stdout.write(`${cases.length} cases and ${ORDINARY.length} ordinary documents in ${join(dir, 'in')}\n`);
}
