import Decimal from 'decimal.js';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DocumentResult } from '../schemas/dataset';
import { CORPUS, extractFile, rowsByLevel3 } from './helpers';

// A real third-party 绩效评价报告 (河南, converted from PDF to markdown by MinerU): its 附件1 scoring
// table is cut into page pieces that repeat the header.
const HENAN = join(CORPUS, 'layouts', 'henan-jineng-third-party-evaluation.html');
const henan = () => extractFile(HENAN);
const report = (r: DocumentResult) => r.reports[0]!;

describe('third-party scoring tables cut into page pieces', () => {
  it('joins a piece that starts without labels to the row the page cut, whatever its columns hold', async () => {
    const r = report(await henan());
    const rows = rowsByLevel3(await henan(), 0);
    // `B102制度执` ends one piece; `行有效性` starts the next with empty level cells.
    expect(rows.get('制度执行有效性')).toMatchObject({ level1: '过程', level2: '组织实施', weight: '8', score: '0.8' });
    // No tail of a cut name is a row of its own, and no row is named by a code alone.
    for (const row of r.indicators) {
      expect(row.level3, row.level3 ?? '').not.toMatch(/^(性|行有效性|[A-Z]\d{0,3})$/);
      expect(row.level3 ?? '').not.toMatch(/^[A-Z]\d{3}/);
    }
  });

  it('ends a level label whose weight or name the page cut off, for every row the label covers', async () => {
    const r = report(await henan());
    // No level label is a weight alone (`8分`) or a code alone (`D4`).
    for (const row of r.indicators) {
      for (const label of [row.level1, row.level2]) expect(label ?? '', row.level3 ?? '').not.toMatch(/^(\d+分|[A-Z]\d?)$/);
    }
    const rows = rowsByLevel3(await henan(), 0);
    // `D1经济效益` ends one piece, `8分` starts the next: the rows on both sides are under 经济效益 (8).
    for (const name of ['省职业技能大赛资金使用效益', '集训基地资金使用效益']) {
      expect(rows.get(name), name).toMatchObject({ level1: '效益', level1_weight: '35', level2: '经济效益', level2_weight: '8' });
    }
    for (const name of ['集训基地建设与运营管理', '参赛选手职业能力晋升情况']) {
      expect(rows.get(name), name).toMatchObject({ level2: '社会效益', level2_weight: '15' });
    }
    // `D4` / `社会公众或服务对象满意度8分` and `D401` / `一次性竞赛补贴对象满意度`: one label, one name.
    expect(rows.get('一次性竞赛补贴对象满意度')).toMatchObject({ level2: '社会公众或服务对象满意度', level2_weight: '8', weight: '4', score: '4' });
  });

  it('reads the score of a row that lost its weight cell, and leaves the weight empty', async () => {
    const r = report(await henan());
    const i = r.indicators.findIndex((row) => row.level3 === '省级及以上集训基地补助完成数量');
    expect(r.indicators[i]).toMatchObject({ weight: null, score: '3' });
    expect(r.findings.some((f) => f.code === 'ROW_REALIGNED' && f.row_index === i)).toBe(true);
  });
});

