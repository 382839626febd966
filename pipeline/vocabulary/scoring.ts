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
