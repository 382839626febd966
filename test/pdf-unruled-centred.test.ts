import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractFile, ROOT } from './helpers';

// WeasyPrint's prints of Calc's HTML export (corpus/producers/weasyprint-calc-html-export, cut by
// `npx tsx corpus/build/producers.ts --cuts`): no rules, columns so narrow that the level words
// wrap a character a line, and every cell set to its row's middle, as a browser sets a table cell.
const fixture = (name: string) => join(ROOT, 'test/fixtures/pdf', name);

describe('tables without rules whose cells are set to their rows’ middle', () => {
  it('reads each row around the line of its 分值, and a header run that prints two columns’ words as two columns (page 1 of the 000 sheet)', async () => {
    const result = await extractFile(fixture('weasyprint-calc-centred-rows.pdf'));
    expect(result.reports).toHaveLength(1);
    const [report] = result.reports;
    // The header's last run prints `分值 实际完成情况`: the score and the actual value are two columns.
    expect(report!.indicators.slice(0, 7).map((x) => [x.level3, x.weight, x.score])).toEqual([
      ['贯彻中央对医疗保障制度改革中有关医保服务能力提升的决策部署', '4', '4'],
      ['执行预算绩效管理和资金管理办法', '2', '2'],
      ['决策程序规范', '2', '1'],
      ['绩效目标设置科学', '2', '2'],
      ['绩效目标分解细化', '2', '2'],
      ['资金分配规范性', '2', '2'],
      ['资金分配合理性', '4', '4'],
    ]);
    // A cell's lines above and below its row's 分值 line are the row's, wherever its neighbours' lines end.
    expect(report!.indicators[0]!.actual_raw).toBe('认真贯彻落实中央自治区深化医疗保障制度改革意见和“十四五”规划，并制定了贯彻落实方案');
    expect(report!.indicators.slice(0, 7).map((x) => x.level1)).toEqual(Array(7).fill('项目决策'));
    // Without rules the read stays a guess: the report says so.
    expect(report!.report.extraction_confidence).toBe('low');
  });

  it('tells a cell’s wrapped lines from the next row’s by the line pitch that wrapped cells repeat, where most cells are a line or two (page 1 of the 004 sheet)', async () => {
    // Names of two lines (`打造医保经办“15分钟服务` / `圈”`) over one-line values: the steps across
    // rows' breaks outnumber those within a cell, and each row is its own name's and values'.
    const result = await extractFile(fixture('weasyprint-calc-section-down.pdf'));
    expect(result.reports[0]!.indicators.slice(0, 8).map((x) => [x.level3, x.target_raw, x.actual_raw, x.weight])).toEqual([
      ['打造医保经办“15分钟服务圈”', '≥12个', '12个', '4'],
      ['打造基层医保经办服务示范窗口', '≥12个', '12个', '4'],
      ['深化医保支付方式改革工作', '4项改革工作 (DIP支付方式改革、床日付费改革、门诊病种支付方式改革、紧密型县域医共体总额付费改革)', '4项', '4'],
      ['开展医保移动支付落地应用工作', '≥15个', '15个', '4'],
      ['医保信息平台数据信息标准化管理应用', '≥90%', '90%', '4'],
      ['定点医疗机构监督检查覆盖率', '=100%', '100%', '4'],
      ['医保工作宣传覆盖', '州本级及12县(市)', '州本级及12县(市)', '4'],
      ['全年培训人(次)', '≥100人(次)', '105人次', '4'],
    ]);
  });

  it('finds a header whose columns print their lines half a line off each other, and reads its rows around their names where no 分值 marks them (page 1 of the 002 sheet)', async () => {
    // No line of the page holds three header words: 一级 / 指标, 二 / 级 / 指 / 标 and 三级指 / 标
    // stand in their columns between the lines of 指标值 and 全年实际完成值 (the report was missed
    // without a word before). No column prints a 分值: each level-3 name is its row's middle.
    const result = await extractFile(fixture('weasyprint-calc-header-interleaved.pdf'));
    expect(result.reports).toHaveLength(1);
    const [report] = result.reports;
    expect(report!.indicators.slice(0, 2).map((x) => [x.level3, x.target_raw, x.note])).toEqual([
      ['医疗救助对象人次规模', '符合救助条件的对象按规定纳入救助范围', '无'],
      ['重点救助对象政策范围内个人自付费用年度限额内住院救助比例', '≥70%', '无'],
    ]);
    // The actual value of the first row: its lines above and below the name's middle, all of them.
    expect(report!.indicators[0]!.actual_raw).toMatch(/^100%。符合救助条件的对象已按规定纳入救助范围。按照《广西壮族自治区人民政府办公厅[^]*门诊医疗救助338万人次。$/);
    expect(report!.indicators[1]!.actual_raw).toBe('78.60%');
    expect(report!.report.extraction_confidence).toBe('low');
  });
});

describe('a sheet printed without rules whose header reaches past its own rows', () => {
  it('goes on with the table under its header printed again right under its rows, in the columns above (pages 1-2 of the 000 sheet)', async () => {
    // The sheet repeats its header rows in its data; at page 2's foot they print again under the
    // rows, `分值 实际完成情况` one run, one row under them. That row is the same form's, its 分值 and
    // its actual value in their own columns as above, its level-1 block (产出指标) going on.
    const result = await extractFile(fixture('weasyprint-calc-header-again.pdf'));
    expect(result.reports).toHaveLength(1);
    const last = result.reports[0]!.indicators.at(-1)!;
    expect([last.page, last.level1, last.level3, last.target_raw, last.weight, last.actual_raw]).toEqual([
      2,
      '产出指标',
      '医保信息系统',
      '≥ 90%',
      '2',
      '报告期内完工并正常运行的医保信息系统数量',
    ]);
    // No header word is read as an indicator row.
    expect(result.reports[0]!.indicators.map((x) => x.level3)).not.toContain('三级指标');
  });

  it('reads a section label set a character a line down past the header as no column of the header (page 1 of the 004 sheet)', async () => {
    // 绩 / 效 beside the header, 指 / 标 beside the first row: the header ends with its own words, so
    // the first row's level-1 label (`产出指` / `标` / `(60` / `分)`, a character right of the header's
    // 一级指 / 标) cuts no column of its own, and every row is in 产出指标's block.
    const result = await extractFile(fixture('weasyprint-calc-section-down.pdf'));
    expect(result.reports).toHaveLength(1);
    const rows = result.reports[0]!.indicators;
    expect(rows[0]!.level3).toMatch(/^打造医保经办“15分钟服务圈”/);
    expect(new Set(rows.map((x) => x.level1))).toEqual(new Set(['产出指标']));
  });
});
