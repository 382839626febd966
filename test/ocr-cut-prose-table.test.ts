import { describe, expect, it } from 'vitest';
import { readScanOnce } from './ocr-fixture';

// A two-page scan of seed 001's indicator table as WeasyPrint prints it on B5
// (corpus/build/cut-prose-table-fixture.ts): the table runs open off the foot of page 1 and on
// from the head of page 2 (no rule on either side of the break), its rows ruled, its tall prose
// cells leaving gaps as tall as a lost rule's. A table whose rules were found keeps its rows,
// open at the page's edge or not: rows are not cut at its text's gaps (cut there, the first row's
// 实际完成值 prose became a row of its own, and 绩效目标设置科学 lost its 二级指标 label, its
// cells read a column to the left).
describe('a scanned ruled table the page break cut', () => {
  const result = readScanOnce('test/fixtures/scan-pages/cut-prose-table.pdf', 600_000);

  it('keeps the rows its rules draw on both sides of the break', () => {
    const reports = result().reports;
    expect(reports).toHaveLength(1);
    const rows = reports[0]!.indicators;
    expect(rows.map((r) => [r.page, r.level3])).toEqual([
      [1, '贯彻中央医疗保障制度改革有关医疗保障能力建设决策部署'],
      [1, '执行预算绩效管理和资金管理办法'],
      [1, '决策程序规范'],
      [2, '绩效目标设置科学'],
      [2, '绩效目标分解细化'],
      [2, '资金分配规范性'],
    ]);
    // Each row's labels in their own columns, 决策过程 (cut by the break) one label again.
    expect(rows.slice(0, 5).map((r) => [r.level1, r.level2])).toEqual([
      ['项目决策', '决策依据'],
      ['项目决策', '决策依据'],
      ['项目决策', '决策过程'],
      ['项目决策', '绩效目标'],
      ['项目决策', '绩效目标'],
    ]);
    // A tall cell's prose stays in its row.
    expect(rows[0]!.actual_raw).toMatch(/^深入贯彻中央医疗保障制度改革/);
    expect(rows[3]!.target_raw).toMatch(/^遵照财政厅和省医疗保障局/);
  });
});
