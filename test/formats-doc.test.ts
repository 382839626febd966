import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as CFB from 'cfb';
import { describe, expect, it } from 'vitest';
import { docParser } from '../parsers/doc';
import { rowsWithSpans } from '../parsers/doc/table-grid';
import { extractDocument } from '../pipeline/extract';
import type { Block, Cell } from '../schemas/document';
import { CORPUS } from './helpers';

const doc = (name: string) => readFileSync(join(CORPUS, 'doc', name));
const firstTable = (blocks: Block[]) => blocks.find((b): b is Extract<Block, { kind: 'table' }> => b.kind === 'table')!.table;
const spans = (row: Cell[]) => row.map((c) => `${c.text.split('\n')[0]}${c.rowSpan > 1 ? `/r${c.rowSpan}` : ''}${c.colSpan > 1 ? `/c${c.colSpan}` : ''}`);

describe('Word 97 .doc', () => {
  it('rebuilds rows from cell and row-end marks, with the merged cells the file records', async () => {
    const parsed = await docParser.parse(doc('002-guangxi-transfer-region.doc'), { name: '002.doc' });
    const table = firstTable(parsed.blocks);
    // Cell widths give the column spans (Word 97 keeps no grid); vertical merge flags the row spans.
    expect(spans(table.rows[0]!)).toEqual(['转移支付名称/c2', '医疗救助补助资金/c5']);
    expect(spans(table.rows[3]!)).toEqual(['资金投入情况/r5', '/c3', '全年预算数（A）', '全年执行数（B）', '预算执行率']);
    expect(spans(table.rows[10]!)).toEqual(['绩效指标/r12', '一级指标', '二级指标', '三级指标', '指标值', '全年实际完成值', '未完成原因和改进措施']);
    expect(spans(table.rows[11]!).slice(0, 3)).toEqual(['产出指标/r5', '数量指标/r3', '医疗救助对象人次规模']);
    // Every row covers the same seven grid columns once the spans from above are counted.
    const width = table.rows.map((row, r) => row.reduce((n, c) => n + c.colSpan, 0) + coveredFromAbove(table.rows, r));
    expect(new Set(width)).toEqual(new Set([7]));
    // A line break inside a cell stays a line break; paragraphs around the table are text.
    expect(table.rows[9]![1]!.text).toContain('\n');
    expect(parsed.blocks[1]).toMatchObject({ kind: 'text', text: '医疗救助补助资金转移支付区域绩效目标自评表' });
  });

  it('reads a .wps (WPS Writer, the same binary format) like the .doc, and says it is a doc', async () => {
    const wps = await extractDocument(doc('001-jiange-department-wps.wps'), '001.wps');
    const docFile = await extractDocument(doc('001-jiange-department.doc'), '001.doc');
    expect(wps.document).toMatchObject({ status: 'ok', format: 'doc', report_count: 2 });
    expect(wps.reports.map((r) => r.indicators)).toEqual(docFile.reports.map((r) => r.indicators));
  });
});

/** How many grid columns of row r are taken by cells merged down from the rows above. */
function coveredFromAbove(rows: Cell[][], r: number): number {
  let n = 0;
  for (let above = 0; above < r; above++) for (const c of rows[above]!) if (c.rowSpan > r - above) n += c.colSpan;
  return n;
}

describe('bad .doc files', () => {
  it('names a compound file that holds no Word text', async () => {
    const container = CFB.utils.cfb_new();
    CFB.utils.cfb_add(container, 'PowerPoint Document', Buffer.from('slides'));
    const bytes = CFB.write(container, { type: 'buffer' }) as Buffer;
    const r = await extractDocument(bytes, 'slides.doc');
    expect(r.document).toMatchObject({ status: 'failed', format: 'doc' });
    expect(r.document.error).toMatch(/without a WordDocument stream \(a PowerPoint file\): check its type/);
  });

  it('names a file that is not a compound file at all', async () => {
    const r = await extractDocument(Buffer.from('这不是Word文件，只是文字。'), 'note.doc');
    expect(r.document.status).toBe('failed');
    expect(r.document.error).toMatch(/note\.doc is not a Word \.doc\/\.wps file \(not a compound file\)/);
  });

  it('names an RTF file saved under .doc', async () => {
    const r = await extractDocument(Buffer.from('{\\rtf1\\ansi\\ansicpg936 {\\fonttbl}一级指标}'), 'rtf.doc');
    expect(r.document.status).toBe('failed');
    expect(r.document.error).toMatch(/rtf\.doc is an RTF file, not a Word 97 \.doc: .*save it as \.docx/);
  });

  it('reports a .doc cut short as damaged, fast', async () => {
    const bytes = doc('004-qiannan-project-tables.doc');
    const started = Date.now();
    for (const cut of [512, 4096, Math.floor(bytes.length / 2)]) {
      const r = await extractDocument(bytes.subarray(0, cut), 'cut.doc');
      expect(r.document.status).toBe('failed');
      expect(r.document.error).toMatch(/cut\.doc is a damaged or truncated compound file.*download it again/);
    }
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('Word 97 row definitions', () => {
  const def = (boundaries: number[], flags: Array<[number, number]>) => ({ boundaries, cells: flags.map(([horzMerge, vertMerge]) => ({ horzMerge, vertMerge })) });

  it('merges cells flagged as merged with the one before (the older horizontal merge)', () => {
    const rows = rowsWithSpans([
      { cells: ['标题', '', '年度'], def: def([0, 1000, 2000, 3000], [[1, 0], [2, 0], [0, 0]]) },
      { cells: ['a', 'b', 'c'], def: def([0, 1000, 2000, 3000], [[0, 0], [0, 0], [0, 0]]) },
    ]);
    expect(rows.map((row) => row.map((c) => `${c.text}/${c.colSpan}`))).toEqual([['标题/2', '年度/1'], ['a/1', 'b/1', 'c/1']]);
  });

  it('continues a vertical merge only in the column it started, and falls back to one column a cell without widths', () => {
    const rows = rowsWithSpans([
      { cells: ['产出指标', '数量'], def: def([0, 1000, 3000], [[0, 3], [0, 0]]) },
      { cells: ['', '质量'], def: def([0, 1000, 3000], [[0, 1], [0, 0]]) },
      { cells: ['效益指标', '社会'], def: def([0, 1000, 3000], [[0, 0], [0, 1]]) },
      { cells: ['x', 'y', 'z'] },
    ]);
    expect(rows.map((row) => row.map((c) => `${c.text}/${c.rowSpan}x${c.colSpan}`))).toEqual([
      ['产出指标/2x1', '数量/1x1'],
      ['质量/1x1'],
      ['效益指标/1x1', '社会/1x1'],
      ['x/1x1', 'y/1x1', 'z/1x1'],
    ]);
  });
});
