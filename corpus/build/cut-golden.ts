// A document cut to some of its pages gets its own golden file: the source golden's reports that
// the cut holds (a subset of hand-written records; nothing is generated from jixiao's output).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GoldenDocumentSchema } from '../../schemas/golden';

export interface CutGolden {
  id: string;
  source: string;
  /** How many reports the cut holds… */
  reports: number;
  /** …from this one on (1-based; the first when not given). */
  first?: number;
}

/** Writes corpus/golden/<id>.json from the source golden's reports the cut holds; returns what it wrote. */
export function writeCutGolden(corpus: string, cut: CutGolden): string {
  const source = GoldenDocumentSchema.parse(JSON.parse(readFileSync(join(corpus, 'golden', `${cut.source}.json`), 'utf8')));
  const path = join(corpus, 'golden', `${cut.id}.json`);
  const first = cut.first ?? 1;
  const reports = source.reports.slice(first - 1, first - 1 + cut.reports);
  if (reports.length !== cut.reports) throw new Error(`golden/${cut.source}.json has no reports ${first}–${first + cut.reports - 1}`);
  writeFileSync(path, `${JSON.stringify({ ...source, reports }, null, 2)}\n`);
  const which = first === 1 ? `the first ${cut.reports} reports` : `reports ${first}–${first + cut.reports - 1}`;
  return `${path}: ${which} of golden/${cut.source}.json`;
}
