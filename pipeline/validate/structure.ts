import Decimal from 'decimal.js';
import type { Evidence, Indicator } from '../../schemas/dataset';
import { compact } from '../text';
import type { Check } from './check';
import { observe, type Observation } from './findings';
import { formatComputed, matchesAtPrecision } from './precision';

/**
 * The arithmetic of a table's structure: a score within its weight, level weights printed as
 * `产出指标 (50分)` equal to their rows' weights, printed level-1 subtotals (a summary table, a
 * 合计 per score table) equal to their rows, and scores that are not printed at all.
 */

/** A level-1 as a summary table or a subtotal row prints it. */
export interface PrintedLevel {
  level1: string;
  weight: Decimal | null;
  score: Decimal | null;
}

const showLevel = (l: PrintedLevel) => `${l.level1} ${l.weight?.toString() ?? '-'}/${l.score?.toString() ?? '-'}`;
export const showPrintedLevels = (levels: PrintedLevel[]) => (levels.length === 0 ? null : levels.map(showLevel).join('; '));
export const printedLevels = (evidence: Evidence): PrintedLevel[] =>
  evidence.levels_printed.map((l) => ({ level1: l.level1, weight: l.weight === null ? null : new Decimal(l.weight), score: l.score === null ? null : new Decimal(l.score) }));

/** Consecutive rows under one level label. */
export interface LevelGroup {
  name: string;
  rows: Indicator[];
}

export function groupRows(rows: Indicator[], level: 'level1' | 'level2'): LevelGroup[] {
  const groups: Array<LevelGroup & { key: string }> = [];
  for (const row of rows) {
    const name = row[level];
    if (name === null) continue;
    // A level-2 name recurs under other level-1s (数量指标): it groups within its level-1 only.
    const key = level === 'level2' ? `${row.level1 ?? ''}/${name}` : name;
    const last = groups[groups.length - 1];
    if (last && last.key === key) last.rows.push(row);
    else groups.push({ key, name, rows: [row] });
  }
  return groups;
}

/**
 * Each level label (level-1, then level-2) that prints a weight and whose rows all print theirs:
 * the weight it prints and what its rows weigh.
 */
export function levelWeights(rows: Indicator[]): Array<{ name: string; printed: string; held: Decimal }> {
  return (['level1', 'level2'] as const).flatMap((level) =>
    groupRows(rows, level).flatMap((g) => {
      const printed = g.rows[0]![level === 'level1' ? 'level1_weight' : 'level2_weight'];
      if (printed === null || g.rows.some((r) => r.weight === null)) return [];
      return [{ name: g.name, printed, held: g.rows.reduce((a, r) => a.plus(r.weight!), new Decimal(0)) }];
    }),
  );
}

const sum = (values: Array<string | null>) => values.reduce((acc, v) => acc.plus(v ?? 0), new Decimal(0));
const allPrinted = (values: Array<string | null>) => values.every((v) => v !== null);
export const sameName = (a: string, b: string) => {
  const [x, y] = [compact(a), compact(b)];
  return x === y || (Math.min(x.length, y.length) >= 2 && (x.startsWith(y) || y.startsWith(x)));
};

/** Score ≤ weight on every row (自评得分 and 财政复评得分). */
export function checkRowScores(rows: Indicator[]): Observation[] {
  const findings: Observation[] = [];
  for (const row of rows) {
    if (row.weight === null) continue;
    for (const field of ['score', 'review_score'] as const) {
      const value = row[field];
      if (value !== null && new Decimal(value).gt(row.weight)) {
        findings.push(
          observe(row, 'SCORE_EXCEEDS_WEIGHT', 'error', {
            field,
            printed: value,
            expected: `≤ ${row.weight}`,
            message: `${row.level3 ?? 'row'}: ${field === 'score' ? '得分' : '复评得分'} ${value} is over its 分值 ${row.weight} (a score never exceeds its weight)`,
          }),
        );
      }
    }
  }
  return findings;
}