describe('a weight or score printed once for a merged block of rows', () => {
  it('is the block’s: the rows it covers get none, a finding says so and the evidence keeps it', async () => {
    const r = report(await henan());
    const blocks = r.evidence.merged_blocks;
    expect(blocks.length).toBeGreaterThan(0);
    for (const block of blocks) {
      expect(block.row_indexes.length).toBeGreaterThan(1);
      const field = block.field as 'weight' | 'score';
      // Rows printing their own value in the column keep it (D401's own 4); none takes the block's.
      const own = block.row_indexes.filter((i) => r.indicators[i]![field] !== null);
      for (const i of own) expect(r.evidence.cells.some((c) => c.row_index === i && c.field === field && !(c.row === block.at?.row && c.column === block.at?.column))).toBe(true);
      expect(own.length).toBeLessThan(block.row_indexes.length);
      const finding = r.findings.find((f) => f.code === 'MERGED_BLOCK_VALUE' && f.row_index === block.row_indexes[0] && f.field === field);
      expect(finding).toMatchObject({ severity: 'info', origin: 'extraction', printed: block.printed });
      // The rows have the block's score: the validator does not call it unprinted.
      if (field === 'score') expect(r.findings.filter((f) => f.code === 'SCORE_NOT_PRINTED' && block.row_indexes.includes(f.row_index!))).toEqual([]);
    }
    // 2.00 merged over A101 and A102.
    const rows = rowsByLevel3(await henan(), 0);
    expect(rows.get('立项依据充分性')!.score).toBeNull();
    expect(rows.get('立项程序规范性')!.score).toBeNull();
    expect(blocks.some((b) => b.field === 'score' && b.printed === '2.00' && b.row_indexes.includes(rows.get('立项依据充分性')!.row_index))).toBe(true);
  });

  it('is the block’s in a PDF whose merged cells the page breaks cut, and the printed total holds with it counted once', async () => {
    // The held-out document (LibreOffice PDF): 得分 7.00 merged over 资金到位率 and 预算执行率.
    const r = report(await extractFile(join(CORPUS, 'layouts', 'tp-hunan-pingjiang-road-maintenance-evaluation.pdf')));
    const block = r.evidence.merged_blocks.find((b) => b.field === 'score');
    expect(block).toMatchObject({ printed: '7.00', value: '7' });
    expect(block!.row_indexes.map((i) => [r.indicators[i]!.level3, r.indicators[i]!.score])).toEqual([['资金到位率', null], ['预算执行率', null]]);
    expect(r.findings.some((f) => f.code === 'MERGED_BLOCK_VALUE' && f.row_index === block!.row_indexes[0])).toBe(true);
    expect(r.findings.filter((f) => f.code === 'TOTAL_MISMATCH')).toEqual([]);
    expect(r.report.total_computed).toBe(r.report.total_printed);
  });

  it('is counted once in the computed total', async () => {
    const r = report(await henan());
    const rows = r.indicators.reduce((acc, row) => acc.plus(row.score ?? 0), new Decimal(0));
    const blocks = r.evidence.merged_blocks.filter((b) => b.field === 'score').reduce((acc, b) => acc.plus(b.value ?? 0), new Decimal(0));
    expect(blocks.isZero()).toBe(false);
    expect(new Decimal(r.report.total_computed!).equals(rows.plus(blocks).plus(r.report.execution_score ?? 0))).toBe(true);
  });
});

describe('what a third party’s report says of itself', () => {
  it('is an evaluation report of the unit it evaluated, not of the commissioning one', async () => {
    const r = report(await henan());
    // `…项目绩效评价报告` with a scoring table; `项目单位：… 委托单位：… 评价机构：…` on one line.
    expect(r.report.report_kind).toBe('evaluation_report');
    expect(r.report.department).toBe('河南省人力资源和社会保障厅');
    // Its budget table's header `项目名称 | 子项目 | 年度 | 预算安排…` over rows of amounts names columns.
    expect(r.report.project_name).toBe('2021-2024年省级职业技能竞赛经费项目');
  });

  it('reads a 扣分原因 column as reasons, not as points deducted', async () => {
    const r = report(await extractFile(join(CORPUS, 'layouts', 'tp-hunan-pingjiang-road-maintenance-evaluation.pdf')));
    expect(r.report.extraction_confidence).toBe('high');
    // `平江县2023年度农村公路养护专项资金绩效评价报告`: the county is the region's, the year the year's.
    expect(r.report).toMatchObject({ project_name: '农村公路养护专项资金', department: '平江县交通运输局', year: 2023, county: '平江县' });
    expect(r.indicators.every((row) => row.deduction === null || /^\d+(\.\d+)?$/.test(row.deduction))).toBe(true);
    expect(r.indicators.some((row) => row.note !== null && /扣|未|不/.test(row.note))).toBe(true);
  });
});
