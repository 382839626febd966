import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withPdf } from '../parsers/pdf/open';
import { readPageContent } from '../parsers/pdf/page-content';
import { findRuledTables } from '../parsers/page/ruled-tables';
import { extractFile, ROOT } from './helpers';

/**
 * WeasyPrint's prints of LibreOffice Writer's HTML export (cuts of
 * corpus/producers/weasyprint-writer-html-export, by `npx tsx corpus/build/producers.ts --cuts`):
 * every cell draws its own sides and bottom a spacing apart from its neighbours', and a merged
 * level cell a page break cuts is boxed round its text only, or goes on past the page's last row.
 */
describe('a table whose cells draw their own borders apart (WeasyPrint of Writer’s HTML export)', () => {
  const labelBoxes = join(ROOT, 'test/fixtures/pdf/weasyprint-writer-label-boxes.pdf');

  it('reads each border between two cells as one column edge, not a column of its own', async () => {
    const content = await withPdf(new Uint8Array(readFileSync(labelBoxes)), 'weasyprint-writer-label-boxes.pdf', async (doc) => readPageContent(await doc.getPage(1)));
    const { tables } = findRuledTables(content.segments, content.runs, 1);
    expect(tables.length).toBeGreaterThan(0);
    for (const table of tables) {
      const widths = table.columns.slice(1).map((x, j) => x - table.columns[j]!);
      expect(Math.min(...widths)).toBeGreaterThan(10);
    }
  });

  it('gives the rows under a label boxed round its text only the labels printed over them', async () => {
    // Pages 2-3 of seed 002: the merged level-1 cell 产出指标 the break cuts ends its box at its
    // text; 效益指标's box starts where its own block does, not over 产出指标's 数量/质量/时效 rows.
    const { reports } = await extractFile(labelBoxes);
    expect(reports).toHaveLength(1);
    const { indicators, findings } = reports[0]!;
    expect(indicators.map((x) => [x.level1, x.level2])).toEqual([
      ['产出指标', '数量指标'],
      ['产出指标', '数量指标'],
      ['产出指标', '数量指标'],
      ['产出指标', '质量指标'],
      ['产出指标', '时效指标'],
      ['效益指标', '社会效益指标'],
      ['效益指标', '社会效益指标'],
    ]);
    expect(findings.filter((f) => f.code === 'LEVEL_FAMILY_MISMATCH')).toEqual([]);
  });

  it('reads no row under the last row where only a cut label cell’s box goes on', async () => {
    // Pages 2-4 of seed 004: the boxes of 产出指标 and 质量指标 go on past page 3's last row, nothing
    // else drawn there; the block's next row starts page 4. Read as a row, the strip joined the
    // rows either side of the break into one (two names, weights `33`).
    const { reports } = await extractFile(join(ROOT, 'test/fixtures/pdf/weasyprint-writer-label-past-rows.pdf'));
    expect(reports).toHaveLength(1);
    const rows = reports[0]!.indicators;
    expect(rows).toHaveLength(17);
    const around = rows.filter((r) => ['定点医药机构开通医保电子凭证场景应用', '检查发现违规违法行为'].includes(r.level3 ?? ''));
    expect(around.map((r) => [r.level1, r.level2, r.weight, r.score])).toEqual([
      ['产出指标', '质量', '3', '3'],
      ['产出指标', '质量', '3', '3'],
    ]);
    expect(rows.filter((r) => r.level2 === '数量').map((r) => r.level3)).toHaveLength(8);
  });
});

describe('WeasyPrint’s print of a page whose cells draw their own borders (test/fixtures/pdf/weasyprint-separate-borders.pdf, `producers.ts --fixtures`)', () => {
  it('reads the ten rows of the page as its source prints them, each block’s labels on every row', async () => {
    const [report] = (await extractFile(join(ROOT, 'test/fixtures/pdf/weasyprint-separate-borders.pdf'))).reports;
    const tasks = Array.from({ length: 8 }, (_, i) => ['产出指标', '数量指标', `第${i + 1}项任务${'按期完成'.repeat(9)}`, '5', '5']);
    expect(report!.indicators.map((x) => [x.level1, x.level2, x.level3, x.weight, x.score])).toEqual([
      ...tasks,
      ['效益指标', '社会效益指标', '政策知晓率', '10', '10'],
      ['效益指标', '社会效益指标', '群众满意度', '10', '10'],
    ]);
  });
});
