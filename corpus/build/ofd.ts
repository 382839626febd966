// Writes OFD versions (GB/T 33190-2016) of the ruled corpus PDFs (corpus/pdf/00N-*.pdf, not the
// -unruled ones) into corpus/ofd/, as PDF-to-OFD converters lay them out: one TextObject per pdf.js
// text item, its Boundary the item's box, its glyph advances in DeltaX (`g n v` where repeated);
// one PathObject per ruling path. Debian has no OFD producer, so the two layouts seen in real
// files are written in turn:
// - "ctm" (even ids; as Suwell's converter writes): Size = 1 pt in mm, the font size in the CTM,
//   X/Y/DeltaX in the scaled space, a text item cut into several TextCodes at its spaces (the
//   later ones inheriting Y), rules as thin filled rectangles, all in one Body layer;
// - "mm" (odd ids; as ofdrw / iOFD write): Size in mm, no CTM, one TextCode per object, rules as
//   stroked lines drawn in a per-page template (TemplatePage) behind the body layer.
// Glyph advances: pdf.js gives an item's width, not each glyph's, so the width is shared out an
// em per CJK or full-width character and half an em per other character.
// Also writes test/fixtures/ofd/: damaged files for the error tests.
// Usage: npx tsx corpus/build/ofd.ts
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import { CJK } from '../../parsers/page/text-lines';
import { withPdf, type PdfPage } from '../../parsers/pdf/open';
import { readPageContent } from '../../parsers/pdf/page-content';
import type { Segment } from '../../schemas/page';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const MM_PER_PT = 25.4 / 72;
const NS = 'http://www.ofdspec.org/2016';
/** Cell borders of LibreOffice's PDF export: 0.5 pt. */
const RULE_WIDTH_MM = 0.5 * MM_PER_PT;

type Style = 'ctm' | 'mm';
type Matrix = [number, number, number, number, number, number];

const mm = (pt: number) => Number((pt * MM_PER_PT).toFixed(4));
const num = (v: number) => String(Number(v.toFixed(4)));
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Advances written the way producers compress them: a run of equal values as `g n v`. */
function deltas(values: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < values.length; ) {
    let j = i;
    while (j < values.length && num(values[j]!) === num(values[i]!)) j++;
    out.push(j - i > 1 ? `g ${j - i} ${num(values[i]!)}` : num(values[i]!));
    i = j;
  }
  return out.join(' ');
}

const deltaAttr = (values: number[]) => (values.length > 0 ? ` DeltaX="${deltas(values)}"` : '');

/** Each character's advance (points): the item's width shared out by character class. */
function advances(text: string, width: number): number[] {
  const chars = [...text];
  const weights = chars.map((c) => (CJK.test(c) ? 1 : 0.5));
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  return weights.map((w) => (width * w) / total);
}

interface Item {
  text: string;
  /** Baseline origin in points from the page's top-left. */
  x: number;
  y: number;
  width: number;
  size: number;
}

async function pageItems(page: PdfPage): Promise<Item[]> {
  const view = page.getViewport({ scale: 1 }).transform as Matrix;
  const items: Item[] = [];
  for (const item of (await page.getTextContent()).items) {
    if (!('str' in item) || item.str.trim() === '') continue;
    const t = item.transform as Matrix;
    const x = view[0] * t[4] + view[2] * t[5] + view[4];
    const y = view[1] * t[4] + view[3] * t[5] + view[5];
    items.push({ text: item.str, x, y, width: item.width, size: Math.hypot(t[2], t[3]) || Math.hypot(t[0], t[1]) });
  }
  return items;
}

let nextId = 1;
const id = () => nextId++;

