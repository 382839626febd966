import { describe, expect, it } from 'vitest';
import type { Check } from '../pipeline/validate/check';
import { CHECKS, VALIDATOR_CODES } from '../pipeline/validate/checks';
import { observe } from '../pipeline/validate/findings';
import { checkContext, runCheck } from '../pipeline/validate';
import { corpusFile, extractFile } from './helpers';

// The validator is a table of checks: each declares its codes (origin, severities) and what it
// reads; the runner holds it to the declaration, so a new check is a new row, nothing else.
describe('the table of checks', () => {
  it('declares, for every check, what it reads and what it may report', () => {
    expect(CHECKS.length).toBeGreaterThanOrEqual(12);
    for (const check of CHECKS) {
      expect(check.reads.length, check.name).toBeGreaterThan(0);
      for (const [code, emit] of Object.entries(check.emits)) {
        expect(code).toMatch(/^[A-Z0-9_]+$/);
        expect(emit.severity.length, code).toBeGreaterThan(0);
        expect(emit.when.length, code).toBeGreaterThan(0);
      }
    }
    expect(CHECKS[0]!.emits).toHaveProperty('EXTRACTION_SUSPECT');
  });

  it('runs a new row as declared, and refuses a code or severity it did not declare', async () => {
    const r = (await extractFile(corpusFile('seeds', '004'))).reports[0]!;
    const row = r.indicators[2]!;
    const declared: Check = {
      name: 'example',
      reads: ['indicators.score'],
      emits: { EXAMPLE: { origin: 'document', severity: ['warning'], when: 'always, in this test' } },
      run: () => [observe(row, 'EXAMPLE', 'warning', { field: 'score', printed: row.score, expected: null, message: 'example' })],
    };
    const ctx = () => checkContext(r.report, r.indicators, r.evidence);
    const [finding] = runCheck(declared, ctx());
    // At the score cell of that row, with the declared origin.
    const cell = r.evidence.cells.find((c) => c.row_index === row.row_index && c.field === 'score')!;
    expect(finding).toMatchObject({ code: 'EXAMPLE', origin: 'document', row_index: 2, table_index: cell.table_index, source_row: cell.row, source_column: cell.column });
    expect(() => runCheck({ ...declared, run: () => [observe(row, 'OTHER', 'warning', { field: null, printed: null, expected: null, message: 'x' })] }, ctx())).toThrow(/does not declare/);
    expect(() => runCheck({ ...declared, run: () => [observe(row, 'EXAMPLE', 'error', { field: null, printed: null, expected: null, message: 'x' })] }, ctx())).toThrow(/EXAMPLE\/error/);
    expect(VALIDATOR_CODES.has('EXAMPLE')).toBe(false);
  });
});
