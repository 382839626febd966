import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers';

// The validator is its own stage: it reads records and evidence (schemas/) and the vocabulary,
// never extraction's working types or code, so that `check` runs it without the source.
const VALIDATE = join(ROOT, 'pipeline/validate');
const EXTRACTION = ['pipeline/tables/', 'pipeline/reports/', 'pipeline/extract', 'parsers/'];
const ALLOWED = ['schemas/', 'pipeline/validate/', 'pipeline/vocabulary/', 'pipeline/text.ts', 'pipeline/values.ts'];
const PACKAGES = ['decimal.js', 'zod'];

/** Every module specifier of a file: static imports, re-exports and dynamic imports. */
export function importsOf(source: string): string[] {
  const found = [...source.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)];
  return found.map((m) => (m[1] ?? m[2] ?? m[3])!);
}

function offending(file: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return PACKAGES.includes(specifier) ? null : specifier;
  const target = relative(ROOT, resolve(dirname(file), specifier)).replace(/\\/g, '/');
  const path = /\.[cm]?[jt]s$/.test(target) ? target : `${target}.ts`;
  if (ALLOWED.some((a) => path === a || path.startsWith(a))) return null;
  return path;
}

describe('pipeline/validate imports nothing from extraction', () => {
  it('reads the specifiers of real imports', () => {
    expect(importsOf("import type { A } from '../reports/assemble';\nexport { b } from './b';\nconst c = await import('../../parsers/registry');")).toEqual([
      '../reports/assemble',
      './b',
      '../../parsers/registry',
    ]);
    expect(offending(join(VALIDATE, 'x.ts'), '../reports/assemble')).toBe('pipeline/reports/assemble.ts');
    expect(EXTRACTION.some((e) => 'pipeline/reports/assemble.ts'.startsWith(e))).toBe(true);
  });

  it('every module of pipeline/validate imports only schemas/, the vocabulary, text and value helpers', () => {
    const files = readdirSync(VALIDATE).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(5);
    const bad = files.flatMap((f) => {
      const file = join(VALIDATE, f);
      return importsOf(readFileSync(file, 'utf8')).flatMap((s) => {
        const off = offending(file, s);
        return off === null ? [] : [`${f} → ${off}`];
      });
    });
    expect(bad).toEqual([]);
  });
});
