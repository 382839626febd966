// Benchmark of the OCR path (a script, not a test): jixiao reading scanned PDFs (render, deskew,
// rules, the cells read, the table rebuilt) with each engine, next to the native `tesseract` CLI
// and to a bare PP-OCR pass (detector over the whole page, recogniser on every box: no table)
// on the same page images in the same run.
// Usage: npx tsx test/bench/ocr-bench.ts [--workers N] [scanned pdfs...]
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';

const ROOT = resolve(import.meta.dirname, '../..');
const MODEL_DIR = (await import('../../parsers/ocr/recognise')).MODELS[0];
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    workers: { type: 'string' },
    engine: { type: 'string' },
    child: { type: 'string' },
    first: { type: 'boolean' },
    bare: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  process.stdout.write(`Usage: npx tsx test/bench/ocr-bench.ts [--workers N] [scanned pdfs...]
Seconds per page of jixiao's whole OCR path (pdf.js render at 200 dpi, paper, orientation, deskew,
rules, each table cell's lines read, tables rebuilt; empty cache) with PP-OCR (the default) and with
tesseract.js, next to the native tesseract CLI (OMP_THREAD_LIMIT=1, LSTM only, the page as sparse
text, chi_sim from the npm package) one page at a time and one process per core, and next to a bare
PP-OCR pass (det over the whole page + rec on every box), on the same 200-dpi page images in the
same run. Prints pages/min, peak RSS per process, the first page's cost (a fresh process reading one
page: model load included) and the ratios. Default input: corpus/scan/*.pdf.
Needs tesseract-ocr (Debian), poppler-utils (pdftoppm) and GNU time (/usr/bin/time).
`);
  process.exit(0);
}

const workers = Number(values.workers ?? availableParallelism());
const engine = values.engine === 'tesseract' ? 'tesseract' : 'ppocr';

const readPgm = (path: string) => {
  const bytes = readFileSync(path);
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(bytes.toString('latin1', 0, 64))!;
  return { width: Number(header[1]), height: Number(header[2]), dpi: 200, data: new Uint8Array(bytes.subarray(header[0].length)) };
};

if (values.child) {
  // The jixiao side, in its own process so that its peak RSS is its own.
  const { configureOcr, ocrPageImage, shutdownOcr } = await import('../../parsers/ocr');
  const { pdfParser } = await import('../../parsers/pdf');
  const config = configureOcr({ cacheDir: null, workers, progress: false, engine });
  const started = performance.now();
  let pages = 0;
  if (values.bare) {
    const { barePass } = await import('./ppocr-bare');
    const { default: PQueue } = await import('p-queue');
    const queue = new PQueue({ concurrency: workers });
    await Promise.all(positionals.map((file) => queue.add(() => barePass(readPgm(file), workers))));
    pages = positionals.length;
  } else if (values.first) {
    await ocrPageImage(readPgm(positionals[0]!), 1, config);
    pages = 1;
  } else {
    for (const file of positionals) pages += (await pdfParser.parse(readFileSync(file), { name: file, ocr: config })).ocrPages ?? 0;
  }
  const seconds = (performance.now() - started) / 1000;
  await shutdownOcr();
  process.stdout.write(JSON.stringify({ pages, seconds, rssMb: process.resourceUsage().maxRSS / 1024 }));
  process.exit(0);
}

