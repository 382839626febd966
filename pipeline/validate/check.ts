import type Decimal from 'decimal.js';
import type { Evidence, FindingOrigin, Indicator, Report, Severity } from '../../schemas/dataset';
import type { GradeBand, NegativeForm, QualitativeBands } from './document-rules';
import type { DoubtfulRead } from './doubtful-reads';
import type { Observation } from './findings';
import type { PrintedLevel } from './structure';

/**
 * One check of the validator: the codes it may report (each with its origin and the severities
 * it gives, and when), what it reads, and the check itself. The ordered list in checks.ts is the
 * validator: adding a check is adding a row there.
 */
export interface Check {
  name: string;
  /** Record columns (`report.budget_annual`, `indicators.score`) and evidence it reads. */
  reads: readonly string[];
  /**
   * Per code: its origin, the severities it gives and when, and, where a code computes from less
   * than the whole check reads, what it reads (the cells whose doubtful read qualifies it).
   */
  emits: Readonly<Record<string, { origin: FindingOrigin; severity: readonly Severity[]; when: string; reads?: readonly string[] }>>;
  run(ctx: CheckContext): Observation[];
}

/** What the checks share: the records, the evidence, and what earlier checks derived. */
export interface CheckContext {
  report: Report;
  evidence: Evidence;
  /** The rows; the rescoring check replaces them with their rescored copies. */
  rows: Indicator[];
  rules: {
    gradeBands: GradeBand[] | null;
    qualitativeBands: QualitativeBands | null;
    negativeForm: NegativeForm | null;
  };
  levels: PrintedLevel[];
  derived: {
    /** Expected values of unprinted scores from a printed subtotal, by row index. */
    gapScores: Map<number, Decimal>;
    /** Scores the prose states for rows whose table prints none, by row index. */
    statedScores: Map<number, { value: Decimal; why: string }>;
    /** Score and weight of printed levels with no indicator rows (seed 003's 满意度指标 10/10). */
    extraScore: Decimal;
    extraWeight: Decimal;
  };
  computed: {
    execution_rescore: string | null;
    total_computed: string | null;
    grade_computed: string | null;
  };
  /** Reasons the structural self-checks doubt the read (empty: the read looks sound). */
  doubts: string[];
  /** Cells whose read is doubtful (low OCR confidence, an extraction doubt): what a finding computed from them must say. */
  doubtful: DoubtfulRead[];
}
