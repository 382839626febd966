// Child process of hostile-commit.test.ts: rewrites one dataset folder over and over, each
// generation's ids marked `g<k>-` (k counting from `first`), until it is killed. It stops by
// itself after `limitMs`, or as soon as the test process that started it is gone (its parent
// changes), so that no writer is ever left running.
import { readFileSync } from 'node:fs';
import { writeDataset } from '../../pipeline/output/write-dataset';
import { extractDocument } from '../../pipeline/extract';
import type { DocumentResult } from '../../schemas/dataset';

const [outDir, seed, copies, first, limitMs] = process.argv.slice(2) as [string, string, string, string, string];
const parent = process.ppid;
const end = Date.now() + Number(limitMs);
const base = await extractDocument(readFileSync(seed), seed);

const generation = (k: number): DocumentResult[] =>
  Array.from({ length: Number(copies) }, (_, i) => {
    const mark = (id: string) => `g${k}-${i}-${id}`;
    return {
      document: { ...base.document, doc_id: mark(base.document.doc_id) },
      reports: base.reports.map((r) => ({
        ...r,
        report: { ...r.report, report_id: mark(r.report.report_id), doc_id: mark(base.document.doc_id) },
        indicators: r.indicators.map((x) => ({ ...x, report_id: mark(x.report_id) })),
        findings: r.findings.map((x) => ({ ...x, report_id: mark(x.report_id) })),
      })),
    };
  });

process.stdout.write('ready\n');
for (let k = Number(first); process.ppid === parent && Date.now() < end; k++) await writeDataset(outDir, generation(k));
process.stderr.write(process.ppid === parent ? 'time limit reached\n' : 'the test process is gone\n');
process.exitCode = 3;
