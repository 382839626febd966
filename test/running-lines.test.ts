import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pagesToBlocks } from '../parsers/page/layout';
import { extractDocument } from '../pipeline/extract';
import type { PageContent, TextRun } from '../schemas/page';
import { ROOT } from './helpers';

const run = (text: string, y0: number): TextRun => ({ text, x0: 60, x1: 60 + text.length * 10, y0, y1: y0 + 10, size: 10 });
const page = (n: number, runs: TextRun[]): PageContent => ({ page: n, width: 595, height: 842, runs, segments: [] });
const texts = (pages: PageContent[]) => pagesToBlocks(pages).blocks.flatMap((b) => (b.kind === 'text' ? [b.text] : []));

describe('running heads and feet', () => {
  it('drops a line at the edge of every page (a site name over each page of a print)', () => {
    const body = ['甲项资金已拨付', '乙项工程已完工', '丙项培训已开展'];
    const pages = body.map((text, i) => page(i + 1, [run('某某市财政局门户网站', 20), run(text, 400), run(`${'甲乙丙'[i]}项说明`, 420)]));
    expect(texts(pages)).toEqual(body.flatMap((text, i) => [text, `${'甲乙丙'[i]}项说明`]));
  });

  it('keeps a line repeated inside every page: the head of a form that starts on each page', () => {
    const pages = [1, 2, 3].map((n) => page(n, [run(`上一表${'甲乙丙'[n - 1]}`, 60), run('项目支出绩效目标自评表', 300), run(`本表${'甲乙丙'[n - 1]}`, 500)]));
    expect(texts(pages).filter((t) => t === '项目支出绩效目标自评表')).toHaveLength(3);
  });
});

describe('a run of forms printed by wkhtmltopdf, a form head on every page', () => {
  it('reads each form title that stands inside its page (test/fixtures/pdf/README.md)', async () => {
    const path = join(ROOT, 'test/fixtures/pdf', 'wkhtmltopdf-form-heads.pdf');
    const reports = (await extractDocument(readFileSync(path), path)).reports.map((r) => r.report);
    // The first form's title is on page 4, not in the cut; the three forms headed on pages 5-7 print theirs.
    expect(reports.slice(1).map((r) => r.title)).toEqual(['州本级项目支出绩效目标自评表', '州本级项目支出绩效目标自评表', '州本级项目支出绩效目标自评表']);
    expect(reports.slice(1).map((r) => [r.year, r.filled_date])).toEqual([
      [2023, '2024-02-05'],
      [2023, '2024-02-05'],
      [2023, '2024-02-05'],
    ]);
  });
});
