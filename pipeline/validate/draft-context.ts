import Decimal from 'decimal.js';
import type { Report } from '../../schemas/dataset';
import type { ReportDraft } from '../reports/assemble';
import { parseDecimal } from '../values';
import {
  parseGradeBands,
  parseQualitativeBands,
  readGradeBands,
  readNegativeForm,
  readQualitativeBands,
  showGradeBands,
  showQualitativeBands,
  type NegativeForm,
} from './document-rules';
import { showPrintedLevels, type PrintedLevel } from './structure';

/**
 * What the validator takes from a report's draft (tables and the text around them) beyond its
 * records, written onto the report so that `check` finds it again: the 分值 of the 总分 row,
 * printed level-1 subtotals, and the rules the document states.
 */
export type ReportContext = Pick<Report, 'weight_total_printed' | 'level1_printed' | 'grade_bands' | 'qualitative_bands' | 'negative_form'>;

export function readDraftContext(draft: ReportDraft): ReportContext {
  const sections = draft.parts.map((p) => p.indicators!);
  const texts = [...draft.context, ...draft.after].map((l) => l.text);
  const totals = sections.filter((s) => s.totalWeight !== null);
  return {
    weight_total_printed: totals.length === 1 ? totals[0]!.totalWeight : null,
    level1_printed: showPrintedLevels(printedLevels(draft)),
    grade_bands: nullable(readGradeBands(texts), showGradeBands),
    qualitative_bands: nullable(readQualitativeBands(texts), showQualitativeBands),
    negative_form: readNegativeForm(texts),
  };
}

/** The table row where the report's budget block is printed, for the provenance of its findings. */
export const budgetRowOf = (draft: ReportDraft) => draft.forms.find((f) => f.budget)?.budget?.row ?? null;

const nullable = <T>(value: T | null, show: (v: T) => string) => (value === null ? null : show(value));

/**
 * Level-1 subtotals: the rows of a summary table (一级指标 | 权重 | 评分分值 | 得分), else the 合计
 * row of each score table when a report has several (seed 003), each table being one level-1.
 */
function printedLevels(draft: ReportDraft): PrintedLevel[] {
  const num = (s: string | null) => (s === null ? null : new Decimal(s));
  if (draft.summary && draft.summary.rows.length > 0) {
    return draft.summary.rows.map((r) => ({ level1: r.level1, weight: num(parseDecimal(r.weight)), score: num(parseDecimal(r.score)) }));
  }
  const sections = draft.parts.map((p) => p.indicators!).filter((s) => s.totalScore !== null);
  if (sections.length < 2) return [];
  const levels: PrintedLevel[] = [];
  for (const s of sections) {
    const names = new Set(s.rows.map((r) => r.level1?.text.replace(/[(（]\s*\d+(?:\.\d+)?\s*分?\s*[)）]\s*$/, '').trim()).filter((t): t is string => !!t));
    if (names.size !== 1) return [];
    levels.push({ level1: [...names][0]!, weight: num(s.totalWeight), score: num(s.totalScore) });
  }
  return levels;
}

/** The same context when only the records are at hand (`jixiao check`). */
export function readReportContext(report: Report) {
  return {
    gradeBands: parseGradeBands(report.grade_bands),
    qualitativeBands: parseQualitativeBands(report.qualitative_bands),
    negativeForm: report.negative_form === 'A/B' || report.negative_form === 'deviation' ? (report.negative_form as NegativeForm) : null,
  };
}
