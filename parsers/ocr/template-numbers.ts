import { TEMPLATE_ONE_MISREAD } from '../../pipeline/vocabulary/lexicon';
import type { CorrectedWord } from './correct-numbers';
import { rewritten } from './level-headers';

/**
 * A template's indicator number read as a stroke-like letter or mark (`指标I工程资金金额`) is
 * `1` again, so that the numbering comes off the name as printed (`TEMPLATE_NUMBERING`) and
 * the name stands alone. Each change is a correction (`read → kept`), reported on the row.
 */
export const settleTemplateNumbers = (lines: CorrectedWord[]): CorrectedWord[] =>
  lines.map((line) => (TEMPLATE_ONE_MISREAD.test(line.word.text) ? rewritten(line, line.word.text.replace(TEMPLATE_ONE_MISREAD, '$11')) : line));
