import Decimal from 'decimal.js';
import { EMPTY_EVIDENCE, NegativeFormSchema, type Evidence, type Report } from '../../schemas/dataset';

/**
 * Evidence for a dataset written before extraction recorded it: what an older jixiao kept on
 * the report as short text (`weight_total_printed`, `level1_printed` `项目决策 20/20; …`,
 * `grade_bands` `优 90; …`, `qualitative_bands` `80-100; …`, `negative_form`), read back so that
 * `check` does not judge such a report by defaults its document overrides. Prose and cells were
 * never kept: those checks have nothing to run on.
 */
export function evidenceFromColumns(report: Report): Evidence {
  const parts = (text: string | null | undefined, pattern: RegExp) => (text ? text.split(';').map((p) => pattern.exec(p.trim())) : []);
  const levels = parts(report.level1_printed, /^(.+?)\s+(\S+)\/(\S+)$/);
  const grades = parts(report.grade_bands, /^(\S+)\s+(\d+(?:\.\d+)?)$/);
  const shares = parts(report.qualitative_bands, /^(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)$/);
  const share = (m: RegExpExecArray): [string, string] => [new Decimal(m[1]!).div(100).toString(), new Decimal(m[2]!).div(100).toString()];
  const quoted = (text: string | null | undefined) => ({ quote: text ?? '', at: null });
  const negative = NegativeFormSchema.safeParse(report.negative_form);
  return {
    ...EMPTY_EVIDENCE,
    table_indexes: report.table_indexes.split(' ').filter((t) => /^\d+$/.test(t)).map(Number),
    weight_total: report.weight_total_printed ? { printed: report.weight_total_printed, at: null } : null,
    levels_printed: levels.flatMap((m) => (m ? [{ level1: m[1]!, weight: m[2] === '-' ? null : m[2]!, score: m[3] === '-' ? null : m[3]!, at: null }] : [])),
    grade_bands: grades.length > 0 && grades.every((m) => m) ? { bands: grades.map((m) => ({ grade: m![1]!, from: m![2]! })), ...quoted(report.grade_bands) } : null,
    qualitative_bands:
      shares.length === 3 && shares.every((m) => m) ? { achieved: share(shares[0]!), partly: share(shares[1]!), missed: share(shares[2]!), ...quoted(report.qualitative_bands) } : null,
    negative_form: negative.success ? { form: negative.data, ...quoted(report.negative_form) } : null,
  };
}
