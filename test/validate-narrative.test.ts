import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chooseParser } from '../parsers/registry';
import { assembleReports, type ReportDraft } from '../pipeline/reports/assemble';
import { readStatements } from '../pipeline/reports/statements';
import { checkNarrative, checkStatedTotal } from '../pipeline/validate/narrative';
import { printedLevels } from '../pipeline/validate/structure';
import { corpusFile, extractFile } from './helpers';

// Scores stated in prose against the score tables of the same report (seeds 003 and 001).
async function drafts(id: string): Promise<ReportDraft[]> {
  const path = corpusFile('seeds', id);
  const bytes = readFileSync(path);
  return assembleReports(await chooseParser(path, bytes)!.parse(bytes, { name: path })).drafts;
}
const statement = (s: { name: string; weight: string | null; score: string | null }) => [s.name, s.weight, s.score];

describe('prose scores', () => {
  it('reads 003\'s statements: 指标分值 N 分，本项得 M 分 / 不扣分 / 不得分, a page-broken one included', async () => {
    const [draft] = await drafts('003');
    const read = readStatements([...draft!.context, ...draft!.after]);
    // Each with the line it starts on (the seed is text: lines, no pages).
    expect(read.every((s) => s.at !== null && s.at.line !== null && s.at.page === null)).toBe(true);
    const all = read.map(statement);
    expect(all).toEqual(
      expect.arrayContaining([
        ['决策依据', '6', '6'],
        ['绩效目标设置科学', '4', '4'],
        ['管理制度健全有效性', '4', '3'],
        ['绩效评价机制健全性', '6', '6'],
        ['推进一体化经办扎实有效', '2', '1'],
        ['发展壮大慈善救助', '1', '0'],
        // `…不断完善指标分` / `值4分，本项得3分` are two lines of the seed (a page break).
        ['农村易返贫致贫人口医保帮扶措施不断完善', '4', '3'],
        // `1. 项目决策情况分析。…指标分值 20 分，评价得分 20 分`: named by its heading.
        ['项目决策', '20', '20'],
        ['满意度指标', '10', '10'],
      ]),
    );
  });

  it('finds 003\'s prose and tables consistent, and gives the two unprinted scores their stated values', async () => {
    const result = await extractFile(corpusFile('seeds', '003'));
    const report = result.reports[0]!;
    const check = checkNarrative(report.indicators, printedLevels(report.evidence), report.evidence.statements);
    expect(check.findings).toEqual([]);
    expect([...check.rowScores].map(([row, s]) => [row, s.value.toString()])).toEqual([[3, '4'], [4, '2']]);
    expect(report.evidence.stated_total).toMatchObject({ value: '96' });
    expect(checkStatedTotal(report.report.total_printed, report.evidence.stated_total)).toEqual([]);
  });

  it('reports a table score the prose contradicts', async () => {
    const result = await extractFile(corpusFile('seeds', '003'));
    const report = result.reports[0]!;
    const rows = report.indicators.map((r) => (r.level3 === '推进一体化经办' ? { ...r, score: '2' } : r));
    const check = checkNarrative(rows, printedLevels(report.evidence), report.evidence.statements);
    // The row, and the statements of its level-1 (产出指标 评价得分34分) and level-2 (质量指标 本项得10分).
    expect(check.findings.map((f) => [f.code, f.severity, f.row_index, f.printed, f.expected])).toEqual([
      ['NARRATIVE_SCORE_MISMATCH', 'warning', 11, '35', '34'],
      ['NARRATIVE_SCORE_MISMATCH', 'warning', 16, '11', '10'],
      ['NARRATIVE_SCORE_MISMATCH', 'warning', 19, '2', '1'],
    ]);
    expect(checkStatedTotal('95', report.evidence.stated_total)).toEqual([expect.objectContaining({ printed: '95', expected: '96' })]);
  });

  it('ties 001\'s `6.资金分配规范得分2分` to the row 资金分配规范性, not the level-2 资金分配', async () => {
    const result = await extractFile(corpusFile('seeds', '001'));
    const report = result.reports[1]!;
    expect(report.evidence.statements.map(statement)).toEqual(expect.arrayContaining([['资金分配规范', null, '2'], ['项目决策', null, '18'], ['项目产出', null, '48']]));
    const check = checkNarrative(report.indicators, [], report.evidence.statements);
    expect(check.findings).toEqual([]);
    const rows = report.indicators.map((r) => (r.level3 === '资金分配规范性' ? { ...r, score: '1' } : r));
    expect(checkNarrative(rows, [], report.evidence.statements).findings.map((f) => [f.row_index, f.printed, f.expected])).toEqual([
      [0, '17', '18'],
      [5, '1', '2'],
    ]);
  });
});
