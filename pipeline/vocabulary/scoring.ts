/**
 * Words of written scoring rules (评分标准): the tiers of `满分:≥90% 合格:≥80% 零分:≤50%`. The
 * validator reads rules with them; a new wording of a tier is a new row here.
 */
export type TierWord = 'full' | 'pass' | 'zero' | 'above_pass' | 'below_pass' | 'other';

/** Longest spelling first (`合格之上` before `合格`), so that an alternation matches whole words. */
export const TIER_WORDS: ReadonlyArray<{ word: string; tier: TierWord }> = [
  { word: '满分', tier: 'full' },
  { word: '合格之上', tier: 'above_pass' },
  { word: '合格之下', tier: 'below_pass' },
  { word: '合格', tier: 'pass' },
  { word: '及格', tier: 'pass' },
  { word: '零分', tier: 'zero' },
  { word: '其他', tier: 'other' },
  { word: '其它', tier: 'other' },
];

/** The tiers a rule must print, with a colon, to be read as a tiered rule (`满分:…`, `合格(1分):…`). */
export const SCORED_TIERS: ReadonlyArray<TierWord> = ['full', 'pass', 'zero'];

/**
 * The words a rule gives the two values it compares (`实际值/标准值`, `达到指标值`): longest first,
 * so that `实际完成值` is read before `完成值`.
 */
export const RULE_VALUE_WORDS: ReadonlyArray<{ word: string; value: 'actual' | 'target' }> = [
  { word: '实际完成值', value: 'actual' },
  { word: '年度指标值', value: 'target' },
  { word: '实际值', value: 'actual' },
  { word: '完成值', value: 'actual' },
  { word: '标准值', value: 'target' },
  { word: '指标值', value: 'target' },
  { word: '目标值', value: 'target' },
];
/** `(年度指标值|标准值|…)`: the words naming the target, as a group for building patterns. */
export const TARGET_WORD = `(${RULE_VALUE_WORDS.filter((w) => w.value === 'target').map((w) => w.word).join('|')})`;
/** `(实际完成值|实际值|完成值)`: the words naming the actual. */
export const ACTUAL_WORD = `(${RULE_VALUE_WORDS.filter((w) => w.value === 'actual').map((w) => w.word).join('|')})`;
/** A rule's tier that holds when the target is met (`达到标准值`) or missed (`未达到指标值`). */
export const MEETS_TARGET = new RegExp(`^(达到|达)${TARGET_WORD}$`);
export const MISSES_TARGET = new RegExp(`^(未达到|低于|未达)${TARGET_WORD}$`);

/** How an actual states its completion in words: `未完成`, `部分完成`, `基本实现`. */
export const COMPLETION_MISSED = /未(完成|达到|达成|实现|开展|落实|达标)|尚未|没有|未能|不达标/;
export const COMPLETION_PARTLY = /部分(完成|达到|达成|实现|落实)|基本(完成|达到|实现|落实)/;

/**
 * The national template's shares of a qualitative indicator's weight by stated completion, when a
 * document states none: achieved 80–100 %, partly 60–80 %, not achieved 0–60 %.
 */
export const NATIONAL_QUALITATIVE_SHARES: Readonly<Record<'achieved' | 'partly' | 'missed', readonly [string, string]>> = {
  achieved: ['0.8', '1'],
  partly: ['0.6', '0.8'],
  missed: ['0', '0.6'],
};

const POINTS = '(\\d+(?:\\.\\d+)?)';
const FULL_AT = `(?:\\(执行率≥${POINTS}%,?按\\d+(?:\\.\\d+)?分计算?\\))?`;
/**
 * Rules that score budget execution: `全年执行数/全年预算数*10分(执行率≥90%,按10分计算)`,
 * `执行率*10分`; group 1 holds the points, group 2 the rate at which they are full.
 */
export const EXECUTION_RULES: ReadonlyArray<RegExp> = ['全年执行数/全年预算数', '(?:预算)?执行率'].map(
  (formula) => new RegExp(`^${formula}\\*${POINTS}分?${FULL_AT}$`),
);
/** Deductions (`每低1个百分点扣0.2分`, `扣完为止`): not modelled by the reader. */
export const DEDUCTION = /扣\d|扣完|扣为/;
/** Points given per condition (`…的得1分`). */
export const POINTS_PER_CONDITION = /得\d+(?:\.\d+)?分/;
/** Bonus points (`加1分`) and a cap (`不超过5分`) of a rule that lists items with their points. */
export const BONUS_POINTS = /加(\d+(?:\.\d+)?)分/g;
export const POINTS_CAP = /不超过?(\d+(?:\.\d+)?)分/;
