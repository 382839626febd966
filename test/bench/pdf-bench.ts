// Benchmark of the PDF path (a script, not a test): jixiao end to end (tables rebuilt, records
// written) next to `pdftotext -layout` (poppler, the limit) and, given its source folder,
// pdfplumber's `extract_tables` (the peer) on the same files in the same run.
// Usage: npx tsx test/bench/pdf-bench.ts [--workers 2] [--pdfplumber DIR] [pdf files or folders...]
// Default inputs: corpus/pdf and ../shared/realworld/jiangsu-budget when it is there.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { collectInputs, runBatch } from '../../pipeline/run-batch';

const ROOT = resolve(import.meta.dirname, '../..');
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { workers: { type: 'string', multiple: true }, pdfplumber: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
});
if (values.help) {
  process.stdout.write(`Usage: npx tsx test/bench/pdf-bench.ts [--workers N ...] [--pdfplumber DIR] [pdf files or folders...]
Reports pages/s and peak RSS of jixiao's PDF path and of pdftotext -layout on the same PDFs, and
their ratio. Needs poppler-utils (pdftotext, pdfinfo) and GNU time (/usr/bin/time).
--pdfplumber DIR: a folder holding pdfplumber's source (the \`pdfplumber\` package, e.g. tag
v0.9.0 checked out into a temporary folder), run with the system python3 and its pdfminer.six;
its extract_tables runs on every page, in as many processes as jixiao has workers.
`);
  process.exit(0);
}

const defaults = [join(ROOT, 'corpus/pdf'), resolve(ROOT, '../shared/realworld/jiangsu-budget')].filter(existsSync);
const files = (await collectInputs(positionals.length > 0 ? positionals : defaults)).map((i) => i.source).filter((f) => f.endsWith('.pdf'));
const pagesOf = (f: string) => Number(/Pages:\s+(\d+)/.exec(spawnSync('pdfinfo', [f], { encoding: 'utf8' }).stdout)?.[1] ?? 0);
const pages = files.reduce((n, f) => n + pagesOf(f), 0);

/** pdftotext -layout on every file, one after another, with GNU time's peak RSS per file. */
function runPdftotext(): { seconds: number; peakKb: number } {
  const start = performance.now();
  let peakKb = 0;
  for (const f of files) {
    const run = spawnSync('/usr/bin/time', ['-f', '%M', 'pdftotext', '-layout', f, '/dev/null'], { encoding: 'utf8' });
    const kb = Number(run.stderr.trim().split('\n').pop());
    if (Number.isFinite(kb)) peakKb = Math.max(peakKb, kb);
  }
  return { seconds: (performance.now() - start) / 1000, peakKb };
}

/** jixiao extract on the same files (worker threads share this process, so its RSS counts them). */
async function runJixiao(workers: number): Promise<{ seconds: number; peakKb: number; rssSteps: number[] }> {
  const out = mkdtempSync(join(tmpdir(), 'jixiao-bench-'));
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const rssSteps: number[] = [];
  const start = performance.now();
  await runBatch(files, {
    outDir: out,
    workers,
    resume: false,
    onDocument: (done, total) => {
      if (done === total || done % Math.max(1, Math.floor(total / 4)) === 0) rssSteps.push(Math.round(process.memoryUsage().rss / 1048576));
    },
  });
  const seconds = (performance.now() - start) / 1000;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  rmSync(out, { recursive: true, force: true });
  return { seconds, peakKb: Math.round(peak / 1024), rssSteps };
}

/** pdfplumber's extract_tables on every page of a share of the files, in one python3 process. */
const PLUMBER = `
import sys
sys.path.insert(0, sys.argv[1])
import pdfplumber
for path in sys.argv[2:]:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_tables()
`;

/** pdfplumber on the files split over `processes` processes at once, with GNU time's peak RSS of each. */
async function runPdfplumber(dir: string, processes: number): Promise<{ seconds: number; peakKb: number }> {
  const { spawn } = await import('node:child_process');
  const shares = Array.from({ length: processes }, (_, k) => files.filter((_, i) => i % processes === k)).filter((s) => s.length > 0);
  const start = performance.now();
  const kbs = await Promise.all(
    shares.map(
      (share) =>
        new Promise<number>((done, fail) => {
          const child = spawn('/usr/bin/time', ['-f', '%M', '/usr/bin/python3', '-c', PLUMBER, dir, ...share], { stdio: ['ignore', 'ignore', 'pipe'] });
          let err = '';
          child.stderr.on('data', (d: Buffer) => (err += d.toString()));
          child.on('close', (code) => (code === 0 ? done(Number(err.trim().split('\n').pop())) : fail(new Error(`pdfplumber failed: ${err.slice(-500)}`))));
        }),
    ),
  );
  return { seconds: (performance.now() - start) / 1000, peakKb: Math.max(...kbs) };
}

const reference = runPdftotext();
const rate = (s: number) => pages / s;
process.stdout.write(`${files.length} PDFs, ${pages} pages\n\n`);
process.stdout.write(`pdftotext -layout         ${rate(reference.seconds).toFixed(1).padStart(6)} pages/s  ${reference.seconds.toFixed(2)} s  peak RSS ${Math.round(reference.peakKb / 1024)} MB (per process)\n`);
for (const w of (values.workers ?? ['1', '2']).map(Number)) {
  const plumber = values.pdfplumber ? await runPdfplumber(values.pdfplumber, w) : null;
  if (plumber) {
    process.stdout.write(
      `pdfplumber 0.9 extract_tables, ${w} process${w === 1 ? ' ' : 'es'}  ${rate(plumber.seconds).toFixed(1).padStart(6)} pages/s  ${plumber.seconds.toFixed(2)} s  peak RSS ${Math.round(plumber.peakKb / 1024)} MB (per process)\n`,
    );
  }
  const j = await runJixiao(w);
  process.stdout.write(
    `jixiao extract, ${w} worker${w === 1 ? ' ' : 's'}  ${rate(j.seconds).toFixed(1).padStart(6)} pages/s  ${j.seconds.toFixed(2)} s  peak RSS ${Math.round(j.peakKb / 1024)} MB` +
      `  (RSS by quarter: ${j.rssSteps.join(' → ')} MB)  ratio to pdftotext ${(rate(j.seconds) / rate(reference.seconds)).toFixed(2)}` +
      (plumber ? `, to pdfplumber ${(rate(j.seconds) / rate(plumber.seconds)).toFixed(2)}` : '') +
      '\n',
  );
}
