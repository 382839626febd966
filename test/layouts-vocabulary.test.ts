import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readGradeBands, readNegativeForm } from '../pipeline/reports/stated-rules';
import { parseExpression } from '../pipeline/validate/expression';
import { parseScoringRule } from '../pipeline/validate/scoring-rules';
import { GRADE_WORDS } from '../pipeline/vocabulary/grades';
import { COVER_KEYS, DATE_KEYS } from '../pipeline/vocabulary/lexicon';
import { COMPARISON_WORDS } from '../pipeline/vocabulary/quantity';
import { RULE_VALUE_WORDS, TIER_WORDS } from '../pipeline/vocabulary/scoring';
import { CORPUS, extractFile, ROOT } from './helpers';

// One vocabulary (issue 13 item 1): grade, operator, tier, rule-value and key words are listed in
// pipeline/vocabulary/ only; extraction and the validator build their patterns from those tables.

const WORDS = [
  ...GRADE_WORDS.map((g) => g.word),
  ...COMPARISON_WORDS.map((w) => w.word).filter((w) => /[\u4e00-\u9fa5]/.test(w)),
  ...TIER_WORDS.map((t) => t.word),
  ...RULE_VALUE_WORDS.map((w) => w.word),
  ...DATE_KEYS,
  ...COVER_KEYS,
];
const escape = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Vocabulary words a source lists itself: as a member of a regex alternation or a quoted list element. */
export function listedWords(source: string): string[] {
  const code = source
    .split('\n')
    .filter((l) => !/^\s*(\/\/|\*|\/\*)/.test(l))
    .join('\n');
  return WORDS.filter((w) => new RegExp(`[(|]${escape(w)}\\||\\|${escape(w)}[)|]|['"\`]${escape(w)}['"\`]\\s*[,\\]]`).test(code));
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

describe('one vocabulary', () => {
  it('finds a word list written outside the vocabulary', () => {
    expect(listedWords("const GRADE_WORD = '(优秀|优|良好|良|中等|中|合格|及格|较差|差|不合格)';")).toEqual(expect.arrayContaining(['优秀', '良好', '及格', '较差']));
    expect(listedWords("const OPERATORS = [['大于等于', '>='], ['不低于', '>=']];")).toEqual(expect.arrayContaining(['大于等于', '不低于']));
    expect(listedWords("const FILLED = /^(填报日期|报告日期)[:：]/;")).toEqual(['填报日期', '报告日期']);
    // A message that names a word is not a list.
    expect(listedWords("done(weight, '满分 tier');")).toEqual([]);
  });

  it('no module of pipeline/ or parsers/ outside pipeline/vocabulary/ lists grade, operator, tier, rule-value or key words', () => {
    const files = [...sources(join(ROOT, 'pipeline')), ...sources(join(ROOT, 'parsers'))].filter((f) => !f.includes('/pipeline/vocabulary/'));
    expect(files.length).toBeGreaterThan(50);
    const found = files.flatMap((f) => listedWords(readFileSync(f, 'utf8')).map((w) => `${relative(ROOT, f)}: ${w}`));
    expect(found).toEqual([]);
  });
});

describe('where the lists disagreed, the one table decides', () => {
  const line = (text: string) => [{ text, heading: false, prov: { line: 1 } }];

  it('a stated bottom band 不及格 is read (the old stated-rules list lacked it)', () => {
    const bands = readGradeBands(line('90分以上为优秀，75分以上为良好，60分以上为及格，60分以下为不及格。'));
    expect(bands?.bands).toEqual([
      { grade: '优秀', from: '90' },
      { grade: '良好', from: '75' },
      { grade: '及格', from: '60' },
      { grade: '不及格', from: '0' },
    ]);
  });

  it('a rule in 不多于 reads as ceilings, as targets in 不多于 always did', () => {
    const rule = parseScoringRule('满分:不多于2次 合格:不多于4次 零分:5次');
    expect(rule).toMatchObject({
      kind: 'tiers',
      tiers: [
        { level: 'full', condition: { kind: 'compare', op: '<=', unit: '次' } },
        { level: 'pass', condition: { kind: 'compare', op: '<=', unit: '次' } },
        // A bare value in the zero tier of a ceiling rule is a floor.
        { level: 'zero', condition: { kind: 'compare', op: '>=', unit: '次' } },
      ],
    });
  });

  it('年度指标值 and 完成值 name the target and actual in formulas and in the negative-indicator note', () => {
    expect(parseExpression('年度指标值/实际完成值*5')).not.toBeNull();
    expect(readNegativeForm(line('反向指标得分=标准值/完成值*该指标分值'))).toMatchObject({ form: 'A/B' });
  });
});

describe('cover pages (issue 13, L09): key lines are not titles, 报告日期 is the date', () => {
  it('L09 (held out, fixed after its one scoring): no project from 评价方式, filled_date from 报告日期', async () => {
    const r = await extractFile(join(CORPUS, 'layouts', 'L09-hunan-yueyang-department-report-scoresheet.html'));
    expect(r.reports).toHaveLength(1);
    const report = r.reports[0]!.report;
    expect(report).toMatchObject({ project_name: null, filled_date: '2019-06-18', department: '岳阳市城市管理监督指挥中心', year: 2018 });
    expect(report.title ?? '').not.toMatch(/^评价方式/);
  });

  it('a cover page whose 评价类型 line ends like a title keeps the title above it and its 填表日期', async () => {
    const r = await extractFile(join(ROOT, 'test/fixtures/layouts/cover-page-keys.html'));
    expect(r.reports).toHaveLength(1);
    expect(r.reports[0]!.report).toMatchObject({
      title: '2023年度城乡居民医疗救助项目支出绩效自评表',
      project_name: '城乡居民医疗救助',
      filled_date: '2024-03-05',
      year: 2023,
    });
  });
});
