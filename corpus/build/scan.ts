// Makes the scanned corpus (corpus/scan): corpus PDFs printed and scanned back, as publishers'
// stamped forms are. Each page is rendered at 200 dpi in grayscale (pdftoppm), turned by a small
// angle (0.5–1.5°, either way) and given scanner noise (grain and specks), then the pages are
// saved as JPEG, and put back together as an image-only PDF (img2pdf). Seeded: a rebuild gives the same files.
// A document cut to its first pages gets its own golden file: the source golden's reports that
// the cut holds (a subset of hand-written records; nothing is generated from jixiao's output).
// Usage: npx tsx corpus/build/scan.ts   (needs poppler-utils `pdftoppm`, `qpdf`, `img2pdf`)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCanvas } from '@napi-rs/canvas';
import { rotateImage } from '../../parsers/ocr/deskew';
import type { GrayImage } from '../../parsers/ocr/gray-image';
import { GoldenDocumentSchema } from '../../schemas/golden';

const CORPUS = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DPI = 200;

interface ScanSpec {
  /** Source under corpus/pdf. */
  from: string;
  /** Output under corpus/scan: starts with the golden id it is scored against. */
  to: string;
  /** Last page kept (default: all). */
  lastPage?: number;
  /** For a cut: the golden file written for it, from the source golden's first `reports`. */
  golden?: { id: string; source: string; reports: number };
  seed: number;
}

const SCANS: ScanSpec[] = [
  { from: '002-guangxi-transfer-region.pdf', to: '002-guangxi-transfer-region-scan.pdf', seed: 2 },
  { from: '003-jinfeng-evaluation-report.pdf', to: '003-jinfeng-evaluation-report-scan.pdf', seed: 3 },
  // The first two of seed 004's sixteen forms (pages 1–8: the second form's notes end on page 8).
  { from: '004-qiannan-project-tables.pdf', to: 's004-qiannan-first-two-forms-scan.pdf', lastPage: 8, golden: { id: 's004', source: '004', reports: 2 }, seed: 4 },
];

/** A small deterministic generator (mulberry32): the same seed gives the same scan. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function readPgm(path: string): GrayImage {
  const bytes = readFileSync(path);
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(bytes.toString('latin1', 0, 64));
  if (!header) throw new Error(`${path} is not a binary PGM`);
  const width = Number(header[1]);
  const height = Number(header[2]);
  return { width, height, dpi: DPI, data: new Uint8Array(bytes.subarray(header[0].length, header[0].length + width * height)) };
}

/** Grain (Gaussian, σ = 6 gray levels), dark specks, and paper that is not quite white. */
function addNoise(image: GrayImage, next: () => number): GrayImage {
  const data = new Uint8Array(image.data.length);
  for (let i = 0; i < data.length; i++) {
    const gauss = Math.sqrt(-2 * Math.log(next() || 1e-9)) * Math.cos(2 * Math.PI * next());
    data[i] = Math.max(0, Math.min(255, Math.round(image.data[i]! * 0.96 + 4 + gauss * 6)));
  }
  const specks = Math.round((image.width * image.height) / 40_000);
  for (let s = 0; s < specks; s++) {
    const x = Math.floor(next() * (image.width - 3));
    const y = Math.floor(next() * (image.height - 3));
    const size = 1 + Math.floor(next() * 2);
    for (let dy = 0; dy < size; dy++) for (let dx = 0; dx < size; dx++) data[(y + dy) * image.width + x + dx] = 40 + Math.floor(next() * 60);
  }
  return { ...image, data };
}

/** A JPEG at quality 75, as office scanners save pages (the JPEG artefacts are part of the test). */
async function encodeJpeg(image: GrayImage): Promise<Buffer> {
  const canvas = createCanvas(image.width, image.height);
  const context = canvas.getContext('2d');
  const pixels = context.createImageData(image.width, image.height);
  for (let i = 0; i < image.data.length; i++) {
    const g = image.data[i]!;
    pixels.data[4 * i] = g;
    pixels.data[4 * i + 1] = g;
    pixels.data[4 * i + 2] = g;
    pixels.data[4 * i + 3] = 255;
  }
  context.putImageData(pixels, 0, 0);
  return canvas.encode('jpeg', 75);
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr || result.error?.message}`);
}

async function scan(spec: ScanSpec): Promise<string> {
  const work = mkdtempSync(join(tmpdir(), 'jixiao-scan-'));
  const next = random(spec.seed);
  try {
    const range = spec.lastPage ? ['-f', '1', '-l', String(spec.lastPage)] : [];
    run('pdftoppm', ['-r', String(DPI), '-gray', ...range, join(CORPUS, 'pdf', spec.from), join(work, 'page')]);
    const pages = readdirSync(work).filter((f) => f.endsWith('.pgm')).sort();
    const outputs: string[] = [];
    const angles: string[] = [];
    for (const page of pages) {
      const degrees = (0.5 + next()) * (next() < 0.5 ? -1 : 1);
      angles.push(degrees.toFixed(2));
      // rotateImage turns content tilted by `d` level; turning by -d tilts level content by d.
      const scanned = addNoise(rotateImage(readPgm(join(work, page)), -degrees), next);
      const out = join(work, `scan-${page.replace(/\.pgm$/, '.jpg')}`);
      writeFileSync(out, await encodeJpeg(scanned));
      outputs.push(out);
    }
    const target = join(CORPUS, 'scan', spec.to);
    // The JPEGs go in as they are (img2pdf does not re-encode): a grayscale page in an RGB JPEG.
    run('img2pdf', ['--imgsize', `${DPI}dpix${DPI}dpi`, '-o', target, ...outputs]);
    return `${target}: ${pages.length} pages, tilted ${angles.join(', ')}°`;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function writeCutGolden(spec: ScanSpec): string | null {
  if (!spec.golden) return null;
  const source = GoldenDocumentSchema.parse(JSON.parse(readFileSync(join(CORPUS, 'golden', `${spec.golden.source}.json`), 'utf8')));
  const cut = { ...source, reports: source.reports.slice(0, spec.golden.reports) };
  const path = join(CORPUS, 'golden', `${spec.golden.id}.json`);
  writeFileSync(path, `${JSON.stringify(cut, null, 2)}\n`);
  return `${path}: the first ${spec.golden.reports} reports of golden/${spec.golden.source}.json`;
}

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  process.stdout.write('Usage: npx tsx corpus/build/scan.ts\nRewrites corpus/scan from corpus/pdf (200 dpi, gray, tilted, noisy, image-only) and the goldens of cut documents.\n');
} else {
  for (const spec of SCANS) {
    process.stdout.write(`${await scan(spec)}\n`);
    const golden = writeCutGolden(spec);
    if (golden) process.stdout.write(`${golden}\n`);
  }
}
