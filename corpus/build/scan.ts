// Makes the scanned corpus (corpus/scan): corpus PDFs printed and scanned back, as publishers'
// stamped forms are. Each page is rendered at 200 dpi in grayscale (pdftoppm), turned by a small
// angle (0.5–1.5°, either way) and given scanner noise (grain and specks), then the pages are
// saved as JPEG, and put back together as an image-only PDF. Seeded: a rebuild gives the same files.
// A document cut to its first pages gets its own golden file (cut-golden.ts).
// Usage: npx tsx corpus/build/scan.ts   (needs poppler-utils `pdftoppm`)
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCutGolden, type CutGolden } from './cut-golden';
import { grain, imagePdf, pdfImage, random, readPgm, run, tilt, type PdfImage } from './degrade-ops';

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
  golden?: CutGolden;
  seed: number;
}

const SCANS: ScanSpec[] = [
  { from: '002-guangxi-transfer-region.pdf', to: '002-guangxi-transfer-region-scan.pdf', seed: 2 },
  { from: '003-jinfeng-evaluation-report.pdf', to: '003-jinfeng-evaluation-report-scan.pdf', seed: 3 },
  // The first two of seed 004's sixteen forms (pages 1–8: the second form's notes end on page 8).
  { from: '004-qiannan-project-tables.pdf', to: 's004-qiannan-first-two-forms-scan.pdf', lastPage: 8, golden: { id: 's004', source: '004', reports: 2 }, seed: 4 },
];

async function scan(spec: ScanSpec): Promise<string> {
  const work = mkdtempSync(join(tmpdir(), 'jixiao-scan-'));
  const next = random(spec.seed);
  try {
    const range = spec.lastPage ? ['-f', '1', '-l', String(spec.lastPage)] : [];
    run('pdftoppm', ['-r', String(DPI), '-gray', ...range, join(CORPUS, 'pdf', spec.from), join(work, 'page')]);
    const pages = readdirSync(work).filter((f) => f.endsWith('.pgm')).sort();
    const outputs: PdfImage[] = [];
    const angles: string[] = [];
    for (const page of pages) {
      const degrees = (0.5 + next()) * (next() < 0.5 ? -1 : 1);
      angles.push(degrees.toFixed(2));
      // Grain σ = 6 gray levels; a JPEG at quality 75, as office scanners save pages.
      const scanned = grain(tilt(readPgm(join(work, page), DPI), degrees), next, 6);
      outputs.push(pdfImage(scanned, 75));
    }
    const target = join(CORPUS, 'scan', spec.to);
    writeFileSync(target, imagePdf(outputs));
    return `${target}: ${pages.length} pages, tilted ${angles.join(', ')}°`;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  process.stdout.write('Usage: npx tsx corpus/build/scan.ts\nRewrites corpus/scan from corpus/pdf (200 dpi, gray, tilted, noisy, image-only) and the goldens of cut documents.\n');
} else {
  for (const spec of SCANS) {
    process.stdout.write(`${await scan(spec)}\n`);
    if (spec.golden) process.stdout.write(`${writeCutGolden(CORPUS, spec.golden)}\n`);
  }
}
