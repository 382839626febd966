import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeSiteEntry, startFakeSite, type FakeSite } from './crawl-fake-site';
import { readCsv, ROOT } from './helpers';

const BIN = join(ROOT, 'bin/jixiao.mjs');
const run = promisify(execFile);
interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}
const jixiao = (...args: string[]): Promise<Ran> =>
  run(process.execPath, [BIN, ...args], { cwd: ROOT }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (err: Ran) => ({ code: err.code, stdout: err.stdout, stderr: err.stderr }),
  );

let site: FakeSite;
const dir = mkdtempSync(join(tmpdir(), 'jixiao-crawl-cli-'));
const writeConfig = (name: string, site: Record<string, unknown>) => {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify({ sites: [site] }));
  return path;
};
const fakeSite = (extra: Record<string, unknown> = {}) => fakeSiteEntry(site.origin, extra);

beforeAll(async () => {
  site = await startFakeSite();
});
afterAll(() => site.close());

describe('jixiao crawl on the command line', () => {
  it('explains every option, the exit codes and an example with --help', async () => {
    const { code, stdout } = await jixiao('crawl', '--help');
    expect(code).toBe(0);
    for (const option of ['--store', '--out', '--since', '--retry-failed', '--quiet', 'startUrls', 'allowedHosts', 'nextSelector', 'urlPattern', 'maxPages', 'articleSelector', 'articlePattern', 'attachmentPattern', 'concurrencyPerHost', 'minDelayMs', 'timeoutMs', 'maxBytes', 'retries', 'retryDelayMs', 'maxRedirects', 'userAgent']) {
      expect(stdout).toContain(option);
    }
    expect(stdout).toMatch(/Exit codes: 0 .*; 3 /);
    expect(stdout).toMatch(/Example[^\n]*\n\s+jixiao crawl \S+ --store \S+ --out \S+/);
    expect((await jixiao('--help')).stdout).toMatch(/jixiao crawl <sites-config> --store <dir> --out <dir>/);
  });

  it('exits 2 on a wrong command line or config, saying which option is wrong and why', async () => {
    const bad = writeConfig('bad.json', { name: 'x', startUrls: ['notaurl'], articleSelector: 'a', retries: -1 });
    const refused = await jixiao('crawl', bad, '--store', join(dir, 's'), '--out', join(dir, 'o'));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/bad\.json: sites\[0\] \(x\)\.startUrls\[0\]: expected an absolute http\(s\) URL.*got "notaurl"/);
    expect(refused.stderr).toMatch(/sites\[0\] \(x\)\.retries: expected a number of retries, a whole number from 0 to 10, got -1/);
    expect(refused.stderr).toMatch(/jixiao crawl --help/);
    const good = writeConfig('good.json', fakeSite());
    expect(await jixiao('crawl', good, '--out', join(dir, 'o'))).toMatchObject({ code: 2, stderr: expect.stringMatching(/--store <dir> is required/) });
    // A store another live process holds (this test's own pid): refused, and left as it was.
    const busy = join(dir, 'busy-store');
    mkdirSync(busy);
    writeFileSync(join(busy, 'crawl.lock'), JSON.stringify({ pid: process.pid }));
    expect(await jixiao('crawl', good, '--store', busy, '--out', join(dir, 'o'))).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(new RegExp(`another crawl \\(pid ${process.pid}\\) is using the store`)),
    });
    expect(readdirSync(busy).sort()).toEqual(['crawl.lock', 'objects', 'robots']);
    expect(await jixiao('crawl', good, '--store', join(dir, 's'), '--out', join(dir, 'o'), '--since', 'last week')).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/--since takes a date such as 2024-01-31, or a number of days such as 60d, got "last week"/),
    });
  }, 180_000);

  it('exits 0 when everything was fetched and read, with one summary line counting URLs and documents apart', async () => {
    // Three URLs, two of them the same Word file: two documents.
    // A generous timeout: on a loaded machine a stalled event loop must not pass for a slow server.
    const clean = writeConfig('clean.json', fakeSite({ startUrls: [`${site.origin}/list/copies.html`], pagination: { maxPages: 1 }, timeoutMs: 3000 }));
    const args = ['crawl', clean, '--store', join(dir, 'clean-store'), '--out', join(dir, 'clean-out')];
    const first = await jixiao(...args);
    expect({ code: first.code, stderr: first.stderr, stdout: first.stdout }).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toMatch(
      /^crawl: visited 2 pages, 2 attachments \(3 URLs new, 0 changed, 0 skipped\), 0 failures; parsed this run: 2 documents, 2 reports; dataset now: 2 documents \(2 new\), 2 reports \(\d+ requests, 4 downloads\) → .*clean-out\n$/,
    );
    expect(readCsv(readFileSync(join(dir, 'clean-out', 'documents.csv'), 'utf8').slice(1)).rows).toHaveLength(2);
    // A rerun parses nothing, and says so beside what the dataset holds.
    const rerun = await jixiao(...args);
    expect(rerun.code).toBe(0);
    expect(rerun.stdout).toMatch(/^crawl: visited 2 pages, 2 attachments \(0 URLs new, 0 changed, 0 skipped\), 0 failures; parsed this run: 0 documents, 0 reports; dataset now: 2 documents \(0 new\), 2 reports \(\d+ requests, 0 downloads\) → /);
  }, 120_000);

  it('with --fail-on new, exits 0 when only URLs that failed in the previous run fail again', async () => {
    // /files/slow.pdf answers after 1 s: past this timeout on every run, like a portal endpoint that is always down.
    const config = writeConfig('fail-on.json', fakeSite({ timeoutMs: 600 }));
    const args = ['crawl', config, '--store', join(dir, 'fail-on-store'), '--out', join(dir, 'fail-on-out'), '--fail-on', 'new'];
    const first = await jixiao(...args);
    expect(first.code).toBe(3);
    expect(first.stderr).toMatch(/failed http:\/\/127\.0\.0\.1:\d+\/files\/slow\.pdf: [^\n]*\n/);
    expect(first.stderr).not.toMatch(/slow\.pdf[^\n]*failed in the previous run too/);
    const second = await jixiao(...args);
    expect(second.stderr).toMatch(/failed http:\/\/127\.0\.0\.1:\d+\/files\/slow\.pdf: [^\n]*\(failed in the previous run too\)/);
    expect(second.code).toBe(0);
    expect((await jixiao(...args.slice(0, -2), '--fail-on', 'any')).code).toBe(3);
    expect(await jixiao(...args.slice(0, -2), '--fail-on', 'sometimes')).toMatchObject({ code: 2, stderr: expect.stringMatching(/--fail-on takes any, new, never, got "sometimes"/) });
  }, 300_000);

  it('continues a crawl killed midway without fetching again what it finished, and exits 3 naming each failure', async () => {
    // A generous timeout: on a loaded machine a stalled event loop must not pass for a slow server
    // here (the slow attachment then arrives, and fails when read instead).
    const config = writeConfig('site.json', fakeSite({ timeoutMs: 3000 }));
    const [store, out] = [join(dir, 'store'), join(dir, 'out')];
    site.log.length = 0;
    const child = spawn(process.execPath, [BIN, 'crawl', config, '--store', store, '--out', out], { cwd: ROOT, stdio: 'ignore' });
    site.onRequest = (n) => {
      if (n === 9) child.kill('SIGKILL');
    };
    const [, signal] = (await once(child, 'exit')) as [number | null, string | null];
    site.onRequest = undefined;
    expect(signal).toBe('SIGKILL');
    const killedRun = [...site.log];
    const killedManifest = readFileSync(join(store, 'manifest.jsonl'), 'utf8');
    // As the server logs paths: decoded, with the query.
    const recorded = new Set(
      killedManifest
        .split('\n')
        .filter(Boolean)
        .map((line) => new URL((JSON.parse(line) as { url: string }).url))
        .map((url) => decodeURIComponent(url.pathname + url.search)),
    );
    expect(recorded.size).toBeGreaterThan(2);

    site.log.length = 0;
    const resumed = await jixiao('crawl', config, '--store', store, '--out', out);
    expect(resumed.code).toBe(3);
    expect(resumed.stdout).toMatch(/^crawl: visited 9 pages, \d+ attachments \(\d+ URLs? new, 0 changed, \d+ skipped\), 4 failures; parsed this run: \d+ documents?, \d+ reports?; dataset now: 12 documents \(12 new\), \d+ reports \(.*resumed a killed run\)/);
    expect(resumed.stderr).toMatch(/crawl: failed http:\/\/127\.0\.0\.1:\d+\/files\/missing\.pdf: HTTP 404/);
    const askedAgain = site.log.map((r) => r.path).filter((path) => path !== '/robots.txt');
    // What the killed run recorded is never asked for again; only what it had in flight is.
    expect(askedAgain.filter((path) => recorded.has(path))).toEqual([]);
    // A response is stored before its host's queue slot is freed: at most the requests in flight
    // (concurrencyPerHost, 2) had arrived unrecorded and are fetched a second time.
    const fetchedTwice = new Set(killedRun.filter((r) => r.status === 200 && r.completed && r.path !== '/robots.txt' && askedAgain.includes(r.path)).map((r) => r.path));
    expect(fetchedTwice.size).toBeLessThanOrEqual(2);

    const documents = readCsv(readFileSync(join(out, 'documents.csv'), 'utf8').slice(1)).rows;
    expect(documents.map((d) => new URL(d.source!).pathname).sort()).toEqual(
      [
        '/art/2023/t20230620_3.html',
        '/art/2024/t20240201_6.html',
        '/art/2024/t20240220_5.html',
        '/art/2024/t20240301_4.html',
        '/art/2024/t20240310_2.html',
        '/art/2024/t20240315_1.html',
        '/download.jsp',
        '/files/%E9%99%84%E4%BB%B61.docx',
        '/files/changing.docx',
        '/files/direct.docx',
        '/files/old.docx',
        '/files/slow.pdf',
      ].sort(),
    );
    expect(JSON.parse(readFileSync(join(store, 'run.json'), 'utf8'))).toMatchObject({ finished_at: expect.any(String) });
  }, 300_000);
});