/** Level weights printed in labels (`产出指标 (60分)`) against the weights of the rows they cover. */
export function checkLevelWeights(rows: Indicator[]): Observation[] {
  const findings: Observation[] = [];
  for (const level of ['level1', 'level2'] as const) {
    const weightField = level === 'level1' ? 'level1_weight' : 'level2_weight';
    for (const group of groupRows(rows, level)) {
      const weights = group.rows.map((r) => r.weight);
      if (!allPrinted(weights)) continue;
      const total = sum(weights);
      const seen = new Set<string>();
      for (const row of group.rows) {
        const printed = row[weightField];
        if (printed === null || seen.has(printed)) continue;
        seen.add(printed);
        if (new Decimal(printed).equals(total)) continue;
        findings.push(
          observe(row, level === 'level1' ? 'LEVEL1_WEIGHT_MISMATCH' : 'LEVEL2_WEIGHT_MISMATCH', 'error', {
            field: weightField,
            printed,
            expected: total.toString(),
            message: `${group.name} printed (${printed}分), but the weights of its ${group.rows.length} rows add up to ${weights.join(' + ')} = ${total}`,
            from_rows: group.rows.map((r) => r.row_index),
          }),
        );
      }
    }
  }
  return findings;
}

export interface LevelTotals {
  findings: Observation[];
  /** Scores and weights of printed levels that have no rows (seed 003's 满意度指标 10/10). */
  extraScore: Decimal;
  extraWeight: Decimal;
  /** Expected values of unprinted scores derived from a printed subtotal, by row index. */
  gapScores: Map<number, Decimal>;
}

/** Printed level-1 subtotals against their rows; levels printed without rows count in the total. */
export function checkPrintedLevels(rows: Indicator[], levels: PrintedLevel[]): LevelTotals {
  const out: LevelTotals = { findings: [], extraScore: new Decimal(0), extraWeight: new Decimal(0), gapScores: new Map() };
  const groups = groupRows(rows, 'level1');
  for (const level of levels) {
    const group = groups.find((g) => sameName(g.name, level.level1));
    if (!group) {
      out.extraScore = out.extraScore.plus(level.score ?? 0);
      out.extraWeight = out.extraWeight.plus(level.weight ?? 0);
      continue;
    }
    const first = group.rows[0]!;
    const weights = group.rows.map((r) => r.weight);
    if (level.weight && allPrinted(weights) && !level.weight.equals(sum(weights))) {
      out.findings.push(
        observe(first, 'LEVEL1_WEIGHT_MISMATCH', 'error', {
          field: 'level1_weight',
          printed: level.weight.toString(),
          expected: sum(weights).toString(),
          message: `${level.level1}: the printed subtotal 分值 ${level.weight} differs from its rows' weights ${weights.join(' + ')} = ${sum(weights)}`,
          from_rows: group.rows.map((r) => r.row_index),
        }),
      );
    }
    if (!level.score) continue;
    const printed = group.rows.filter((r) => r.score !== null);
    const missing = group.rows.filter((r) => r.score === null && r.weight !== null);
    const got = sum(printed.map((r) => r.score));
    const room = sum(missing.map((r) => r.weight));
    const gap = level.score.minus(got);
    if (missing.length > 0 && gap.gte(0) && gap.lte(room)) {
      // The unprinted scores must make up the gap: each is known when one is missing or all are full.
      if (missing.length === 1) out.gapScores.set(missing[0]!.row_index, gap);
      else if (gap.equals(room)) for (const r of missing) out.gapScores.set(r.row_index, new Decimal(r.weight!));
      continue;
    }
    if (missing.length === 0 && matchesAtPrecision(level.score.toString(), got)) continue;
    out.findings.push(
      observe(first, 'LEVEL1_SCORE_MISMATCH', 'error', {
        field: 'score',
        printed: level.score.toString(),
        expected: missing.length === 0 ? formatComputed(got) : `${formatComputed(got)}–${formatComputed(got.plus(room))}`,
        message: `${level.level1}: the printed subtotal 得分 ${level.score} differs from its rows' scores ${printed.map((r) => r.score).join(' + ')} = ${formatComputed(got)}${missing.length > 0 ? ` (plus at most ${room} not printed)` : ''}`,
        from_rows: group.rows.map((r) => r.row_index),
      }),
    );
  }
  return out;
}

