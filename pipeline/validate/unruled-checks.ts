import Decimal from 'decimal.js';
import type { Evidence, Indicator, Report } from '../../schemas/dataset';
import { levelWeights } from './structure';

/**
 * A table printed without rules is read by a guess where rules would have decided (its columns
 * from the header's words, its rows and level blocks from where the text stands). The read stands
 * only when the guess left no doubt of its own and the form's own figures bear every row out:
 * each row has its name and its weight, the weights add up to the form's total, each printed
 * level weight to its rows. Anything less is a doubt: the checks a ruled read may fail once
 * (`self-checks.ts`) are not enough here, where a row's lines given to its neighbour change no sum.
 */
export function unruledDoubts(report: Report, rows: Indicator[], evidence: Evidence): string[] {
  const read = evidence.unruled;
  if (read.length === 0) return [];
  const doubts: string[] = [];
  const doubted = read.filter((r) => r.doubt !== null);
  if (doubted.length > 0) doubts.push(`read from a table printed without rules, and ${doubted.length} row${doubted.length === 1 ? '' : 's'} could not be placed for sure (row ${doubted[0]!.row_index}: ${doubted[0]!.doubt})`);
  const checks = [...bareRows(rows, evidence), ...weightChecks(report, rows, evidence)];
  if (checks.length > 0) doubts.push(`read from a table printed without rules, whose columns and rows are a guess the form's figures do not bear out: ${checks.join('; ')}`);
  return doubts;
}

/** Rows missing what every row of a sound read has: a name, and the labels of the level columns printed. */
function bareRows(rows: Indicator[], evidence: Evidence): string[] {
  const out: string[] = [];
  const fields = (['level1', 'level2', 'level3'] as const).filter((f) => f === 'level3' || evidence.columns.includes(f));
  for (const field of fields) {
    const bare = rows.filter((r) => r[field] === null || r[field] === '');
    if (bare.length > 0) out.push(`${bare.length} row${bare.length === 1 ? '' : 's'} without a ${field} (row ${bare[0]!.row_index})`);
  }
  if (evidence.number_texts.length > 0) out.push(`${evidence.number_texts.length} text${evidence.number_texts.length === 1 ? '' : 's'} in a number column`);
  return out;
}

/** The weights: printed on every row, adding up to the form's total, and to each printed level weight. */
function weightChecks(report: Report, rows: Indicator[], evidence: Evidence): string[] {
  const weighed = rows.filter((r) => r.weight !== null);
  if (weighed.length === 0) return ['no row prints a weight to check the rows against'];
  if (weighed.length < rows.length) return [`${rows.length - weighed.length} row${rows.length - weighed.length === 1 ? '' : 's'} without a weight`];
  const out: string[] = [];
  const whole = new Decimal(evidence.weight_total?.printed ?? 100);
  const sum = weighed.reduce((a, r) => a.plus(r.weight!), new Decimal(report.execution_weight ?? 0));
  if (!sum.equals(whole)) out.push(`the weights add up to ${sum}, not ${whole}`);
  for (const l of levelWeights(rows)) if (!l.held.equals(l.printed)) out.push(`${l.name} prints ${l.printed}, its rows weigh ${l.held}`);
  return out;
}
