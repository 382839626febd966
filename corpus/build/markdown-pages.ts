/**
 * Renders the real markdown conversions in ../shared/realworld/github-samples (PDF → markdown
 * with HTML tables) as web pages under corpus/layouts/, so that the tests read committed files:
 * `#` lines become headings, `<table>` lines stay as they are, other lines become paragraphs.
 *
 *   npx tsx corpus/build/markdown-pages.ts        (JIXIAO_SHARED=/path/to/shared when not beside the checkout)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// ../shared beside the checkout; a worktree elsewhere names it with JIXIAO_SHARED.
const SHARED = process.env.JIXIAO_SHARED ?? join(import.meta.dirname, '..', '..', '..', 'shared');
const SAMPLES = join(SHARED, 'realworld', 'github-samples');
const OUT = join(import.meta.dirname, '..', 'layouts');

const PAGES: ReadonlyArray<{ from: string; to: string; title: string }> = [
  // Third-party evaluation report with page-split coded scoring tables (golden/henan-jineng.json).
  { from: 'henan-jineng-pjbg-2025.md', to: 'henan-jineng-third-party-evaluation.html', title: '2021-2024年省级职业技能竞赛经费项目绩效评价报告' },
  // Blank official templates in a policy compilation: must give no report (no golden id).
  { from: 'zy2025-policy-templates.md', to: 'blank-templates-zy2025-policy-compilation.html', title: 'ZY2025预算绩效管理政策法规汇编（第四版）' },
];

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function render(markdown: string, title: string): string {
  const body: string[] = [];
  let table: string[] | null = null;
  for (const raw of markdown.split('\n')) {
    const line = raw.trim();
    // A table's cells may break over lines: it is copied whole, from <table> to </table>.
    if (table === null && line.startsWith('<table')) table = [];
    if (table !== null) {
      table.push(line);
      if (line.includes('</table>')) {
        body.push(table.join('<br>').replace(/<br>(?=<\/?(tr|td|table))/g, ''));
        table = null;
      }
      continue;
    }
    if (line === '') continue;
    const heading = /^(#+)\s*(.*)$/.exec(line);
    const level = heading ? Math.min(heading[1]!.length + 1, 6) : 0;
    body.push(heading ? `<h${level}>${escape(heading[2]!)}</h${level}>` : `<p>${escape(line)}</p>`);
  }
  return `<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n<title>${escape(title)}</title>\n</head>\n<body>\n${body.join('\n')}\n</body>\n</html>\n`;
}

for (const page of PAGES) {
  const html = render(readFileSync(join(SAMPLES, page.from), 'utf8'), page.title);
  writeFileSync(join(OUT, page.to), html);
  console.log(`${page.to}: ${(html.match(/<table/g) ?? []).length} tables, ${html.length} characters`);
}