/** Rows with a weight but no printed score, in a table that prints scores. */
export function checkUnprintedScores(rows: Indicator[], expectedOf: (row: Indicator) => { value: Decimal; why: string } | null): Observation[] {
  if (!rows.some((r) => r.score !== null)) return [];
  return rows
    .filter((r) => r.score === null && r.weight !== null)
    .map((row) => {
      const expected = expectedOf(row);
      return observe(row, 'SCORE_NOT_PRINTED', 'warning', {
        field: 'score',
        printed: null,
        expected: expected ? expected.value.toString() : null,
        message: `${row.level3 ?? 'row'} (分值 ${row.weight}) prints no score${expected ? `; ${expected.why}` : ''}`,
      });
    });
}

const ARITHMETIC = { origin: 'document', severity: ['error'], when: 'always: arithmetic on printed figures' } as const;

export const rowScoresCheck: Check = {
  name: 'scores within weights',
  reads: ['indicators.weight', 'indicators.score', 'indicators.review_score'],
  emits: { SCORE_EXCEEDS_WEIGHT: ARITHMETIC },
  run: (ctx) => checkRowScores(ctx.rows),
};

export const levelWeightsCheck: Check = {
  name: 'level weights in labels',
  reads: ['indicators.level1', 'indicators.level1_weight', 'indicators.level2', 'indicators.level2_weight', 'indicators.weight'],
  emits: {
    LEVEL1_WEIGHT_MISMATCH: { ...ARITHMETIC, reads: ['indicators.level1', 'indicators.level1_weight', 'indicators.weight'] },
    LEVEL2_WEIGHT_MISMATCH: { ...ARITHMETIC, reads: ['indicators.level1', 'indicators.level2', 'indicators.level2_weight', 'indicators.weight'] },
  },
  run: (ctx) => checkLevelWeights(ctx.rows),
};

export const printedLevelsCheck: Check = {
  name: 'printed level-1 subtotals',
  reads: ['indicators.level1', 'indicators.weight', 'indicators.score', 'evidence.levels_printed'],
  emits: {
    LEVEL1_WEIGHT_MISMATCH: { ...ARITHMETIC, reads: ['indicators.level1', 'indicators.weight'] },
    LEVEL1_SCORE_MISMATCH: { ...ARITHMETIC, reads: ['indicators.level1', 'indicators.score'] },
  },
  run(ctx) {
    const totals = checkPrintedLevels(ctx.rows, ctx.levels);
    ctx.derived.gapScores = totals.gapScores;
    ctx.derived.extraScore = totals.extraScore;
    ctx.derived.extraWeight = totals.extraWeight;
    return totals.findings;
  },
};

export const unprintedScoresCheck: Check = {
  name: 'scores not printed',
  reads: ['indicators.weight', 'indicators.score', 'evidence.statements', 'evidence.levels_printed', 'evidence.merged_blocks'],
  emits: { SCORE_NOT_PRINTED: { origin: 'document', severity: ['warning'], when: 'a row with a weight prints no score in a table that prints scores' } },
  run: (ctx) =>
    // A row under a score printed once for its block has that score (MERGED_BLOCK_VALUE says so).
    checkUnprintedScores(ctx.rows.filter((r) => !ctx.evidence.merged_blocks.some((b) => b.field === 'score' && b.row_indexes.includes(r.row_index))), (row) => {
      const stated = ctx.derived.statedScores.get(row.row_index);
      if (stated) return stated;
      const gap = ctx.derived.gapScores.get(row.row_index);
      return gap ? { value: gap, why: `the printed subtotal of ${row.level1} needs ${gap} from it` } : null;
    }),
};
