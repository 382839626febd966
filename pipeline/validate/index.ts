import Decimal from 'decimal.js';
import type { Dataset, Evidence, Finding, Indicator, Report, ReportResult, StoredDataset, StoredReport } from '../../schemas/dataset';
import type { Check, CheckContext } from './check';
import { CHECKS, VALIDATOR_CODES } from './checks';
import { showStatedRules, statedRules } from './document-rules';
import { doubtfulInputs, doubtfulReads, doubtNote } from './doubtful-reads';
import { toFinding, type FindingCounts, type Observation } from './findings';
import { evidenceFromColumns } from './legacy-evidence';
import { printedLevels, showPrintedLevels } from './structure';

export { showCounts, type FindingCounts } from './findings';

/**
 * Validates one report: a pure function of its records and the evidence extraction recorded.
 * Fills `rescore` / `rescore_method` on its rows and the computed columns of the report, and
 * appends the checks' findings to extraction's own (the findings whose code no check reports).
 * `extract` and `check` both run exactly this.
 */
export function validateReport(input: StoredReport): ReportResult {
  const evidence = input.evidence ?? evidenceFromColumns(input.report);
  const extracted = input.findings.filter((f) => !VALIDATOR_CODES.has(f.code));
  const ctx = checkContext(input.report, input.indicators, evidence, extracted);
  const findings: Finding[] = [...extracted, ...CHECKS.flatMap((check) => runCheck(check, ctx))];
  return {
    report: {
      ...input.report,
      ...ctx.computed,
      weight_total_printed: evidence.weight_total?.printed ?? null,
      level1_printed: showPrintedLevels(ctx.levels),
      ...showStatedRules(evidence),
      extraction_confidence: ctx.doubts.length > 0 ? 'low' : 'high',
      extraction_confidence_reasons: ctx.doubts.length > 0 ? ctx.doubts.join('; ') : null,
      finding_count: findings.length,
    },
    indicators: ctx.rows,
    findings,
    evidence,
  };
}

/** The context the checks start from: nothing derived or computed yet, the doubtful cells of the read (`extracted`: extraction's findings). */
export function checkContext(report: Report, rows: Indicator[], evidence: Evidence, extracted: ReadonlyArray<Finding> = []): CheckContext {
  return {
    report,
    evidence,
    rows,
    rules: statedRules(evidence),
    levels: printedLevels(evidence),
    derived: { gapScores: new Map(), statedScores: new Map(), extraScore: new Decimal(0), extraWeight: new Decimal(0) },
    computed: { execution_rescore: null, total_computed: null, grade_computed: null },
    doubts: [],
    doubtful: doubtfulReads(evidence, extracted),
  };
}

/** Runs one check; a code or severity it did not declare is a bug in the check, never data. */
export function runCheck(check: Check, ctx: CheckContext): Finding[] {
  return check.run(ctx).map((o) => {
    const declared = check.emits[o.code];
    if (!declared || !declared.severity.includes(o.severity)) throw new Error(`check "${check.name}" reported ${o.code}/${o.severity}, which it does not declare`);
    if (declared.origin !== 'document' || o.severity === 'info') return toFinding(o, declared.origin, ctx.report, ctx.evidence);
    // Computed from a cell whose read is doubtful, an inconsistency may be jixiao's misread: it is
    // not the document's error until that cell is checked against the page.
    // So on a doubted read as a whole (the self-checks' doubts), though the severity stands: the
    // whole table's doubt is EXTRACTION_SUSPECT's to say.
    const cells = doubtfulInputs(ctx.doubtful, o.reads ?? declared.reads ?? check.reads, o);
    const severity = cells.length > 0 && o.severity === 'error' ? 'warning' : o.severity;
    const qualified: Observation = { ...o, severity, message: o.message + doubtNote(cells, ctx.doubts.length > 0) };
    return toFinding(qualified, declared.origin, ctx.report, ctx.evidence);
  });
}

/** Revalidates a dataset from its records and evidence alone (`jixiao check`). */
export function validateDataset(dataset: StoredDataset): Dataset {
  return { ...dataset, documents: dataset.documents.map((doc) => ({ ...doc, reports: doc.reports.map(validateReport) })) };
}

/** Counts of the validator's own findings (extraction's decisions are counted elsewhere). */
export function countFindings(reports: ReadonlyArray<{ findings: ReadonlyArray<Finding> }>): FindingCounts {
  const counts: FindingCounts = { reports: reports.length, errors: 0, warnings: 0, info: 0 };
  for (const f of reports.flatMap((r) => r.findings)) {
    if (!VALIDATOR_CODES.has(f.code)) continue;
    if (f.severity === 'error') counts.errors++;
    else if (f.severity === 'warning') counts.warnings++;
    else counts.info++;
  }
  return counts;
}

/** Counts over a whole dataset. */
export const countDataset = (dataset: Dataset) => countFindings(dataset.documents.flatMap((d) => d.reports));
