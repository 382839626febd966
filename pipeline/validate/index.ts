import type { Dataset, Finding } from '../../schemas/dataset';
import type { ReportDraft } from '../reports/assemble';
import type { BuiltReport } from '../reports/build';
import { budgetRowOf, readDraftContext, readReportContext } from './draft-context';
import { checkExecution } from './execution';
import { countFindings, isValidationFinding, NARRATIVE_CODES } from './findings';
import { checkNarrative, checkStatedTotal } from './narrative';
import { rescoreIndicators } from './rescore';
import { checkLevelWeights, checkPrintedLevels, checkRowScores, checkUnprintedScores, parsePrintedLevels } from './structure';
import { checkBudgetUnit, checkTotals } from './totals';

export { countFindings, showCounts, VALIDATION_CODES, type FindingCounts } from './findings';

/**
 * Validates one report after extraction: fills `rescore` / `rescore_method` on its rows and
 * `execution_rescore`, `total_computed`, `grade_computed` on the report, and appends findings.
 * With the report's draft the prose is checked too; without it (`jixiao check`) it is not.
 */
export function validateReport(built: BuiltReport, draft?: ReportDraft): BuiltReport {
  const extracted = built.findings.filter((f) => !isValidationFinding(f));
  const report = draft ? { ...built.report, ...readDraftContext(draft) } : { ...built.report };
  const context = readReportContext(report);
  const levels = parsePrintedLevels(report.level1_printed);

  const rescored = rescoreIndicators(report, built.indicators, { negativeForm: context.negativeForm, qualitativeBands: context.qualitativeBands });
  const rows = rescored.indicators;
  const execution = checkExecution(report, draft ? budgetRowOf(draft) : null);
  const printedLevels = checkPrintedLevels(report, rows, levels);
  const narrative = draft ? checkNarrative(report, rows, levels, draft) : null;
  const unprinted = checkUnprintedScores(report, rows, (row) => {
    const stated = narrative?.rowScores.get(row.row_index);
    if (stated) return stated;
    const gap = printedLevels.gapScores.get(row.row_index);
    return gap ? { value: gap, why: `the printed subtotal of ${row.level1} needs ${gap} from it` } : null;
  });
  const totals = checkTotals(report, rows, {
    extraScore: printedLevels.extraScore,
    extraWeight: printedLevels.extraWeight,
    gradeBands: context.gradeBands,
  });
  const stated = draft ? checkStatedTotal(report, report.total_printed ?? totals.totalComputed, draft.context) : [];

  const findings: Finding[] = [
    ...extracted,
    ...execution.findings,
    ...checkRowScores(report, rows),
    ...checkLevelWeights(report, rows),
    ...printedLevels.findings,
    ...unprinted,
    ...totals.findings,
    ...checkBudgetUnit(report, rows),
    ...rescored.findings,
    ...(narrative?.findings ?? []),
    ...stated,
  ];
  return {
    report: {
      ...report,
      execution_rescore: execution.rescore,
      total_computed: totals.totalComputed,
      grade_computed: totals.gradeComputed,
      finding_count: findings.length,
    },
    indicators: rows,
    findings,
  };
}

/**
 * Revalidates a dataset without its source documents (`jixiao check`): the validator's earlier
 * findings are replaced, except the prose checks, which need the text and are kept as they were.
 */
export function validateDataset(dataset: Dataset): Dataset {
  return {
    ...dataset,
    documents: dataset.documents.map((doc) => ({
      ...doc,
      reports: doc.reports.map((built) => {
        const kept = built.findings.filter((f) => NARRATIVE_CODES.has(f.code));
        const again = validateReport(built);
        // The budget block's row is known only from the draft: keep it from the earlier finding.
        const earlier = (f: Finding) => built.findings.find((o) => o.code === f.code && o.row_index === f.row_index && o.field === f.field);
        const findings = [...again.findings.map((f) => (f.source_row === null ? { ...f, source_row: earlier(f)?.source_row ?? null } : f)), ...kept];
        return { ...again, report: { ...again.report, finding_count: findings.length }, findings };
      }),
    })),
  };
}

/** Counts over a whole dataset. */
export const countDataset = (dataset: Dataset) => countFindings(dataset.documents.flatMap((d) => d.reports));
