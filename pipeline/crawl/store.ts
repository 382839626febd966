import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeAtomic } from '../output/write-dataset';
import { Manifest } from './manifest';

/** Another crawl holds the store; two writers would lose each other's manifest lines. */
export class StoreBusyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreBusyError';
  }
}

const RunStateSchema = z.object({ started_at: z.string(), finished_at: z.string().nullable() });

const RobotsFileSchema = z.object({
  origin: z.string(),
  status: z.number().int(),
  etag: z.string().nullable(),
  last_modified: z.string().nullable(),
  body: z.string(),
  checked_at: z.string(),
});
export type RobotsFile = z.infer<typeof RobotsFileSchema>;

const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');

/** A small state file, or null when it is missing or damaged (then it is rebuilt). */
async function readJson<T>(path: string, schema: z.ZodType<T>): Promise<T | null> {
  try {
    const parsed = schema.safeParse(JSON.parse(await readFile(path, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * The raw documents, content-addressed: `objects/ab/ab12….pdf`, the name built only from the
 * hash and a checked extension, so nothing a site sends can choose a path. Beside them the
 * manifest, the state of the current run, robots.txt copies and the lock that keeps a second
 * crawl out while one runs.
 */
export class RawStore {
  private constructor(
    readonly dir: string,
    readonly manifest: Manifest,
    private readonly unlock: () => Promise<void>,
  ) {}

  /** Takes the store for this process, then reads its manifest; `close` gives it back. */
  static async open(dir: string): Promise<RawStore> {
    await mkdir(join(dir, 'objects'), { recursive: true });
    await mkdir(join(dir, 'robots'), { recursive: true });
    const unlock = await lockStore(dir);
    try {
      return new RawStore(dir, await Manifest.open(join(dir, 'manifest.jsonl')), unlock);
    } catch (err) {
      await unlock();
      throw err;
    }
  }

  async close(): Promise<void> {
    await this.unlock();
  }

  /** Stores the bytes once per content; returns their hash and path inside the store. */
  async putObject(bytes: Uint8Array, ext: string): Promise<{ sha256: string; object: string }> {
    const hash = sha256(bytes);
    const safeExt = /^[a-z0-9]{1,8}$/.test(ext) ? ext : 'bin';
    const object = `objects/${hash.slice(0, 2)}/${hash}.${safeExt}`;
    const path = join(this.dir, object);
    if (await stat(path).then((s) => s.size === bytes.length, () => false)) return { sha256: hash, object };
    await mkdir(join(this.dir, 'objects', hash.slice(0, 2)), { recursive: true });
    // A unique temp name: two URLs serving the same bytes may store them at the same moment.
    const tmp = `${path}.${randomUUID()}.tmp`;
    await writeFile(tmp, bytes);
    await rename(tmp, path);
    return { sha256: hash, object };
  }

  /** The stored bytes, or null when the file is missing or no longer matches its hash. */
  async readObject(object: string | null, hash: string | null): Promise<Buffer | null> {
    if (!object || !hash || !/^objects\/[0-9a-f]{2}\/[0-9a-f]{64}\.[a-z0-9]{1,8}$/.test(object)) return null;
    const bytes = await readFile(join(this.dir, object)).catch(() => null);
    return bytes && sha256(bytes) === hash ? bytes : null;
  }

  /**
   * Starts a run, or resumes the one a killed crawl left unfinished: whatever that run already
   * asked for (checked_at ≥ its start) is not asked for again.
   */
  async beginRun(now: string): Promise<{ startedAt: string; resumed: boolean }> {
    const path = join(this.dir, 'run.json');
    const saved = await readJson(path, RunStateSchema);
    if (saved && saved.finished_at === null) return { startedAt: saved.started_at, resumed: true };
    await writeAtomic(path, JSON.stringify({ started_at: now, finished_at: null }));
    return { startedAt: now, resumed: false };
  }

  async finishRun(startedAt: string, now: string): Promise<void> {
    await this.manifest.compact();
    await writeAtomic(join(this.dir, 'run.json'), JSON.stringify({ started_at: startedAt, finished_at: now }));
  }

  async loadRobots(origin: string): Promise<RobotsFile | null> {
    const file = await readJson(this.robotsPath(origin), RobotsFileSchema);
    return file?.origin === origin ? file : null;
  }

  async saveRobots(file: RobotsFile): Promise<void> {
    await writeAtomic(this.robotsPath(file.origin), JSON.stringify(RobotsFileSchema.parse(file)));
  }

  private robotsPath(origin: string): string {
    return join(this.dir, 'robots', `${sha256(origin).slice(0, 24)}.json`);
  }
}

/** Takes the store's lock file; a lock left by a dead process is taken over. */
async function lockStore(dir: string): Promise<() => Promise<void>> {
  const path = join(dir, 'crawl.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(JSON.stringify({ pid: process.pid, started_at: new Date().toISOString() }));
      await handle.close();
      return () => unlink(path).catch(() => undefined);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = (await readJson(path, z.object({ pid: z.number().int() })))?.pid;
      if (holder !== undefined && isAlive(holder)) {
        throw new StoreBusyError(`another crawl (pid ${holder}) is using the store ${dir}: wait for it to finish`);
      }
      await unlink(path).catch(() => undefined);
    }
  }
  throw new StoreBusyError(`cannot lock the store ${dir}: remove ${path} if no crawl is running`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
