import { INDICATOR_HEADERS, type IndicatorField } from '../vocabulary/lexicon';
import { compact, foldWidth } from '../text';
import { rowCells, type Grid } from './grid';

/** Which column holds which field, read from a header row. */
export interface HeaderMap {
  row: number;
  columns: Array<{ col: number; field: IndicatorField }>;
  has(field: IndicatorField): boolean;
  colOf(field: IndicatorField): number | undefined;
  /** Columns and fields, for telling repeated headers and continued tables apart. */
  signature: string;
}

export type HeaderRole = 'indicators' | 'summary';

const matchHeader = (text: string) => {
  const key = compact(foldWidth(text));
  return INDICATOR_HEADERS.find((h) => h.pattern.test(key))?.field;
};

/**
 * Reads row `r` as an indicator-table header. `分值` (points) is a level's weight when it follows
 * the level's column (seed 003: 一级指标 | 分值 | 二级指标 | 分值 | …), else the indicator's
 * weight; a second `分值` in a table without a 得分 column is the score (seed 000).
 */
export function readHeader(grid: Grid, r: number): { map: HeaderMap; role: HeaderRole } | null {
  const cells = rowCells(grid, r).filter((c) => c.text !== '');
  const raw = cells.map((c) => ({ col: c.col, field: matchHeader(c.text) }));
  const hasScoreColumn = raw.some((c) => c.field === 'score');
  const columns: HeaderMap['columns'] = [];
  let previous: IndicatorField | undefined;
  for (const { col, field } of raw) {
    if (field === undefined) {
      previous = undefined;
      continue;
    }
    let resolved: IndicatorField = field === 'points' ? 'weight' : field;
    if (field === 'points') {
      if (previous === 'level1') resolved = 'level1_weight';
      else if (previous === 'level2') resolved = 'level2_weight';
      else if (columns.some((c) => c.field === 'weight') && !hasScoreColumn) resolved = 'score';
    }
    if (columns.some((c) => c.field === resolved)) {
      previous = resolved;
      continue;
    }
    columns.push({ col, field: resolved });
    previous = resolved;
  }
  const fields = new Set(columns.map((c) => c.field));
  const measures = ['target', 'actual', 'weight', 'score'].filter((f) => fields.has(f as IndicatorField)).length;
  let role: HeaderRole | null = null;
  if ((fields.has('level3') || (fields.has('level1') && fields.has('level2'))) && measures >= 1 && columns.length >= 4) {
    role = 'indicators';
  } else if (fields.has('level1') && !fields.has('level2') && !fields.has('level3') && fields.has('score')) {
    role = 'summary';
  }
  if (role === null) return null;
  const map: HeaderMap = {
    row: r,
    columns,
    has: (f) => fields.has(f),
    colOf: (f) => columns.find((c) => c.field === f)?.col,
    signature: columns.map((c) => c.field).join('|'),
  };
  return { map, role };
}
