// Plain JavaScript: bin/jixiao.mjs runs it before any TypeScript loader is registered (types in extract-worker-bundle.d.mts).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Building takes well under a second; one that has not finished by this is stuck (the code then runs through the loader). */
const BUILD_SECONDS = 60;

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The folders whose code is compiled: their files name the compiled copy, so a copy made once serves until one of them changes. */
const SOURCE_DIRS = ['parsers', 'pipeline', 'schemas'];

/** A compiled copy not used for this long is removed when a new one is built (each edit of the sources makes one). */
const UNUSED_DAYS = 7;

/** The entry points compiled, by the name of their compiled file. */
const ENTRIES = { cli: 'pipeline/cli.ts', 'extract-worker': 'pipeline/extract-worker.ts' };

/** @type {Promise<string | null> | undefined} */
let compiled;

/**
 * The batch's and the worker's code compiled to plain JavaScript, so that neither the batch
 * process nor its worker processes run the TypeScript loader: its hooks cost each process
 * ~0.7–1.5 s CPU of its start-up. Built by the esbuild that tsx (which runs the sources
 * otherwise) runs on, into `node_modules/.cache/jixiao-worker/<hash of the sources>/`, once for
 * the same sources: a start whose sources have a compiled copy only hashes them (packages
 * resolve from there as from the sources). Each module keeps its own `import.meta.url`, so what
 * is found beside the sources (the OCR model thread, package files) is found as before. Formats
 * stay split: a process loads a format's code with its first document. Null when it cannot be
 * built or written (the code then runs through the loader, as the sources run).
 * @param {keyof typeof ENTRIES} entry
 * @returns {Promise<URL | null>}
 */
export async function compiledEntry(entry) {
  const dir = await (compiled ??= compiledDir());
  return dir === null ? null : pathToFileURL(join(dir, `${entry}.mjs`));
}

/** @returns {Promise<string | null>} */
async function compiledDir() {
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  /** @type {Promise<null>} */
  const stuck = new Promise((resolve) => (timer = setTimeout(() => resolve(null), BUILD_SECONDS * 1000)));
  try {
    return await Promise.race([findOrBuild(), stuck]);
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/** @returns {Promise<string>} */
async function findOrBuild() {
  const esbuild = /** @type {typeof import('esbuild')} */ (createRequire(createRequire(import.meta.url).resolve('tsx/package.json'))('esbuild'));
  const cache = join(ROOT, 'node_modules/.cache/jixiao-worker');
  const sources = sourcesHash(esbuild.version);
  const known = join(cache, sources);
  if (existsSync(known)) {
    // Its time says when it was last used, for the pruning below.
    const now = new Date();
    utimesSync(known, now, now);
    return known;
  }
  // esbuild's service process would otherwise idle beside the batch until it ends.
  const result = await esbuild
    .build({
      entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([name, path]) => [name, join(ROOT, path)])),
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: `node${process.versions.node}`,
      packages: 'external',
      // Error names and stack frames read as in the sources.
      keepNames: true,
      outdir: '/',
      outExtension: { '.js': '.mjs' },
      write: false,
      metafile: true,
      absWorkingDir: ROOT,
      logLevel: 'silent',
      plugins: [
        {
          name: 'own-import-meta',
          setup(b) {
            b.onLoad({ filter: /\.(ts|mjs)$/ }, (args) => ({
              contents: readFileSync(args.path, 'utf8').replace(/\bimport\.meta\.url\b/g, JSON.stringify(pathToFileURL(args.path).href)),
              loader: args.path.endsWith('.ts') ? 'ts' : 'js',
            }));
          },
        },
      ],
    })
    .finally(() => esbuild.stop());
  // Code from outside the hashed folders could change unseen: such a copy is named by its output and built again each time.
  const outside = Object.keys(result.metafile.inputs).some((input) => !SOURCE_DIRS.some((d) => input.startsWith(`${d}/`)));
  const output = createHash('sha256');
  for (const file of result.outputFiles) output.update(file.path).update(file.contents);
  const dir = outside ? join(cache, `built-${output.digest('hex').slice(0, 16)}`) : known;
  if (!existsSync(dir)) {
    // Written beside, then renamed: a process starting at the same time never sees half of it.
    const partial = `${dir}.${process.pid}.partial`;
    for (const file of result.outputFiles) {
      const to = join(partial, file.path);
      mkdirSync(dirname(to), { recursive: true });
      writeFileSync(to, file.contents);
    }
    try {
      renameSync(partial, dir);
    } catch (err) {
      rmSync(partial, { recursive: true, force: true });
      if (!existsSync(dir)) throw err;
    }
    pruneUnused(cache, dir);
  }
  return dir;
}

/**
 * Removes the compiled copies not used for UNUSED_DAYS (every edit of the sources leaves one
 * behind). A copy that old is no longer one any running process started from.
 * @param {string} cache
 * @param {string} keep
 */
function pruneUnused(cache, keep) {
  const before = Date.now() - UNUSED_DAYS * 86_400_000;
  for (const entry of readdirSync(cache, { withFileTypes: true })) {
    const dir = join(cache, entry.name);
    if (!entry.isDirectory() || dir === keep) continue;
    try {
      if (statSync(dir).mtimeMs < before) rmSync(dir, { recursive: true, force: true });
    } catch {
      // Removed by another process at the same time, or not ours to remove: nothing to do.
    }
  }
}

/**
 * Every file of the compiled folders, by path and content, and the compiler's version: what the
 * compiled copy is made from (packages stay outside it, resolved when it runs).
 * @param {string} compiler
 */
function sourcesHash(compiler) {
  // The checkout's own path too: the compiled modules name their sources by absolute URL, and
  // two checkouts sharing one node_modules (worktrees) must not run each other's files.
  const hash = createHash('sha256').update(`esbuild ${compiler}\0node ${process.versions.node}\0${ROOT}\0`);
  const files = SOURCE_DIRS.flatMap((d) => readdirSync(join(ROOT, d), { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile())
    .map((e) => relative(ROOT, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort();
  for (const file of files) hash.update(file).update('\0').update(readFileSync(join(ROOT, file))).update('\0');
  return hash.digest('hex').slice(0, 16);
}
