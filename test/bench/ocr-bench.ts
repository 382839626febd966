// Benchmark of the OCR path (a script, not a test): jixiao reading scanned PDFs (render, deskew,
// rules, tesseract.js, the table rebuilt) next to the native `tesseract` CLI on the same page
// images in the same run, with the same language data (the npm packages' models, unzipped).
// Usage: npx tsx test/bench/ocr-bench.ts [--workers N] [--pages N] [scanned pdfs...]
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
    pages: { type: 'string' },
    languages: { type: 'string' },
    child: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  process.stdout.write(`Usage: npx tsx test/bench/ocr-bench.ts [--workers N] [--pages N] [--languages L] [scanned pdfs...]
Seconds per page of jixiao's whole OCR path (pdf.js render at 200 dpi, deskew, rules, tesseract.js
reading each table cell and the page around the tables, tables rebuilt; empty cache) next to the
native tesseract CLI (one thread, OMP_THREAD_LIMIT=1, LSTM only, the page as sparse text) with the
same models on the same 200-dpi page images, in the same run. --languages: chi_sim (default, as
jixiao reads) or chi_sim+eng, for both. Prints pages/min, peak RSS and the ratios: jixiao with its pool (--workers, default one
per core) against native one page at a time, and against native one process per core.
Default input: corpus/scan/*.pdf. --pages N reads only the first N pages of each file.
Needs tesseract-ocr (Debian), poppler-utils (pdftoppm) and GNU time (/usr/bin/time).
`);
  process.exit(0);
}

const workers = Number(values.workers ?? availableParallelism());
const maxPages = values.pages ? Number(values.pages) : Infinity;
const { OcrConfigSchema } = await import('../../parsers/ocr/config');
const languages = OcrConfigSchema.shape.languages.parse(values.languages ?? 'chi_sim');

if (values.child) {
  // The jixiao side, in its own process so that its peak RSS is its own.
  const { configureOcr, shutdownOcr } = await import('../../parsers/ocr');
  const { pdfParser } = await import('../../parsers/pdf');
  configureOcr({ cacheDir: values.child, workers, progress: false, languages });
  const files = positionals;
  const started = performance.now();
  let pages = 0;
  for (const file of files) {
    const doc = await pdfParser.parse(readFileSync(file), { name: file });
    pages += doc.ocrPages ?? 0;
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
  // Input PDFs cut to --pages, and their page images for the CLI (200 dpi gray, as jixiao renders).
  const inputs: string[] = [];
  const images: string[] = [];
  files.forEach((file, i) => {
    const count = Number(/Pages:\s+(\d+)/.exec(spawnSync('pdfinfo', [file], { encoding: 'utf8' }).stdout)?.[1] ?? 0);
    const last = Math.min(count, maxPages);
    const cut = join(work, `in-${i}.pdf`);
    spawnSync('qpdf', [file, '--pages', '.', `1-${last}`, '--', cut]);
    inputs.push(cut);
    spawnSync('pdftoppm', ['-r', '200', '-gray', '-f', '1', '-l', String(last), file, join(work, `page-${i}`)]);
  });
  images.push(...readdirSync(work).filter((f) => f.endsWith('.pgm')).sort().map((f) => join(work, f)));

  const native = (parallel: number) => {
    const started = performance.now();
    let rss = 0;
    for (let at = 0; at < images.length; at += parallel) {
      const batch = images.slice(at, at + parallel);
      const script = batch
        .map((img) => `/usr/bin/time -f %M tesseract ${img} ${img}.out --tessdata-dir ${tessdata} -l ${languages} --oem 1 --psm 11 --dpi 200 2>&1 >/dev/null | tail -1 &`)
        .join('\n');
      const out = spawnSync('bash', ['-c', `${script}\nwait`], { encoding: 'utf8', env: { ...process.env, OMP_THREAD_LIMIT: '1' } });
      for (const line of out.stdout.split('\n')) if (/^\d+$/.test(line.trim())) rss = Math.max(rss, Number(line) / 1024);
    }
    return { seconds: (performance.now() - started) / 1000, rssMb: rss };
  };
  const jixiao = (poolSize: number) => {
    const out = spawnSync(process.execPath, ['--import', 'tsx', import.meta.filename, '--child', join(work, `cache-${poolSize}`), '--workers', String(poolSize), '--languages', languages, ...inputs], {
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
  const pool = jixiao(workers);
  const single = jixiao(1);
  const n = images.length;
  const perPage = (s: number, pages = n) => s / pages;
  const line = (name: string, s: number, rss: number, pages = n) =>
    `${name.padEnd(46)} ${perPage(s, pages).toFixed(2).padStart(6)} s/page ${((pages / s) * 60).toFixed(1).padStart(6)} pages/min  peak RSS ${rss.toFixed(0)} MB`;
  process.stdout.write(
    [
      `${n} pages (${files.length} files), ${cores} cores, models: @tesseract.js-data ${languages} ${MODEL_DIR}`,
      line('native tesseract, one page at a time (1 thread)', one.seconds, one.rssMb),
      line(`native tesseract, ${cores} pages at a time`, all.seconds, all.rssMb),
      line(`jixiao OCR path, ${workers} workers (whole path)`, pool.seconds, pool.rssMb, pool.pages),
      line('jixiao OCR path, 1 worker (whole path)', single.seconds, single.rssMb, single.pages),
      `ratio jixiao (${workers} workers) / native (1 thread):        ${(perPage(pool.seconds, pool.pages) / perPage(one.seconds)).toFixed(2)}×`,
      `ratio jixiao (${workers} workers) / native (${cores} processes):      ${(perPage(pool.seconds, pool.pages) / perPage(all.seconds)).toFixed(2)}×`,
      `ratio jixiao (1 worker) / native (1 thread), per core:  ${(perPage(single.seconds, single.pages) / perPage(one.seconds)).toFixed(2)}×`,
      '',
    ].join('\n'),
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
