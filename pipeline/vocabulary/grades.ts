/**
 * The grade words forms print, one list for every stage: extraction reads a printed grade with
 * it, the validator compares grades and reads grade bands with it. A printed word keeps its
 * spelling; `canonicalGrade` names the band it means (优 / 良 / 中 / 差).
 */
export type Grade = '优' | '良' | '中' | '差';

/** Longest spelling first, so that an alternation built from the list matches whole words. */
export const GRADE_WORDS: ReadonlyArray<{ word: string; grade: Grade }> = [
  { word: '不合格', grade: '差' },
  { word: '不及格', grade: '差' },
  { word: '优秀', grade: '优' },
  { word: '良好', grade: '良' },
  { word: '中等', grade: '中' },
  { word: '合格', grade: '中' },
  { word: '及格', grade: '中' },
  { word: '较差', grade: '差' },
  { word: '优', grade: '优' },
  { word: '良', grade: '良' },
  { word: '中', grade: '中' },
  { word: '差', grade: '差' },
];

/** `(不合格|不及格|优秀|…|差)`: a capturing group for building patterns. */
export const GRADE_WORD = `(${GRADE_WORDS.map((g) => g.word).join('|')})`;

/** A cell or phrase that is only a grade word. */
export const GRADE_VALUE = new RegExp(`^${GRADE_WORD}$`);

/** A grade stated in prose: `评价等级为“优”`, `绩效等级为良`. */
export const GRADE_IN_PROSE = new RegExp(`(?:评价|绩效|自评)?等级为\\s*[“"「『]?\\s*${GRADE_WORD}\\s*[”"」』]?`);

/**
 * The national bands (DOMAIN.md) when a document states none: 优 ≥ 90, 良 80–90, 中 60–80,
 * 差 < 60, each with the lowest total that earns it, best first.
 */
export const NATIONAL_GRADE_BANDS: ReadonlyArray<{ grade: Grade; from: string }> = [
  { grade: '优', from: '90' },
  { grade: '良', from: '80' },
  { grade: '中', from: '60' },
  { grade: '差', from: '0' },
];

/** The band a printed grade word means, or null when it is not one. */
export function canonicalGrade(printed: string): Grade | null {
  const word = printed.replace(/\s/g, '');
  return GRADE_WORDS.find((g) => word.startsWith(g.word))?.grade ?? null;
}
