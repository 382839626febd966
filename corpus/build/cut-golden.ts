// A document cut to its first pages gets its own golden file: the source golden's reports that
// the cut holds (a subset of hand-written records; nothing is generated from jixiao's output).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GoldenDocumentSchema } from '../../schemas/golden';

export interface CutGolden {
  id: string;
  source: string;
  reports: number;
}

/** Writes corpus/golden/<id>.json from the source golden's first `reports`; returns what it wrote. */
export function writeCutGolden(corpus: string, cut: CutGolden): string {
  const source = GoldenDocumentSchema.parse(JSON.parse(readFileSync(join(corpus, 'golden', `${cut.source}.json`), 'utf8')));
  const path = join(corpus, 'golden', `${cut.id}.json`);
  writeFileSync(path, `${JSON.stringify({ ...source, reports: source.reports.slice(0, cut.reports) }, null, 2)}\n`);
  return `${path}: the first ${cut.reports} reports of golden/${cut.source}.json`;
}
