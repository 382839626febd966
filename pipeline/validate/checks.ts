import { budgetBreakdownCheck } from './budget-breakdown';
import type { Check } from './check';
import { executionCheck } from './execution';
import { narrativeCheck, statedTotalCheck } from './narrative';
import { rescoreCheck } from './rescore';
import { selfCheck } from './self-checks';
import { summaryBalanceCheck } from './summary-balance';
import { levelWeightsCheck, printedLevelsCheck, rowScoresCheck, unprintedScoresCheck } from './structure';
import { budgetUnitCheck, totalsCheck } from './totals';

/**
 * The validator, in order. The self-checks come first: a doubted read qualifies every finding
 * after it. A check may use what an earlier one derived (printed subtotals and
 * prose fill in unprinted scores before those are reported; the total before the prose's total).
 */
export const CHECKS: readonly Check[] = [
  selfCheck,
  executionCheck,
  budgetBreakdownCheck,
  summaryBalanceCheck,
  rowScoresCheck,
  levelWeightsCheck,
  printedLevelsCheck,
  narrativeCheck,
  unprintedScoresCheck,
  totalsCheck,
  statedTotalCheck,
  budgetUnitCheck,
  rescoreCheck,
];

/** Every code the validator reports: a finding with another code is extraction's. */
export const VALIDATOR_CODES: ReadonlySet<string> = new Set(CHECKS.flatMap((c) => Object.keys(c.emits)));
