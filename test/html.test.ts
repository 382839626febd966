import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { htmlParser } from '../parsers/html';
import { expandTable, rowTexts } from '../pipeline/tables/grid';
import type { Block, Table } from '../schemas/document';

const page = (body: string, head = '<meta charset="utf-8">') => `<!DOCTYPE html><html><head>${head}<title>测试页面</title></head><body>${body}</body></html>`;
const parse = (html: string | Uint8Array, contentType?: string) =>
  htmlParser.parse(typeof html === 'string' ? new TextEncoder().encode(html) : html, { name: 'page.html', contentType });
const tables = (blocks: Block[]): Table[] => blocks.flatMap((b) => (b.kind === 'table' ? [b.table] : []));
const texts = (blocks: Block[]) => blocks.flatMap((b) => (b.kind === 'text' ? [b.text] : []));

describe('HTML tables', () => {
  it('expands rowspan and colspan into a grid, merged cells repeating their text', async () => {
    const doc = await parse(
      page(`<table>
        <tr><td rowspan="3">产出指标 (50分)</td><td rowspan="2">数量指标</td><td>参保人数</td><td>≥341万人</td></tr>
        <tr><td>州级财政实际补助标准</td><td>7.68元</td></tr>
        <tr><td>质量指标</td><td>参保率</td><td>≥95%</td></tr>
        <tr><td colspan="3">总分</td><td>100</td></tr>
      </table>`),
    );
    const grid = expandTable(tables(doc.blocks)[0]!);
    expect(grid.width).toBe(4);
    expect(grid.rows.map((r) => r.map((c) => c?.text ?? ''))).toEqual([
      ['产出指标 (50分)', '数量指标', '参保人数', '≥341万人'],
      ['产出指标 (50分)', '数量指标', '州级财政实际补助标准', '7.68元'],
      ['产出指标 (50分)', '质量指标', '参保率', '≥95%'],
      ['总分', '总分', '总分', '100'],
    ]);
    expect(rowTexts(grid, 3)).toEqual(['总分', '100']);
  });

  it('keeps line breaks inside a cell and the title of the page', async () => {
    const doc = await parse(page('<table><tr><td>项目<br>决策<br>(18分)</td><td><p>满分:≥90%</p><p>合格:≥80%</p></td></tr></table>'));
    expect(doc.title).toBe('测试页面');
    expect(tables(doc.blocks)[0]!.rows[0]!.map((c) => c.text)).toEqual(['项目\n决策\n(18分)', '满分:≥90%\n合格:≥80%']);
  });

  it('ignores navigation, footers, sidebars and scripts', async () => {
    const doc = await parse(
      page(`<nav><a>首页</a><a>政务公开</a></nav><div class="breadcrumb">当前位置：首页 > 绩效信息</div>
        <div class="sidebar"><table><tr><td>相关链接</td><td>2024-01-01</td></tr></table></div>
        <script>document.write('<table><tr><td>x</td></tr></table>')</script>
        <h1>绩效自评表</h1><p>单位(盖章): 黔南州医疗保障局</p>
        <footer>版权所有 黔ICP备0000号</footer>`),
    );
    expect(texts(doc.blocks)).toEqual(['绩效自评表', '单位(盖章): 黔南州医疗保障局']);
    expect(tables(doc.blocks)).toHaveLength(0);
    expect(doc.blocks[0]).toMatchObject({ kind: 'text', heading: true });
  });

  it('reads the cells of a page laid out in a table as text and tables, not as one big table', async () => {
    const doc = await parse(page('<table><tr><td><p>标题</p><table><tr><td>一级指标</td><td>二级指标</td></tr></table></td></tr></table>'));
    expect(texts(doc.blocks)).toEqual(['标题']);
    expect(tables(doc.blocks)).toHaveLength(1);
    expect(tables(doc.blocks)[0]!.rows[0]!.map((c) => c.text)).toEqual(['一级指标', '二级指标']);
  });

  it('bounds hostile spans instead of building a huge grid', async () => {
    const doc = await parse(page('<table><tr><td rowspan="99999" colspan="1000000">x</td><td>y</td></tr><tr><td>z</td></tr></table>'));
    const grid = expandTable(tables(doc.blocks)[0]!);
    expect(grid.rows).toHaveLength(2);
    expect(grid.width).toBeLessThanOrEqual(65);
  });
});

describe('HTML character sets', () => {
  const body = '<p>黔南布依族苗族自治州医疗保障局</p>';
  it('decodes GB2312 declared in a meta tag', async () => {
    const bytes = iconv.encode(page(body, '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'), 'gbk');
    expect(texts((await parse(bytes)).blocks)).toEqual(['黔南布依族苗族自治州医疗保障局']);
  });
  it('decodes GBK named in the HTTP header over a missing meta tag', async () => {
    const bytes = iconv.encode(page(body, ''), 'gbk');
    expect(texts((await parse(bytes, 'text/html; charset=GBK')).blocks)).toEqual(['黔南布依族苗族自治州医疗保障局']);
  });
  it('sniffs GBK when nothing declares it', async () => {
    const bytes = iconv.encode(page(body, ''), 'gbk');
    expect(texts((await parse(bytes)).blocks)).toEqual(['黔南布依族苗族自治州医疗保障局']);
  });
});