const require = createRequire(import.meta.url);
const files = (positionals.length > 0 ? positionals : readdirSync(join(ROOT, 'corpus/scan')).filter((f) => f.endsWith('.pdf')).map((f) => join(ROOT, 'corpus/scan', f))).map((f) => resolve(f));
const work = mkdtempSync(join(tmpdir(), 'jixiao-ocr-bench-'));
try {
  // The same models for both: the npm packages' chi_sim and eng, unzipped for the CLI.
  const tessdata = join(work, 'tessdata');
  mkdirSync(tessdata);
  for (const lang of ['chi_sim', 'eng']) {
    const gz = join(dirname(require.resolve(`@tesseract.js-data/${lang}/package.json`)), MODEL_DIR, `${lang}.traineddata.gz`);
    writeFileSync(join(tessdata, `${lang}.traineddata`), gunzipSync(readFileSync(gz)));
  }
  // The page images for the CLI and the bare pass (200 dpi gray, as jixiao renders).
  files.forEach((file, i) => spawnSync('pdftoppm', ['-r', '200', '-gray', file, join(work, `page-${i}`)]));
  const images = readdirSync(work).filter((f) => f.endsWith('.pgm')).sort().map((f) => join(work, f));

  const native = (parallel: number) => {
    const started = performance.now();
    let rss = 0;
    for (let at = 0; at < images.length; at += parallel) {
      const batch = images.slice(at, at + parallel);
      const script = batch
        .map((img) => `/usr/bin/time -f %M tesseract ${img} ${img}.out --tessdata-dir ${tessdata} -l chi_sim --oem 1 --psm 11 --dpi 200 2>&1 >/dev/null | tail -1 &`)
        .join('\n');
      const out = spawnSync('bash', ['-c', `${script}\nwait`], { encoding: 'utf8', env: { ...process.env, OMP_THREAD_LIMIT: '1' } });
      for (const line of out.stdout.split('\n')) if (/^\d+$/.test(line.trim())) rss = Math.max(rss, Number(line) / 1024);
    }
    return { seconds: (performance.now() - started) / 1000, rssMb: rss };
  };
  const child = (poolSize: number, engineName: string, mode: string[], inputs: string[]) => {
    const out = spawnSync(process.execPath, ['--import', 'tsx', import.meta.filename, '--child', 'yes', '--workers', String(poolSize), '--engine', engineName, ...mode, ...inputs], {
      encoding: 'utf8',
      cwd: ROOT,
      env: { ...process.env, JIXIAO_OCR_PROGRESS: '0' },
      maxBuffer: 1 << 24,
    });
    if (out.status !== 0) throw new Error(`jixiao run failed: ${out.stderr}`);
    return JSON.parse(out.stdout.trim().split('\n').pop()!) as { pages: number; seconds: number; rssMb: number };
  };

  const cores = availableParallelism();
  const one = native(1);
  const all = native(cores);
  const ppocr = child(workers, 'ppocr', [], files);
  const tesseract = child(workers, 'tesseract', [], files);
  const bare = child(workers, 'ppocr', ['--bare'], images);
  const firstPpocr = child(1, 'ppocr', ['--first'], images.slice(0, 1));
  const firstTesseract = child(1, 'tesseract', ['--first'], images.slice(0, 1));
  const n = images.length;
  const perPage = (s: number, pages = n) => s / pages;
  const line = (name: string, s: number, rss: number, pages = n) =>
    `${name.padEnd(46)} ${perPage(s, pages).toFixed(2).padStart(6)} s/page ${((pages / s) * 60).toFixed(1).padStart(6)} pages/min  peak RSS ${rss.toFixed(0)} MB`;
  process.stdout.write(
    [
      `${n} pages (${files.length} files), ${cores} cores; native tesseract with @tesseract.js-data chi_sim ${MODEL_DIR}`,
      line('native tesseract, one page at a time (1 thread)', one.seconds, one.rssMb),
      line(`native tesseract, ${cores} processes at once`, all.seconds, all.rssMb),
      line(`bare PP-OCR det+rec, ${workers} at once (no tables)`, bare.seconds, bare.rssMb, bare.pages),
      line(`jixiao OCR path, PP-OCR, ${workers} workers`, ppocr.seconds, ppocr.rssMb, ppocr.pages),
      line(`jixiao OCR path, tesseract.js, ${workers} workers`, tesseract.seconds, tesseract.rssMb, tesseract.pages),
      `first page in a fresh process (models loaded): PP-OCR ${firstPpocr.seconds.toFixed(2)} s, ${firstPpocr.rssMb.toFixed(0)} MB; tesseract.js ${firstTesseract.seconds.toFixed(2)} s, ${firstTesseract.rssMb.toFixed(0)} MB`,
      `ratio jixiao PP-OCR (${workers} workers) / native (${cores} processes): ${(perPage(ppocr.seconds, ppocr.pages) / perPage(all.seconds)).toFixed(2)}×`,
      `ratio jixiao PP-OCR (${workers} workers) / native (1 thread):      ${(perPage(ppocr.seconds, ppocr.pages) / perPage(one.seconds)).toFixed(2)}×`,
      `ratio jixiao PP-OCR / bare PP-OCR det+rec (${workers} at once):   ${(perPage(ppocr.seconds, ppocr.pages) / perPage(bare.seconds, bare.pages)).toFixed(2)}×`,
      `ratio jixiao tesseract.js / native (${cores} processes):          ${(perPage(tesseract.seconds, tesseract.pages) / perPage(all.seconds)).toFixed(2)}×`,
      '',
    ].join('\n'),
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
