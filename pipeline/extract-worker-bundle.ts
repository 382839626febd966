import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

type Esbuild = typeof import('esbuild');

/** Building takes well under a second; one that has not finished by this is stuck (workers then start through the loader). */
const BUILD_SECONDS = 60;

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * The worker's code compiled to plain JavaScript once per batch, so that worker processes start
 * without the TypeScript loader: its hooks cost each worker ~0.7 s CPU of its ~1.1 s start-up.
 * Built by the esbuild that tsx (which runs the sources otherwise) runs on, in memory, then
 * written to `node_modules/.cache/jixiao-worker/<hash of the output>/` (packages resolve from
 * there as from the sources; the same code is written once, whatever the number of batches or
 * kills). Each module keeps its own `import.meta.url`, so what is found beside the sources (the
 * OCR model thread, package files) is found as before. Formats stay split: a worker loads a
 * format's code with its first document. Null when it cannot be built or written (the workers
 * then start through the loader, as the sources run).
 */
export async function buildWorkerBundle(): Promise<URL | null> {
  let timer: NodeJS.Timeout | undefined;
  const stuck = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), BUILD_SECONDS * 1000)));
  try {
    return await Promise.race([build(), stuck]);
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

async function build(): Promise<URL> {
  const esbuild = createRequire(createRequire(import.meta.url).resolve('tsx/package.json'))('esbuild') as Esbuild;
  // esbuild's service process would otherwise idle beside the batch until it ends.
  const result = await esbuild.build({
    entryPoints: { 'extract-worker': join(ROOT, 'pipeline/extract-worker.ts') },
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
    logLevel: 'silent',
    plugins: [
      {
        name: 'own-import-meta',
        setup(b) {
          b.onLoad({ filter: /\.ts$/ }, (args) => ({
            contents: readFileSync(args.path, 'utf8').replace(/\bimport\.meta\.url\b/g, JSON.stringify(pathToFileURL(args.path).href)),
            loader: 'ts',
          }));
        },
      },
    ],
  }).finally(() => esbuild.stop());
  const hash = createHash('sha256');
  for (const file of result.outputFiles) hash.update(file.path).update(file.contents);
  const cache = join(ROOT, 'node_modules/.cache/jixiao-worker');
  const dir = join(cache, hash.digest('hex').slice(0, 16));
  if (!existsSync(dir)) {
    // Written beside, then renamed: a batch starting at the same time never sees half of it.
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
  }
  return pathToFileURL(join(dir, 'extract-worker.mjs'));
}
