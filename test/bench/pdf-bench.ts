// Benchmark of the PDF path (a script, not a test): jixiao end to end (tables rebuilt, records
// validated and written) next to `pdftotext -layout` (poppler, the limit) and, given its source
// folder, pdfplumber's `extract_tables` (the peer) on the same files in the same run. On a shared
// machine wall-clock rates mean little: CPU time (user+sys, worker processes included) is
// reported beside them, and the ratios of both.
// Usage: npx tsx test/bench/pdf-bench.ts [--workers 2] [--pdfplumber DIR] [--copies N] [pdf files or folders...]
// Default inputs: corpus/pdf and ../shared/realworld/jiangsu-budget when it is there.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { collectInputs } from '../../pipeline/run-batch';

const ROOT = resolve(import.meta.dirname, '../..');
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { workers: { type: 'string', multiple: true }, pdfplumber: { type: 'string' }, copies: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
});
if (values.help) {
  process.stdout.write(`Usage: npx tsx test/bench/pdf-bench.ts [--workers N ...] [--pdfplumber DIR] [--copies N] [pdf files or folders...]
Reports pages/s, CPU time (user+sys) per page and peak RSS of jixiao's PDF path (bin/jixiao.mjs
extract, its worker processes included), of pdftotext -layout and of pdfplumber on the same PDFs,
and their ratios. Needs poppler-utils (pdftotext, pdfinfo) and GNU time (/usr/bin/time).
--pdfplumber DIR: a folder holding pdfplumber's source (the \`pdfplumber\` package, e.g. tag
v0.9.0 checked out into a temporary folder), run with the system python3 and its pdfminer.six;
its extract_tables runs on every page, in as many processes as jixiao has workers, each taking
the next file (largest first) when done, as jixiao's workers do.
--copies N: read N distinct copies of the inputs (a comment appended to each, so that no two
are the same bytes) in one jixiao batch, to see whether its memory stays flat.
`);
  process.exit(0);
}

const defaults = [join(ROOT, 'corpus/pdf'), resolve(ROOT, '../shared/realworld/jiangsu-budget')].filter(existsSync);
let files = (await collectInputs(positionals.length > 0 ? positionals : defaults)).map((i) => i.source).filter((f) => f.endsWith('.pdf'));
const pagesOf = (f: string) => Number(/Pages:\s+(\d+)/.exec(spawnSync('pdfinfo', [f], { encoding: 'utf8' }).stdout)?.[1] ?? 0);
const scratch = mkdtempSync(join(tmpdir(), 'jixiao-bench-'));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));
const copies = Number(values.copies ?? 1);
if (copies > 1) {
  const copied: string[] = [];
  for (let k = 0; k < copies; k++) {
    const f = files[k % files.length]!;
    const to = join(scratch, `${String(k).padStart(5, '0')}-${basename(f)}`);
    copyFileSync(f, to);
    writeFileSync(to, `\n% copy ${k}\n`, { flag: 'a' });
    copied.push(to);
  }
  files = copied;
}
const pageCount = new Map<string, number>();
/** Copies share their original's page count: pdfinfo once per original. */
const pages = files.reduce((n, f) => {
  const original = copies > 1 ? basename(f).replace(/^\d{5}-/, '') : f;
  if (!pageCount.has(original)) pageCount.set(original, pagesOf(f));
  return n + pageCount.get(original)!;
}, 0);

interface Run {
  seconds: number;
  /** user + sys of the process and every child it waited for. */
  cpuSeconds: number;
  /** The largest single process. */
  peakKb: number;
  /** All processes of the run at once, sampled (jixiao only). */
  treePeakKb?: number;
  treeSteps?: number[];
  /** CPU seconds of each process of the run, last seen before it ended (sampled, jixiao only). */
  processCpu?: number[];
}

/** GNU time's `%e %U %S %M` as the last line of stderr. */
function readTime(stderr: string): { wall: number; cpu: number; kb: number } {
  const [wall, user, sys, kb] = stderr.trim().split('\n').pop()!.split(' ').map(Number);
  return { wall: wall!, cpu: user! + sys!, kb: kb! };
}

/** pdftotext -layout on every file, one after another. */
function runPdftotext(): Run {
  const start = performance.now();
  let peakKb = 0;
  let cpu = 0;
  for (const f of files) {
    const t = readTime(spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', 'pdftotext', '-layout', f, '/dev/null'], { encoding: 'utf8' }).stderr);
    peakKb = Math.max(peakKb, t.kb);
    cpu += t.cpu;
  }
  return { seconds: (performance.now() - start) / 1000, cpuSeconds: cpu, peakKb };
}

const TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;

/** Resident kB of a process and all its descendants, from /proc; `cpu` gets each one's CPU seconds so far. */
function treeKb(root: number, cpu?: Map<number, number>): number {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  const used = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ppid = Number(fields[1]);
      // utime and stime (fields 14 and 15 of the line, counted from the pid).
      used.set(Number(entry), (Number(fields[11]) + Number(fields[12])) / TICKS);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
      rss.set(Number(entry), Number(readFileSync(`/proc/${entry}/statm`, 'utf8').split(' ')[1]) * 4);
    } catch {
      // The process ended while it was being read.
    }
  }
  let kb = 0;
  for (const todo = [root]; todo.length > 0; ) {
    const pid = todo.pop()!;
    kb += rss.get(pid) ?? 0;
    if (cpu && pid !== root) cpu.set(pid, Math.max(cpu.get(pid) ?? 0, used.get(pid) ?? 0));
    todo.push(...(children.get(pid) ?? []));
  }
  return kb;
}

