import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBatch } from '../pipeline/run-batch';
import { corpusFile, readCsv } from './helpers';

describe('the order a batch reads its documents in', () => {
  it('reads the largest files first and still lists the documents in the order given', async () => {
    const given = ['000', '002', '001', '003', '004'].map((id) => corpusFile('html', id));
    const out = mkdtempSync(join(tmpdir(), 'jixiao-order-'));
    const started: string[] = [];
    await runBatch(given, { outDir: out, workers: 0, concurrency: 1, resume: false, onDocument: (_, __, r) => started.push(r.document.source) });
    const bySize = [...given].sort((a, b) => statSync(b).size - statSync(a).size);
    // The files differ in size: the expectation is not the order given.
    expect(bySize).not.toEqual(given);
    expect(started).toEqual(bySize);
    const documents = readCsv(readFileSync(join(out, 'documents.csv'), 'utf8').slice(1)).rows;
    expect(documents.map((d) => d.source)).toEqual(given);
  });
});