function textObject(item: Item, style: Style): string {
  const adv = advances(item.text, item.width);
  const boundary = `${num(mm(item.x))} ${num(mm(item.y - item.size))} ${num(mm(item.width))} ${num(mm(item.size * 1.2))}`;
  if (style === 'mm') {
    return `<ofd:TextObject ID="${id()}" Boundary="${boundary}" Font="2" Size="${num(mm(item.size))}"><ofd:FillColor Value="0 0 0"/><ofd:TextCode X="0" Y="${num(mm(item.size))}"${deltaAttr(adv.slice(0, -1).map(mm))}>${escape(item.text)}</ofd:TextCode></ofd:TextObject>`;
  }
  // The CTM scales by the font size (in points): coordinates are millimetres / size.
  const k = (pt: number) => mm(pt) / item.size;
  const codes: string[] = [];
  const chars = [...item.text];
  let start = 0;
  for (let i = 0; i <= chars.length; i++) {
    if (i < chars.length && !(chars[i] === ' ' && i > start)) continue;
    const piece = chars.slice(start, i);
    if (piece.join('').trim() !== '') {
      const pieceX = adv.slice(0, start).reduce((a, b) => a + b, 0);
      const y = codes.length === 0 ? ` Y="${num(k(item.size))}"` : '';
      codes.push(`<ofd:TextCode X="${num(k(pieceX))}"${y}${deltaAttr(adv.slice(start, i - 1).map(k))}>${escape(piece.join(''))}</ofd:TextCode>`);
    }
    start = i;
  }
  return `<ofd:TextObject ID="${id()}" Boundary="${boundary}" CTM="${num(item.size)} 0 0 ${num(item.size)} 0 0" Font="2" Size="${num(mm(1))}"><ofd:FillColor Value="0 0 0"/>${codes.join('')}</ofd:TextObject>`;
}

function pathObject(s: Segment, style: Style): string {
  const horizontal = s.y0 === s.y1;
  const w = mm(s.x1 - s.x0);
  const h = mm(s.y1 - s.y0);
  const half = RULE_WIDTH_MM / 2;
  if (style === 'mm') {
    const boundary = horizontal ? `${num(mm(s.x0))} ${num(mm(s.y0) - half)} ${num(w)} ${num(RULE_WIDTH_MM)}` : `${num(mm(s.x0) - half)} ${num(mm(s.y0))} ${num(RULE_WIDTH_MM)} ${num(h)}`;
    const data = horizontal ? `M 0 ${num(half)} L ${num(w)} ${num(half)}` : `M ${num(half)} 0 L ${num(half)} ${num(h)}`;
    return `<ofd:PathObject ID="${id()}" Boundary="${boundary}" LineWidth="${num(RULE_WIDTH_MM)}"><ofd:StrokeColor Value="0 0 0"/><ofd:AbbreviatedData>${data}</ofd:AbbreviatedData></ofd:PathObject>`;
  }
  const [bw, bh] = horizontal ? [w, RULE_WIDTH_MM] : [RULE_WIDTH_MM, h];
  const [bx, by] = horizontal ? [mm(s.x0), mm(s.y0) - half] : [mm(s.x0) - half, mm(s.y0)];
  return `<ofd:PathObject ID="${id()}" Boundary="${num(bx)} ${num(by)} ${num(bw)} ${num(bh)}" Stroke="false" Fill="true"><ofd:FillColor Value="0 0 0"/><ofd:AbbreviatedData>M 0 0 L ${num(bw)} 0 L ${num(bw)} ${num(bh)} L 0 ${num(bh)} C</ofd:AbbreviatedData></ofd:PathObject>`;
}