/** jixiao extract on the same files, as a user runs it, with the RSS of its process tree sampled. */
async function runJixiao(workers: number): Promise<Run> {
  const out = mkdtempSync(join(scratch, 'out-'));
  const start = performance.now();
  const child = spawn('/usr/bin/time', ['-f', '%e %U %S %M', process.execPath, join(ROOT, 'bin/jixiao.mjs'), 'extract', ...files, '--out', out, '--workers', String(workers), '--quiet', '--no-resume'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let treePeakKb = 0;
  const treeSteps: number[] = [];
  let samples = 0;
  const cpu = new Map<number, number>();
  const timer = setInterval(() => {
    const kb = treeKb(child.pid!, cpu);
    treePeakKb = Math.max(treePeakKb, kb);
    // Every 5 s the tree's size, to see whether it grows over a long batch.
    if (++samples % 50 === 0) treeSteps.push(Math.round(kb / 1024));
  }, 100);
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await new Promise<number | null>((done) => child.on('close', done));
  clearInterval(timer);
  rmSync(out, { recursive: true, force: true });
  if (code !== 0) throw new Error(`jixiao failed: ${err.slice(-500)}`);
  const t = readTime(err);
  return { seconds: (performance.now() - start) / 1000, cpuSeconds: t.cpu, peakKb: t.kb, treePeakKb, treeSteps, processCpu: [...cpu.values()] };
}

/** pdfplumber's extract_tables on every page of each file named on stdin, one a line; `done` after each. */
const PLUMBER = `
import sys
sys.path.insert(0, sys.argv[1])
import pdfplumber
for line in sys.stdin:
    path = line.rstrip('\\n')
    try:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_tables()
    except Exception as err:
        print(path, err, file=sys.stderr)
    print('done', flush=True)
`;

/**
 * pdfplumber in `processes` processes at once, each given the next file when it is done with one,
 * largest first: the queue jixiao's batch keeps for its workers (a fixed share each would leave one
 * process reading alone at the end, which would count against pdfplumber's wall-clock).
 */
async function runPdfplumber(dir: string, processes: number): Promise<Run> {
  const queue = [...files].sort((a, b) => statSync(b).size - statSync(a).size);
  const start = performance.now();
  const times = await Promise.all(
    Array.from(
      { length: Math.min(processes, files.length) },
      () =>
        new Promise<ReturnType<typeof readTime>>((done, fail) => {
          const child = spawn('/usr/bin/time', ['-f', '%e %U %S %M', '/usr/bin/python3', '-c', PLUMBER, dir], { stdio: ['pipe', 'pipe', 'pipe'] });
          const next = () => {
            const file = queue.shift();
            if (file) child.stdin.write(`${file}\n`);
            else child.stdin.end();
          };
          createInterface({ input: child.stdout }).on('line', next);
          next();
          let err = '';
          child.stderr.on('data', (d: Buffer) => (err += d.toString()));
          child.on('close', (code) => (code === 0 ? done(readTime(err)) : fail(new Error(`pdfplumber failed: ${err.slice(-500)}`))));
        }),
    ),
  );
  return { seconds: (performance.now() - start) / 1000, cpuSeconds: times.reduce((s, t) => s + t.cpu, 0), peakKb: Math.max(...times.map((t) => t.kb)) };
}

const mb = (kb: number) => `${Math.round(kb / 1024)} MB`;
const line = (label: string, r: Run, against: Array<[string, Run]>) =>
  `${label.padEnd(40)} ${(pages / r.seconds).toFixed(1).padStart(6)} pages/s  ${((1000 * r.cpuSeconds) / pages).toFixed(1).padStart(6)} ms CPU/page  ` +
  // CPU over wall-clock: one jixiao worker keeps more than one core busy (V8's collector and compiler threads, the batch process).
  `${(r.cpuSeconds / r.seconds).toFixed(2)} cores busy  ` +
  `peak RSS ${mb(r.peakKb)} (largest process)${r.treePeakKb ? `, ${mb(r.treePeakKb)} (all processes)` : ''}` +
  against.map(([name, o]) => `; to ${name}: ${(o.seconds / r.seconds).toFixed(2)}x wall, ${(o.cpuSeconds / r.cpuSeconds).toFixed(2)}x CPU`).join('') +
  (r.treeSteps?.length ? `\n${''.padEnd(40)} all processes every 5 s: ${r.treeSteps.join(' ')} MB` : '') +
  (r.processCpu?.length ? `\n${''.padEnd(40)} CPU s by process (batch first, then workers; last sample, up to 0.1 s short): ${r.processCpu.map((c) => c.toFixed(1)).join(' ')}` : '') +
  '\n';

if (copies > 1) {
  // A long batch of copies measures jixiao's memory over time: the others read one file at a time.
  process.stdout.write(`${files.length} PDFs (copies), ${pages} pages\n\n`);
  for (const w of (values.workers ?? ['2']).map(Number)) process.stdout.write(line(`jixiao extract, ${w} worker${w === 1 ? '' : 's'}`, await runJixiao(w), []));
  process.exit(0);
}
const reference = runPdftotext();
process.stdout.write(`${files.length} PDFs, ${pages} pages; ratios are speeds (>1: faster than the named one)\n\n`);
process.stdout.write(line('pdftotext -layout', reference, []));
for (const w of (values.workers ?? ['1', '2']).map(Number)) {
  const plumber = values.pdfplumber ? await runPdfplumber(values.pdfplumber, w) : null;
  if (plumber) process.stdout.write(line(`pdfplumber 0.9 extract_tables, ${w} proc`, plumber, [['pdftotext', reference]]));
  const j = await runJixiao(w);
  process.stdout.write(line(`jixiao extract, ${w} worker${w === 1 ? '' : 's'}`, j, [['pdftotext', reference], ...(plumber ? ([['pdfplumber', plumber]] as Array<[string, Run]>) : [])]));
}
