import Decimal from 'decimal.js';
import type { Evidence, Indicator, Place, Statement } from '../../schemas/dataset';
import { plainText } from '../vocabulary/quantity';
import type { Check } from './check';
import { observe, type Observation } from './findings';
import { showPlace } from './show-place';
import { groupRows, sameName, type PrintedLevel } from './structure';

/**
 * Scores stated in prose (seed 003: `——推进一体化经办扎实有效指标分值2分，本项得1分`; seed 001:
 * `4.绩效目标设置科学得分2分`) against the score tables of the same report. A statement is tied
 * to the row, level-2 or level-1 whose printed name it starts with (or nearly: prose names
 * often add the target); a statement that names nothing in the tables is ignored.
 */
interface Entity {
  name: string;
  depth: number;
  rows: Indicator[];
  weight: Decimal | null;
}

export interface NarrativeCheck {
  findings: Observation[];
  /** Scores the prose states for rows whose table prints none, by row index. */
  rowScores: Map<number, { value: Decimal; why: string }>;
}

/** Where the prose says it: page and line, for the reader to find the words. */
const where = (s: { quote: string; at: Place | null }) => {
  const place = showPlace(s.at);
  return `prose「${s.quote}」${place ? ` (${place})` : ''}`;
};

/** The report's total as the prose before it states it (`综合得分96分`) against the table's. */
export function checkStatedTotal(total: string | null, stated: Evidence['stated_total']): Observation[] {
  if (!stated || total === null || new Decimal(stated.value).equals(total)) return [];
  return [
    observe(null, 'NARRATIVE_SCORE_MISMATCH', 'warning', {
      field: 'total_printed',
      printed: total,
      expected: stated.value,
      message: `${where(stated)} states the total ${stated.value}; the table gives ${total}`,
    }),
  ];
}

function entities(rows: Indicator[], levels: PrintedLevel[]): Entity[] {
  const sumWeights = (rs: Indicator[]) => (rs.every((r) => r.weight !== null) ? rs.reduce((a, r) => a.plus(r.weight!), new Decimal(0)) : null);
  const out: Entity[] = rows.filter((r) => r.level3).map((r) => ({ name: r.level3!, depth: 3, rows: [r], weight: r.weight === null ? null : new Decimal(r.weight) }));
  for (const g of groupRows(rows, 'level2')) out.push({ name: g.name, depth: 2, rows: g.rows, weight: g.rows[0]!.level2_weight ? new Decimal(g.rows[0]!.level2_weight) : sumWeights(g.rows) });
  const groups = groupRows(rows, 'level1');
  for (const g of groups) out.push({ name: g.name, depth: 1, rows: g.rows, weight: g.rows[0]!.level1_weight ? new Decimal(g.rows[0]!.level1_weight) : sumWeights(g.rows) });
  for (const l of levels) if (!groups.some((g) => sameName(g.name, l.level1))) out.push({ name: l.level1, depth: 1, rows: [], weight: l.weight });
  return out;
}

/**
 * The entity a prose name refers to: the one sharing the longest start with it, when the prose
 * name starts with the whole printed name or shares most of it (`资金分配规范` is the row
 * 资金分配规范性, not the level-2 资金分配). Ties go to the deeper level; a tie at one level is
 * ambiguous and names nothing.
 */
function resolve(name: string, all: Entity[]): Entity | null {
  const key = plainText(name);
  const common = (a: string, b: string) => {
    let n = 0;
    while (n < a.length && n < b.length && a[n] === b[n]) n++;
    return n;
  };
  const scored = all
    .map((e) => {
      const printed = plainText(e.name);
      const n = common(key, printed);
      const ok = (n === printed.length && n >= 2) || (n >= 6 && n >= printed.length * 0.8);
      return { e, n: ok ? n + (printed === key ? 0.5 : 0) : 0 };
    })
    .filter((x) => x.n > 0)
    .sort((a, b) => b.n - a.n || b.e.depth - a.e.depth);
  const [best, next] = scored;
  if (!best) return null;
  return next && next.n === best.n && next.e.depth === best.e.depth && next.e.name !== best.e.name ? null : best.e;
}

export function checkNarrative(rows: Indicator[], levels: PrintedLevel[], statements: Statement[]): NarrativeCheck {
  const out: NarrativeCheck = { findings: [], rowScores: new Map() };
  const all = entities(rows, levels);
  const say = (code: 'NARRATIVE_SCORE_MISMATCH' | 'NARRATIVE_WEIGHT_MISMATCH', entity: Entity, field: string, printed: string | null, expected: string, message: string) =>
    out.findings.push(observe(entity.rows[0] ?? null, code, 'warning', { field, printed, expected, message, from_rows: entity.rows.map((r) => r.row_index) }));
  for (const stated of statements) {
    const s = { ...stated, weight: stated.weight === null ? null : new Decimal(stated.weight), score: stated.score === null ? null : new Decimal(stated.score) };
    const entity = resolve(s.name, all);
    if (!entity) continue;
    const named = `${where(stated)} names ${entity.name}`;
    if (s.weight && entity.weight && !s.weight.equals(entity.weight)) {
      say('NARRATIVE_WEIGHT_MISMATCH', entity, 'weight', entity.weight.toString(), s.weight.toString(), `${named}: 分值 ${s.weight} in prose, ${entity.weight} in the table`);
    }
    if (!s.score || entity.rows.length === 0) continue;
    const printed = entity.rows.filter((r) => r.score !== null);
    const missing = entity.rows.filter((r) => r.score === null);
    const got = printed.reduce((a, r) => a.plus(r.score!), new Decimal(0));
    if (entity.depth === 3 && missing.length === 1) {
      out.rowScores.set(entity.rows[0]!.row_index, { value: s.score, why: `the prose states ${s.score} (「${s.quote}」)` });
      continue;
    }
    const room = missing.reduce((a, r) => a.plus(r.weight ?? 0), new Decimal(0));
    if (s.score.lt(got) || s.score.gt(got.plus(room))) {
      say('NARRATIVE_SCORE_MISMATCH', entity, 'score', got.toString(), s.score.toString(), `${named}: 得分 ${s.score} in prose, ${entity.depth === 3 ? '' : 'rows add up to '}${got}${missing.length > 0 ? ` (+ at most ${room} not printed)` : ''} in the table`);
    }
  }
  return out;
}

const PROSE = { origin: 'document', severity: ['warning'], when: 'prose and table disagree (either may be the slip)' } as const;

export const narrativeCheck: Check = {
  name: 'scores stated in prose',
  reads: ['indicators.level1', 'indicators.level2', 'indicators.level3', 'indicators.weight', 'indicators.score', 'evidence.statements', 'evidence.levels_printed'],
  emits: { NARRATIVE_SCORE_MISMATCH: PROSE, NARRATIVE_WEIGHT_MISMATCH: PROSE },
  run(ctx) {
    const checked = checkNarrative(ctx.rows, ctx.levels, ctx.evidence.statements);
    ctx.derived.statedScores = checked.rowScores;
    return checked.findings;
  },
};

export const statedTotalCheck: Check = {
  name: 'total stated in prose',
  reads: ['report.total_printed', 'evidence.stated_total'],
  emits: { NARRATIVE_SCORE_MISMATCH: PROSE },
  run: (ctx) => checkStatedTotal(ctx.report.total_printed ?? ctx.computed.total_computed, ctx.evidence.stated_total),
};
