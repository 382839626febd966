// Makes the corpus of table images (corpus/image): seed 003's web page and Word file with each
// score table published as a picture instead of a table, as portals and offices often do. Each
// table is printed alone by LibreOffice, rendered at 150 dpi (a web picture) and cut to its
// borders (a few pixels of margin); the page and the Word file keep their prose as text.
// Scored against golden/003.json, like the text versions. Usage: npx tsx corpus/build/images.ts
// (needs LibreOffice `soffice`, CJK fonts and poppler-utils `pdftoppm`).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import JSZip from 'jszip';
import { binarise, detectRules, otsuThreshold } from '../../parsers/ocr/detect-rules';
import { grayFromRgba } from '../../parsers/ocr/gray-image';

const CORPUS = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DPI = 150;
const MARGIN_PX = 8;
/** The score tables of seed 003: the ones with a 扣分总计 column. */
const SCORE_TABLE = /<table class="jx"[^>]*>(?:(?!<\/table>)[\s\S])*?扣分总计[\s\S]*?<\/table>/g;

function run(command: string, args: string[], cwd?: string): void {
  const result = spawnSync(command, args, { encoding: 'utf8', cwd });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr || result.error?.message}`);
}

/** A table printed alone and rendered as a grayscale PNG cut to its borders. */
async function tableImage(table: string, style: string, work: string, n: number): Promise<{ png: Buffer; width: number; height: number }> {
  const html = join(work, `table-${n}.html`);
  writeFileSync(html, `<!DOCTYPE html><html><head><meta charset="utf-8"><style>${style}</style></head><body>${table}</body></html>`);
  run('soffice', ['--headless', '--convert-to', 'pdf:writer_web_pdf_Export', '--outdir', work, html]);
  run('pdftoppm', ['-r', String(DPI), '-f', '1', '-l', '1', '-png', join(work, `table-${n}.pdf`), join(work, `table-${n}`)]);
  const page = await loadImage(readFileSync(join(work, readdirSync(work).find((f) => f.startsWith(`table-${n}-`) && f.endsWith('.png'))!)));
  const canvas = createCanvas(page.width, page.height);
  const context = canvas.getContext('2d');
  context.drawImage(page, 0, 0);
  const gray = grayFromRgba(context.getImageData(0, 0, page.width, page.height).data, page.width, page.height, DPI);
  const rules = detectRules(gray, binarise(gray, otsuThreshold(gray)));
  const all = [...rules.horizontal, ...rules.vertical];
  if (all.length === 0) throw new Error(`table ${n}: no borders found in the rendering`);
  const x0 = Math.max(0, Math.floor(Math.min(...all.map((r) => r.x0))) - MARGIN_PX);
  const y0 = Math.max(0, Math.floor(Math.min(...all.map((r) => r.y0))) - MARGIN_PX);
  const x1 = Math.min(page.width, Math.ceil(Math.max(...all.map((r) => r.x1))) + MARGIN_PX);
  const y1 = Math.min(page.height, Math.ceil(Math.max(...all.map((r) => r.y1))) + MARGIN_PX);
  const out = createCanvas(x1 - x0, y1 - y0);
  const outContext = out.getContext('2d');
  const cut = context.getImageData(x0, y0, x1 - x0, y1 - y0);
  for (let i = 0; i < cut.data.length; i += 4) {
    const g = Math.round(0.299 * cut.data[i]! + 0.587 * cut.data[i + 1]! + 0.114 * cut.data[i + 2]!);
    cut.data[i] = g;
    cut.data[i + 1] = g;
    cut.data[i + 2] = g;
  }
  outContext.putImageData(cut, 0, 0);
  return { png: await out.encode('png'), width: x1 - x0, height: y1 - y0 };
}

/** An inline picture paragraph for word/document.xml, `cm` wide at the picture's proportions. */
function pictureParagraph(rel: string, id: number, width: number, height: number): string {
  const cx = Math.round((width / DPI) * 914400);
  const cy = Math.round((height / DPI) * 914400);
  return (
    `<w:p><w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="${cx}" cy="${cy}"/>` +
    `<wp:docPr id="${id}" name="Picture ${id}"/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">` +
    `<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">` +
    `<pic:nvPicPr><pic:cNvPr id="${id}" name="table-${id}.png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="${rel}"/>` +
    `<a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="${cx}" cy="${cy}"/></a:xfrm>` +
    `<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`
  );
}

/** The Word file with its tables that hold 扣分总计 replaced by the pictures, in order. */
async function wordWithPictures(source: string, pictures: Array<{ png: Buffer; width: number; height: number }>): Promise<Buffer> {
  const zip = await JSZip.loadAsync(readFileSync(source));
  let xml = await zip.file('word/document.xml')!.async('string');
  let rels = await zip.file('word/_rels/document.xml.rels')!.async('string');
  let types = await zip.file('[Content_Types].xml')!.async('string');
  let n = 0;
  xml = xml.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, (table) => {
    if (!table.includes('扣分总计')) return table;
    const picture = pictures[n++];
    if (!picture) throw new Error('more score tables in the Word file than pictures');
    const rel = `rIdJixiaoTable${n}`;
    zip.file(`word/media/table-${n}.png`, picture.png);
    rels = rels.replace('</Relationships>', `<Relationship Id="${rel}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/table-${n}.png"/></Relationships>`);
    return pictureParagraph(rel, 1000 + n, picture.width, picture.height);
  });
  if (n !== pictures.length) throw new Error(`the Word file has ${n} score tables, the page ${pictures.length}`);
  if (!types.includes('Extension="png"')) types = types.replace('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">', '$&<Default Extension="png" ContentType="image/png"/>');
  zip.file('word/document.xml', xml);
  zip.file('word/_rels/document.xml.rels', rels);
  zip.file('[Content_Types].xml', types);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  process.stdout.write('Usage: npx tsx corpus/build/images.ts\nRewrites corpus/image from seed 003\'s page and Word file: score tables as pictures.\n');
} else {
  const page = readFileSync(join(CORPUS, 'html', '003-jinfeng-evaluation-report.html'), 'utf8');
  const style = /<style>([\s\S]*?)<\/style>/.exec(page)?.[1] ?? '';
  const work = mkdtempSync(join(tmpdir(), 'jixiao-images-'));
  try {
    const tables = page.match(SCORE_TABLE) ?? [];
    const pictures: Array<{ png: Buffer; width: number; height: number }> = [];
    for (const [i, table] of tables.entries()) pictures.push(await tableImage(table, style, work, i + 1));
    let n = 0;
    const withPictures = page.replace(SCORE_TABLE, () => {
      n++;
      return `<p><img src="images/jinfeng-table-${n}.png" alt="得分表${n}" width="${pictures[n - 1]!.width}"></p>`;
    });
    pictures.forEach((p, i) => writeFileSync(join(CORPUS, 'image', 'images', `jinfeng-table-${i + 1}.png`), p.png));
    writeFileSync(join(CORPUS, 'image', '003-jinfeng-report-image.html'), withPictures);
    const docx = await wordWithPictures(join(CORPUS, 'docx', '003-jinfeng-evaluation-report.docx'), pictures);
    writeFileSync(join(CORPUS, 'image', '003-jinfeng-report-image.docx'), docx);
    process.stdout.write(`corpus/image: ${pictures.length} table pictures (${pictures.map((p) => `${p.width}×${p.height}`).join(', ')}), the page and the Word file\n`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
