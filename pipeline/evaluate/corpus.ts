import { readdir, readFile } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { GoldenDocumentSchema, type GoldenDocument } from '../../schemas/golden';
import { extractDocument } from '../extract';
import { addScore, compareDocument, emptyScore, type DocumentScore } from './compare';

export interface CorpusDocumentScore extends DocumentScore {
  path: string;
  format: string;
  golden: string;
  /** The producer folder (`producers/<producer>/…`) the file sits in; null outside the matrix. */
  producer: string | null;
}

/** A producer's figures, and whether it is held out (never looked at while tuning). */
export interface ProducerScore extends DocumentScore {
  heldOut: boolean;
}

export interface CorpusScore {
  documents: CorpusDocumentScore[];
  byFormat: Map<string, DocumentScore>;
  /** The corpus's top folders outside the producer matrix (`html`, `pdf`, `scan`…). */
  byFolder: Map<string, DocumentScore>;
  byProducer: Map<string, ProducerScore>;
  total: DocumentScore;
}

/** Every file under a folder, recursively, skipping dot-folders. */
async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const out: string[] = [];
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const path = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(path)));
    else out.push(path);
  }
  return out.sort();
}

/**
 * The held-out producers of the matrix: the folders named in `producers/README.md`'s rows whose
 * last column says **yes**.
 */
async function heldOutProducers(corpusDir: string): Promise<Set<string>> {
  const readme = await readFile(join(corpusDir, 'producers', 'README.md'), 'utf8').catch(() => '');
  return new Set([...readme.matchAll(/^\|\s*`([^`/]+)\/`.*\|\s*\*\*yes\*\*\s*\|\s*$/gm)].map((m) => m[1]!));
}

/**
 * The golden id a corpus file is scored against: the longest id its name starts with, so that
 * `s004b-…` is scored against golden/s004b, not s004 (and `tp-hunan-…` against tp-hunan).
 */
export function goldenIdOf(fileName: string, ids: Iterable<string>): string | undefined {
  let best: string | undefined;
  for (const id of ids) if (fileName.startsWith(id) && id.length > (best?.length ?? 0)) best = id;
  return best;
}

const producerOf = (relativePath: string) => /^producers\/([^/]+)\//.exec(relativePath)?.[1] ?? null;



/**
 * Extracts every document of a corpus whose name starts with a golden file's id
 * (`golden/003.json` → `seeds/003_….txt`, `html/003-….html`) and compares it with that file.
 */
export interface EvaluateOptions {
  onDocument?: (s: CorpusDocumentScore) => void;
  /** Leave the held-out producers out (while tuning, their results must not be seen). */
  skipHeldOut?: boolean;
  /** Only the files whose path inside the corpus starts with one of these. */
  only?: string[];
}

export async function evaluateCorpus(corpusDir: string, options: EvaluateOptions = {}): Promise<CorpusScore> {
  const goldenDir = join(corpusDir, 'golden');
  const goldens = new Map<string, GoldenDocument>();
  for (const file of (await readdir(goldenDir)).filter((f) => f.endsWith('.json')).sort()) {
    goldens.set(basename(file, '.json'), GoldenDocumentSchema.parse(JSON.parse(await readFile(join(goldenDir, file), 'utf8'))));
  }
  const heldOut = await heldOutProducers(corpusDir);
  const score: CorpusScore = { documents: [], byFormat: new Map(), byFolder: new Map(), byProducer: new Map(), total: emptyScore() };
  for (const path of await listFiles(corpusDir)) {
    if (path.startsWith(goldenDir) || /README|\.json$|\/build\//.test(path)) continue;
    const id = goldenIdOf(basename(path), goldens.keys());
    if (!id) continue;
    const producer = producerOf(relative(corpusDir, path));
    if (options.skipHeldOut && producer !== null && heldOut.has(producer)) continue;
    if (options.only && !options.only.some((prefix) => relative(corpusDir, path).startsWith(prefix))) continue;
    const result = await extractDocument(await readFile(path), relative(corpusDir, path), { path });
    const doc: CorpusDocumentScore = {
      ...compareDocument(goldens.get(id)!, result),
      path: relative(corpusDir, path),
      // Variants of a format (`…-unruled.pdf`) are counted apart: they measure another path.
      // Documents read by OCR (scans, table images) are scored as a format of their own too.
      format: result.reports.some((r) => r.report.extraction_method === 'pdf_ocr')
        ? 'ocr'
        : `${result.document.format ?? 'unknown'}${/-unruled\./.test(path) ? ' without rules' : ''}`,
      golden: id,
      producer,
    };
    if (result.document.status === 'failed') doc.differences.unshift(`failed: ${result.document.error}`);
    score.documents.push(doc);
    if (!score.byFormat.has(doc.format)) score.byFormat.set(doc.format, emptyScore());
    addScore(score.byFormat.get(doc.format)!, doc);
    if (doc.producer === null) {
      const folder = doc.path.split('/')[0]!;
      if (!score.byFolder.has(folder)) score.byFolder.set(folder, emptyScore());
      addScore(score.byFolder.get(folder)!, doc);
    } else {
      if (!score.byProducer.has(doc.producer)) score.byProducer.set(doc.producer, { ...emptyScore(), heldOut: heldOut.has(doc.producer) });
      addScore(score.byProducer.get(doc.producer)!, doc);
    }
    addScore(score.total, doc);
    options.onDocument?.(doc);
  }
  return score;
}
