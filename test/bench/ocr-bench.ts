// Benchmark of the OCR path (a script, not a test): jixiao reading scanned PDFs (render, deskew,
// rules, the cells read, the table rebuilt) with each engine, next to the native `tesseract` CLI
// and to a bare PP-OCR pass (detector over the whole page, recogniser on every box: no table)
// on the same page images in the same run.
// Usage: npx tsx test/bench/ocr-bench.ts [--workers N] [--skip-tesseract-js] [scanned pdfs...]
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
    'skip-tesseract-js': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  process.stdout.write(`Usage: npx tsx test/bench/ocr-bench.ts [--workers N] [--skip-tesseract-js] [scanned pdfs...]
Seconds per page of jixiao's whole OCR path (pdf.js render at 200 dpi, paper, orientation, deskew,
rules, each table cell's lines read, tables rebuilt; empty cache) with PP-OCR (the default) and with
tesseract.js, next to the native tesseract CLI (OMP_THREAD_LIMIT=1, LSTM only, the page as sparse
text, chi_sim from the npm package) one page at a time and one process per core, and next to a bare
PP-OCR pass (det over the whole page + rec on every box), on the same 200-dpi page images in the
same run. Prints pages/min, CPU seconds (user+sys, every thread) per page, peak RSS per process, the
first page's cost (a fresh process reading one page: model load included) and the ratios, of wall
time and of CPU time: on a shared machine only the CPU ratios mean much. --skip-tesseract-js leaves
out the slow tesseract.js path. Default input: corpus/scan/*.pdf.
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
  // The JavaScript thread's own CPU (Linux: its task's utime + stime, in clock ticks of 10 ms):
  // with the recogniser in model threads, a process can go no faster than this thread.
  const jsThreadCpu = () => {
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  };
  const jsAtStart = jsThreadCpu();
  const started = performance.now();
  const cpu = process.cpuUsage();
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
  const used = process.cpuUsage(cpu);
  const jsThreadSeconds = jsThreadCpu() - jsAtStart;
  await shutdownOcr();
  process.stdout.write(JSON.stringify({ pages, seconds, cpuSeconds: (used.user + used.system) / 1e6, jsThreadSeconds, rssMb: process.resourceUsage().maxRSS / 1024 }));
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
    let cpuSeconds = 0;
    for (let at = 0; at < images.length; at += parallel) {
      const batch = images.slice(at, at + parallel);
      const script = batch
        .map((img) => `/usr/bin/time -f '%U %S %M' tesseract ${img} ${img}.out --tessdata-dir ${tessdata} -l chi_sim --oem 1 --psm 11 --dpi 200 2>&1 >/dev/null | tail -1 &`)
        .join('\n');
      const out = spawnSync('bash', ['-c', `${script}\nwait`], { encoding: 'utf8', env: { ...process.env, OMP_THREAD_LIMIT: '1' } });
      for (const line of out.stdout.split('\n')) {
        const m = /^([\d.]+) ([\d.]+) (\d+)$/.exec(line.trim());
        if (!m) continue;
        cpuSeconds += Number(m[1]) + Number(m[2]);
        rss = Math.max(rss, Number(m[3]) / 1024);
      }
    }
    return { seconds: (performance.now() - started) / 1000, cpuSeconds, rssMb: rss };
  };
  type Run = { pages: number; seconds: number; cpuSeconds: number; rssMb: number; jsThreadSeconds?: number };
  const child = (poolSize: number, engineName: string, mode: string[], inputs: string[]) => {
    const out = spawnSync(process.execPath, ['--import', 'tsx', import.meta.filename, '--child', 'yes', '--workers', String(poolSize), '--engine', engineName, ...mode, ...inputs], {
      encoding: 'utf8',
      cwd: ROOT,
      env: { ...process.env, JIXIAO_OCR_PROGRESS: '0' },
      maxBuffer: 1 << 24,
    });
    if (out.status !== 0) throw new Error(`jixiao run failed: ${out.stderr}`);
    return JSON.parse(out.stdout.trim().split('\n').pop()!) as Run;
  };

  const cores = availableParallelism();
  const one = native(1);
  const all = native(cores);
  const ppocr = child(workers, 'ppocr', [], files);
  const tesseract = values['skip-tesseract-js'] ? null : child(workers, 'tesseract', [], files);
  const bare = child(workers, 'ppocr', ['--bare'], images);
  const firstPpocr = child(1, 'ppocr', ['--first'], images.slice(0, 1));
  const firstTesseract = tesseract && child(1, 'tesseract', ['--first'], images.slice(0, 1));
  const n = images.length;
  const nativeRun = (r: Omit<Run, 'pages'>): Run => ({ ...r, pages: n });
  const [oneRun, allRun] = [nativeRun(one), nativeRun(all)];
  const wall = (r: Run) => r.seconds / r.pages;
  const cpu = (r: Run) => r.cpuSeconds / r.pages;
  const line = (name: string, r: Run) =>
    `${name.padEnd(48)} ${wall(r).toFixed(2).padStart(6)} s/page ${((r.pages / r.seconds) * 60).toFixed(1).padStart(6)} pages/min  CPU ${cpu(r).toFixed(2).padStart(6)} s/page  peak RSS ${r.rssMb.toFixed(0)} MB`;
  const ratio = (name: string, a: Run, b: Run) => `ratio ${name.padEnd(58)} wall ${(wall(a) / wall(b)).toFixed(2)}×  CPU ${(cpu(a) / cpu(b)).toFixed(2)}×`;
  const first = (name: string, r: Run) => `${name} ${r.seconds.toFixed(2)} s, CPU ${r.cpuSeconds.toFixed(2)} s, ${r.rssMb.toFixed(0)} MB`;
  process.stdout.write(
    [
      `${n} pages (${files.length} files), ${cores} cores; native tesseract with @tesseract.js-data chi_sim ${MODEL_DIR}`,
      line('native tesseract, one page at a time (1 thread)', oneRun),
      line(`native tesseract, ${cores} processes at once`, allRun),
      line(`bare PP-OCR det+rec, ${workers} at once (no tables)`, bare),
      line(`jixiao OCR path, PP-OCR, ${workers} workers`, ppocr),
      `  of which its JavaScript thread (render, page preparation; the recogniser runs in model threads) CPU ${((ppocr.jsThreadSeconds ?? 0) / ppocr.pages).toFixed(2)} s/page`,
      ...(tesseract ? [line(`jixiao OCR path, tesseract.js, ${workers} workers`, tesseract)] : []),
      `first page in a fresh process (models loaded): ${[first('PP-OCR', firstPpocr), ...(firstTesseract ? [first('tesseract.js', firstTesseract)] : [])].join('; ')}`,
      ratio(`jixiao PP-OCR (${workers} workers) / native (${cores} processes)`, ppocr, allRun),
      ratio(`jixiao PP-OCR (${workers} workers) / native (1 thread)`, ppocr, oneRun),
      ratio(`jixiao PP-OCR / bare PP-OCR det+rec (${workers} at once)`, ppocr, bare),
      ...(tesseract ? [ratio(`jixiao tesseract.js / native (${cores} processes)`, tesseract, allRun)] : []),
      '',
    ].join('\n'),
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
