import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { goldenIdOf } from '../pipeline/evaluate/corpus';
import { CORPUS } from './helpers';

// The corpus's own golden ids: cuts are named after their source with a letter added (s004,
// s004b), so a file must be scored against the longest id its name starts with.
const ids = readdirSync(join(CORPUS, 'golden'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => basename(f, '.json'));

describe("eval's golden id for a corpus file", () => {
  it('takes the longest id the name starts with', () => {
    expect(goldenIdOf('s004b-qiannan-forms-3-to-5-grid-fax.pdf', ids)).toBe('s004b');
    expect(goldenIdOf('s004-qiannan-first-two-forms-scan.pdf', ids)).toBe('s004');
    expect(goldenIdOf('s000c-transfer-selfeval-third-report-grid-seal.pdf', ids)).toBe('s000c');
    expect(goldenIdOf('000-transfer-selfeval-indicators.pdf', ids)).toBe('000');
    expect(goldenIdOf('004-qiannan-project-tables-grid-seal.pdf', ids)).toBe('004');
    expect(goldenIdOf('shenan-henan-jineng-evaluation-table-grid-fax.pdf', ids)).toBe('shenan');
    expect(goldenIdOf('003_348b61d338c0cb29.txt', ids)).toBe('003');
    expect(goldenIdOf('tp-hunan-pingjiang-road-maintenance-evaluation.pdf', ids)).toBe('tp-hunan');
  });

  it('gives none to a file no golden names', () => {
    expect(goldenIdOf('blank-templates-zy2025-policy-compilation.html', ids)).toBeUndefined();
  });
});
