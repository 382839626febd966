import Decimal from 'decimal.js';
import type { Finding, Indicator, Report } from '../../schemas/dataset';
import type { TextLine } from '../reports/assemble';
import { makeFinding } from './findings';
import { plainText } from './quantities';
import { groupRows, sameName, type PrintedLevel } from './structure';

/**
 * Scores stated in prose (seed 003: `——推进一体化经办扎实有效指标分值2分，本项得1分`; seed 001:
 * `4.绩效目标设置科学得分2分`) against the score tables of the same report. A statement is tied
 * to the row, level-2 or level-1 whose printed name it starts with (or nearly: prose names
 * often add the target); a statement that names nothing in the tables is ignored.
 */
export interface Statement {
  name: string;
  weight: Decimal | null;
  score: Decimal | null;
  quote: string;
}

interface Entity {
  name: string;
  depth: number;
  rows: Indicator[];
  weight: Decimal | null;
}

export interface NarrativeCheck {
  findings: Finding[];
  /** Scores the prose states for rows whose table prints none, by row index. */
  rowScores: Map<number, { value: Decimal; why: string }>;
}

/** A line that opens an item of its own: `(1)`, `——`, `3.`, `二、`. */
const OPENS_ITEM = /^(\(|——|\d+[.、]|[一二三四五六七八九十]+、)/;

/**
 * Lines joined into one text, `|` between them; a line cut mid-sentence by a page break (a long
 * line ending in a character, the next not opening an item) runs on into the next.
 */
function joinLines(lines: TextLine[]): string {
  let text = '';
  for (const line of lines) {
    const t = plainText(line.text.replace(/[*#]/g, ''));
    const runsOn = text.length > 0 && !line.heading && /[\u4e00-\u9fa5]$/.test(text) && text.length - text.lastIndexOf('|') > 20 && !OPENS_ITEM.test(t);
    text += runsOn ? t : `|${t}`;
  }
  return text;
}

const NUMBERING = /^(?:——|--)?[(]?[0-9一二三四五六七八九十]+[)）.、]?(?=[\u4e00-\u9fa5])|^——/;
const cleanName = (s: string) => s.replace(NUMBERING, '').replace(/^(——)+/, '');

/** Every score statement in the text. */
export function readStatements(lines: TextLine[]): Statement[] {
  const text = joinLines(lines);
  const out: Statement[] = [];
  const clauseBefore = (end: number) => {
    const head = text.slice(0, end);
    const start = Math.max(...['|', '。', '；', ';', ',', '，', '——'].map((d) => head.lastIndexOf(d) + d.length));
    return cleanName(head.slice(start));
  };
  const heading = (end: number) => [...text.slice(0, end).matchAll(/([\u4e00-\u9fa5]{2,8}?)情况分析/g)].pop()?.[1] ?? '';
  // 003: `…指标分值 4 分，本项得 3 分` / `…指标共6分，本项不扣分` / `…指标分值 20 分，评价得分 20 分`.
  for (const m of text.matchAll(/指标(?:分值|共)(\d+(?:\.\d+)?)分[,，](?:本项目?|评价)(不扣分|不得分|得分?(\d+(?:\.\d+)?)分)/g)) {
    const weight = new Decimal(m[1]!);
    const score = m[2] === '不扣分' ? weight : m[2] === '不得分' ? new Decimal(0) : new Decimal(m[3]!);
    const name = clauseBefore(m.index) || heading(m.index);
    if (name) out.push({ name, weight, score, quote: m[0] });
  }
  // 001: `（一）项目决策得分18分`, `3.决策程序规范得分2分`.
  for (const m of text.matchAll(/得分为?(\d+(?:\.\d+)?)分/g)) {
    if (/(评价|综合)$/.test(text.slice(0, m.index))) continue;
    const name = clauseBefore(m.index);
    if (name) out.push({ name, weight: null, score: new Decimal(m[1]!), quote: `${name}${m[0]}` });
  }
  return out;
}

/**
 * `综合得分96分`, `专项资金得分为98分`: the report's total in prose, read only from the text before
 * the report (text after it may already be the next report's).
 */
export function checkStatedTotal(report: Report, total: string | null, before: TextLine[]): Finding[] {
  const m = /(?:综合(?:绩效评价)?得分|(?:资金|项目)得分为)(\d+(?:\.\d+)?)分/.exec(joinLines(before));
  if (!m || total === null || new Decimal(m[1]!).equals(total)) return [];
  return [
    makeFinding(report, null, 'NARRATIVE_SCORE_MISMATCH', 'warning', {
      field: 'total_printed',
      printed: total,
      expected: m[1]!,
      message: `prose「${m[0]}」states the total ${m[1]}; the table gives ${total}`,
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

export function checkNarrative(report: Report, rows: Indicator[], levels: PrintedLevel[], draft: { context: TextLine[]; after: TextLine[] }): NarrativeCheck {
  const out: NarrativeCheck = { findings: [], rowScores: new Map() };
  const all = entities(rows, levels);
  const say = (code: 'NARRATIVE_SCORE_MISMATCH' | 'NARRATIVE_WEIGHT_MISMATCH', entity: Entity, field: string, printed: string | null, expected: string, message: string) =>
    out.findings.push(makeFinding(report, entity.rows[0] ?? null, code, 'warning', { field, printed, expected, message }));
  for (const s of readStatements([...draft.context, ...draft.after])) {
    const entity = resolve(s.name, all);
    if (!entity) continue;
    const where = `prose「${s.quote}」 names ${entity.name}`;
    if (s.weight && entity.weight && !s.weight.equals(entity.weight)) {
      say('NARRATIVE_WEIGHT_MISMATCH', entity, 'weight', entity.weight.toString(), s.weight.toString(), `${where}: 分值 ${s.weight} in prose, ${entity.weight} in the table`);
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
      say('NARRATIVE_SCORE_MISMATCH', entity, 'score', got.toString(), s.score.toString(), `${where}: 得分 ${s.score} in prose, ${entity.depth === 3 ? '' : 'rows add up to '}${got}${missing.length > 0 ? ` (+ at most ${room} not printed)` : ''} in the table`);
    }
  }
  return out;
}
