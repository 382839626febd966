import { CODED_LABEL_WEIGHT, LABEL_WEIGHT, LEVEL1_NAMES, LEVEL2_NAMES, type IndicatorField } from '../vocabulary/lexicon';
import { compact, foldWidth } from '../text';
import { isNumberCell, isValueCell } from '../values';
import type { HeaderMap } from './header';

/**
 * Text extractions of PDFs drift cells sideways: a level-2 label lands in the level-1 column,
 * an indicator name in the first column, values one column left. Each cell is placed in the
 * column whose kind of content it has (numbers in score columns, operators in targets, known
 * level names in level columns), in printed order, at a small cost per column of drift. The
 * costs below are relative: only their order matters.
 */
const SHIFT_COST = 0.4;
const MISSING_LEVEL3_COST = 5;
/** A score or deduction is only printed beside a weight; a weight nearly always has a score. */
const MISSING_WEIGHT_COST = 2.5;
const MISSING_SCORE_COST = 1;
/** How much better a drifted reading must fit than the printed columns to be taken. */
export const REALIGN_MARGIN = 0.5;
const IMPOSSIBLE = 10;

export type CellKind = 'number' | 'value' | 'level1' | 'level2' | 'text';

export function cellKind(text: string): CellKind {
  const key = compact(foldWidth(text));
  if (isNumberCell(text)) return 'number';
  const label = LABEL_WEIGHT.exec(key)?.[1] ?? key;
  if (LEVEL1_NAMES.some((n) => n.pattern.test(label))) return 'level1';
  if (LEVEL2_NAMES.some((n) => n.pattern.test(label))) return 'level2';
  if (LABEL_WEIGHT.test(key)) return 'level1';
  // A coded label says its level: `A决策15分` a level-1, `A1项目立项5分` a level-2.
  if (CODED_LABEL_WEIGHT.test(key)) return /^[A-Z]\d/.test(key) ? 'level2' : 'level1';
  if (isValueCell(text)) return 'value';
  return 'text';
}

const NUMERIC: ReadonlySet<IndicatorField> = new Set([
  'weight', 'score', 'review_score', 'deduction', 'level1_weight', 'level2_weight',
]);

/** How badly a cell of this kind fits a field. */
export function fitCost(field: IndicatorField, kind: CellKind): number {
  if (NUMERIC.has(field)) return kind === 'number' ? 0 : IMPOSSIBLE;
  switch (field) {
    case 'level1':
      return { level1: 0, level2: 6, text: 3, value: IMPOSSIBLE, number: IMPOSSIBLE }[kind];
    case 'level2':
      return { level2: 0, level1: 5, text: 2, value: IMPOSSIBLE, number: IMPOSSIBLE }[kind];
    case 'level3':
      return { text: 0, level2: 3, level1: 5, value: 4, number: 4 }[kind];
    case 'target':
    case 'actual':
      return { value: 0, number: 0.3, text: 0.5, level1: 3, level2: 3 }[kind];
    case 'section':
      return IMPOSSIBLE;
    default:
      return { text: 0.5, value: 1.5, number: 1.5, level1: 3, level2: 3 }[kind];
  }
}

export interface Placement {
  /** Field of each cell, in the order given. */
  fields: IndicatorField[];
  cost: number;
}

interface Positioned {
  col: number;
  text: string;
}

/** Cost of reading the cells where they were printed (cells outside any mapped column cost most). */
export function positionalCost(cells: Positioned[], header: HeaderMap): Placement | null {
  const fields: IndicatorField[] = [];
  let cost = 0;
  for (const cell of cells) {
    const field = header.columns.find((c) => c.col === cell.col)?.field;
    if (field === undefined) return null;
    fields.push(field);
    cost += fitCost(field, cellKind(cell.text));
  }
  return { fields, cost: cost + structureCost(fields, header, weightCellLost(cells, header)) };
}

/**
 * A sentence printed in the weight column: the row lost its weight cell (its cells moved left
 * into the gap), so a score without a weight is no sign of a misplacement there.
 */
const weightCellLost = (cells: Positioned[], header: HeaderMap) =>
  cells.some((c) => c.col === header.colOf('weight') && cellKind(c.text) === 'text');

function structureCost(fields: IndicatorField[], header: HeaderMap, weightLost: boolean): number {
  let cost = header.has('level3') && fields.length > 0 && !fields.includes('level3') ? MISSING_LEVEL3_COST : 0;
  if (!weightLost && header.has('weight') && !fields.includes('weight') && fields.some((f) => f === 'score' || f === 'deduction')) {
    cost += MISSING_WEIGHT_COST;
  }
  if (header.has('score') && fields.includes('weight') && !fields.includes('score')) cost += MISSING_SCORE_COST;
  return cost;
}

/**
 * Best placement of the non-empty cells of one row into the header's columns, keeping their
 * printed order (dynamic programming over cells × columns).
 */
export function placeCells(cells: Positioned[], header: HeaderMap): Placement | null {
  const cols = header.columns;
  const k = cells.length;
  const m = cols.length;
  if (k === 0 || k > m) return null;
  const kinds = cells.map((c) => cellKind(c.text));
  const weightLost = weightCellLost(cells, header);
  // best[i][j]: cost of placing cells 0..i with cell i in column j.
  const best: number[][] = Array.from({ length: k }, () => Array<number>(m).fill(Infinity));
  const from: number[][] = Array.from({ length: k }, () => Array<number>(m).fill(-1));
  for (let i = 0; i < k; i++) {
    for (let j = i; j < m; j++) {
      const own = fitCost(cols[j]!.field, kinds[i]!) + SHIFT_COST * Math.abs(cells[i]!.col - cols[j]!.col);
      if (i === 0) {
        best[i]![j] = own;
        continue;
      }
      for (let p = i - 1; p < j; p++) {
        const total = best[i - 1]![p]! + own;
        if (total < best[i]![j]!) {
          best[i]![j] = total;
          from[i]![j] = p;
        }
      }
    }
  }
  let result: Placement | null = null;
  for (let j = k - 1; j < m; j++) {
    if (!Number.isFinite(best[k - 1]![j]!)) continue;
    const idx: number[] = [];
    for (let i = k - 1, c = j; i >= 0; c = from[i]![c]!, i--) idx.unshift(c);
    const fields = idx.map((c) => cols[c]!.field);
    const cost = best[k - 1]![j]! + structureCost(fields, header, weightLost);
    if (result === null || cost < result.cost) result = { fields, cost };
  }
  return result;
}