const xml = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>\n${body}`;

async function writeOfd(pdfFile: string, style: Style): Promise<Uint8Array> {
  nextId = 1;
  const zip = new JSZip();
  const pages: Array<{ box: string; body: string; rules: string }> = [];
  await withPdf(readFileSync(pdfFile), pdfFile, async (doc) => {
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const { width, height, segments } = await readPageContent(page);
      const texts = (await pageItems(page)).map((item) => textObject(item, style)).join('\n');
      const rules = segments.map((s) => pathObject(s, style)).join('\n');
      pages.push({ box: `0 0 ${num(mm(width))} ${num(mm(height))}`, body: texts, rules });
      page.cleanup();
    }
  });
  zip.file(
    'OFD.xml',
    xml(`<ofd:OFD xmlns:ofd="${NS}" Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>${pdfFile.replace(/^.*\//, '').slice(0, 3)}</ofd:DocID><ofd:Creator>jixiao corpus/build/ofd.ts</ofd:Creator></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>`),
  );
  const templates = style === 'mm' ? pages.map((_, i) => `<ofd:TemplatePage ID="${9000 + i}" BaseLoc="Tpls/Tpl_${i}/Content.xml"/>`).join('') : '';
  zip.file(
    'Doc_0/Document.xml',
    xml(
      `<ofd:Document xmlns:ofd="${NS}"><ofd:CommonData><ofd:MaxUnitID>${nextId}</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>${pages[0]!.box}</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes>${templates}</ofd:CommonData><ofd:Pages>${pages.map((_, i) => `<ofd:Page ID="${8000 + i}" BaseLoc="Pages/Page_${i}/Content.xml"/>`).join('')}</ofd:Pages></ofd:Document>`,
    ),
  );
  zip.file('Doc_0/PublicRes.xml', xml(`<ofd:Res xmlns:ofd="${NS}" BaseLoc="Res"><ofd:Fonts><ofd:Font ID="2" FontName="宋体" FamilyName="宋体"/></ofd:Fonts></ofd:Res>`));
  pages.forEach((p, i) => {
    const area = `<ofd:Area><ofd:PhysicalBox>${p.box}</ofd:PhysicalBox></ofd:Area>`;
    if (style === 'mm') {
      zip.file(`Doc_0/Tpls/Tpl_${i}/Content.xml`, xml(`<ofd:Page xmlns:ofd="${NS}"><ofd:Content><ofd:Layer ID="${id()}" Type="Background">${p.rules}</ofd:Layer></ofd:Content></ofd:Page>`));
      zip.file(`Doc_0/Pages/Page_${i}/Content.xml`, xml(`<ofd:Page xmlns:ofd="${NS}"><ofd:Template TemplateID="${9000 + i}" ZOrder="Background"/>${area}<ofd:Content><ofd:Layer ID="${id()}">${p.body}</ofd:Layer></ofd:Content></ofd:Page>`));
    } else {
      zip.file(`Doc_0/Pages/Page_${i}/Content.xml`, xml(`<ofd:Page xmlns:ofd="${NS}">${area}<ofd:Content><ofd:Layer ID="${id()}">${p.rules}\n${p.body}</ofd:Layer></ofd:Content></ofd:Page>`));
    }
  });
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

/** Damaged files for the error tests: a zip without OFD.xml, a truncated package, OFD.xml that is not OFD. */
async function writeBadFixtures(sample: Uint8Array): Promise<void> {
  const dir = join(ROOT, 'test/fixtures/ofd');
  mkdirSync(dir, { recursive: true });
  const noEntry = new JSZip();
  noEntry.file('Doc_0/Document.xml', xml(`<ofd:Document xmlns:ofd="${NS}"/>`));
  writeFileSync(join(dir, 'no-ofd-xml.ofd'), await noEntry.generateAsync({ type: 'uint8array' }));
  writeFileSync(join(dir, 'truncated.ofd'), sample.subarray(0, Math.floor(sample.length / 2)));
  const notOfd = new JSZip();
  notOfd.file('OFD.xml', xml('<html><body>not an OFD entry</body></html>'));
  writeFileSync(join(dir, 'not-ofd-xml.ofd'), await notOfd.generateAsync({ type: 'uint8array' }));
}

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  process.stdout.write('Usage: npx tsx corpus/build/ofd.ts\nRewrites corpus/ofd from the ruled corpus PDFs, and the damaged OFD fixtures in test/fixtures/ofd.\n');
} else {
  const outDir = join(ROOT, 'corpus/ofd');
  mkdirSync(outDir, { recursive: true });
  let first: Uint8Array | undefined;
  for (const file of readdirSync(join(ROOT, 'corpus/pdf')).filter((f) => /^\d{3}-.*\.pdf$/.test(f) && !f.includes('-unruled')).sort()) {
    const style: Style = Number(file.slice(0, 3)) % 2 === 0 ? 'ctm' : 'mm';
    const bytes = await writeOfd(join(ROOT, 'corpus/pdf', file), style);
    first ??= bytes;
    const out = join(outDir, file.replace(/\.pdf$/, '.ofd'));
    writeFileSync(out, bytes);
    process.stdout.write(`${out} (${style}, ${bytes.length} bytes)\n`);
  }
  if (first) await writeBadFixtures(first);
}
