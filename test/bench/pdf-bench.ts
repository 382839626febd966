// Benchmark of the PDF path (a script, not a test): jixiao end to end (tables rebuilt, records
// written) next to `pdftotext -layout` (poppler) on the same files in the same run.
// Usage: npx tsx test/bench/pdf-bench.ts [--workers 2] [pdf files or folders...]
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
  options: { workers: { type: 'string', multiple: true }, help: { type: 'boolean', short: 'h' } },
});
if (values.help) {
  process.stdout.write(`Usage: npx tsx test/bench/pdf-bench.ts [--workers N ...] [pdf files or folders...]
Reports pages/s and peak RSS of jixiao's PDF path and of pdftotext -layout on the same PDFs, and
their ratio. Needs poppler-utils (pdftotext, pdfinfo) and GNU time (/usr/bin/time).
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

const reference = runPdftotext();
const rate = (s: number) => pages / s;
process.stdout.write(`${files.length} PDFs, ${pages} pages\n\n`);
process.stdout.write(`pdftotext -layout         ${rate(reference.seconds).toFixed(1).padStart(6)} pages/s  ${reference.seconds.toFixed(2)} s  peak RSS ${Math.round(reference.peakKb / 1024)} MB (per process)\n`);
for (const w of (values.workers ?? ['1', '2']).map(Number)) {
  const j = await runJixiao(w);
  process.stdout.write(
    `jixiao extract, ${w} worker${w === 1 ? ' ' : 's'}  ${rate(j.seconds).toFixed(1).padStart(6)} pages/s  ${j.seconds.toFixed(2)} s  peak RSS ${Math.round(j.peakKb / 1024)} MB` +
      `  (RSS by quarter: ${j.rssSteps.join(' → ')} MB)  ratio to pdftotext ${(rate(j.seconds) / rate(reference.seconds)).toFixed(2)}\n`,
  );
}
