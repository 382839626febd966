// Renders each golden record (corpus/golden/NNN.json) as a disclosure web page (corpus/html) and
// as a Word file (corpus/docx), laid out like the printed form of its seed, so that the HTML and
// Word parsers are measured against the same truth as the text seeds.
// Usage: npx tsx corpus/build/render.ts   (needs LibreOffice `soffice` and CJK fonts for the .docx)
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Decimal from 'decimal.js';
import iconv from 'iconv-lite';
import JSZip from 'jszip';
import { GoldenDocumentSchema, type GoldenDocument, type GoldenIndicator, type GoldenReport } from '../../schemas/golden';

const CORPUS = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Per document: file short name, the subject of the page headline, the page encoding. */
const DOCS: Record<string, { short: string; subject: string; gbk?: boolean }> = {
  '000': { short: 'transfer-selfeval-indicators', subject: '医疗保障转移支付资金' },
  '001': { short: 'jiange-department', subject: '剑阁县医疗保障局2022年度部门整体支出' },
  '002': { short: 'guangxi-transfer-region', subject: '2023年度医疗救助补助资金转移支付区域', gbk: true },
  '003': { short: 'jinfeng-evaluation-report', subject: '2023年城乡居民医疗救助补助资金' },
  '004': { short: 'qiannan-project-tables', subject: '黔南州2023年度项目支出' },
};

// ---------------------------------------------------------------- HTML helpers

type Text = string | null | undefined;

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Escaped cell/paragraph text; line breaks inside a value become <br>. */
const txt = (s: Text): string => (s == null ? '' : esc(s).replace(/\r?\n/g, '<br>'));

function td(s: Text, span: { colspan?: number; rowspan?: number } = {}): string {
  const attrs = (span.colspan ?? 1) > 1 ? ` colspan="${span.colspan}"` : '';
  const rows = (span.rowspan ?? 1) > 1 ? ` rowspan="${span.rowspan}"` : '';
  return `<td${attrs}${rows}>${txt(s)}</td>`;
}

const tr = (cells: string[]): string => `<tr>${cells.join('')}</tr>`;
const tds = (texts: Text[]): string[] => texts.map((t) => td(t));
const table = (rows: string[]): string =>
  `<table class="jx" border="1" cellspacing="0" cellpadding="4" width="100%">\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`;
const p = (s: Text): string => `<p>${txt(s)}</p>`;

/** Sum of printed decimals (null when there is nothing to add). */
function sum(values: Text[]): string | null {
  const nums = values.filter((v): v is string => v != null);
  return nums.length ? nums.reduce((a, v) => a.plus(v), new Decimal(0)).toString() : null;
}

// ---------------------------------------------------------------- merged cells

/**
 * Rowspans for a column of merged cells: spans[i] is the number of rows the cell starting at
 * row i covers, 0 when row i is covered by a cell above. Consecutive rows with equal keys merge,
 * except across a break (a repeated header row inserted before that row).
 */
function spans(keys: readonly string[], breaks: ReadonlySet<number> = new Set()): number[] {
  const out = keys.map(() => 0);
  let start = 0;
  for (let i = 1; i <= keys.length; i++) {
    if (i === keys.length || keys[i] !== keys[i - 1] || breaks.has(i)) {
      out[start] = i - start;
      start = i;
    }
  }
  return out;
}

interface MergedColumn {
  key: (ind: GoldenIndicator) => string;
  text: (ind: GoldenIndicator) => Text;
}

/**
 * The leading merged cells of every indicator row, one column per entry. After a break the
 * continuing cell is left empty (as printed after a page break: the label is on the page before).
 */
function mergedCells(inds: GoldenIndicator[], cols: MergedColumn[], breaks: ReadonlySet<number> = new Set()): string[][] {
  const rows: string[][] = inds.map(() => []);
  for (const col of cols) {
    const keys = inds.map(col.key);
    spans(keys, breaks).forEach((n, i) => {
      if (n === 0) return;
      const continued = i > 0 && breaks.has(i) && keys[i] === keys[i - 1];
      rows[i]!.push(td(continued ? '' : col.text(inds[i]!), { rowspan: n }));
    });
  }
  return rows;
}

const l1Key = (i: GoldenIndicator): string => `${i.level1}|${i.level1_weight}`;
const l2Key = (i: GoldenIndicator): string => `${l1Key(i)}|${i.level2}|${i.level2_weight}`;
/** `产出指标 (50分)`: the level-1 name with its weight when one is printed. */
const l1Label = (i: GoldenIndicator): Text => (i.level1_weight == null ? i.level1 : `${i.level1} (${i.level1_weight}分)`);
const LEVELS: MergedColumn[] = [
  { key: l1Key, text: l1Label },
  { key: l2Key, text: (i) => i.level2 },
];

// ---------------------------------------------------------------- one function per form kind

/** 项目支出绩效自评表 (seed 004): 9 columns. */
function projectTable(r: GoldenReport): string {
  const b = r.budget;
  const rows = [
    tr([td('项目名称', { colspan: 2 }), td(r.project_name, { colspan: 7 })]),
    tr([td('主管部门及代码', { colspan: 2 }), td(`[187]${r.department ?? ''}`, { colspan: 3 }), td('实施单位'), td(r.implementing_unit, { colspan: 3 })]),
  ];
  if (b) {
    // 上级 and 州本级项目支出绩效自评表 print the weight as `10分`, the 目标 forms as `10`.
    const weight = b.weight != null && !r.title?.includes('目标') ? `${b.weight}分` : b.weight;
    const sub = (name: string): string => tr([td(name, { colspan: 2 }), ...tds(['', '', '', '—', '—', '—'])]);
    rows.push(
      tr([td(b.unit ? `项目资金 (${b.unit})` : '项目资金', { rowspan: 6 }), td('资金来源', { colspan: 2 }),
        ...tds(['年初预算数', '全年预算数(A)', '全年执行数(B)', '分值', '执行率', '得分'])]),
      tr([td('年度资金总额:', { colspan: 2 }), ...tds([b.initial, b.annual, b.executed, weight, b.rate_printed, b.score])]),
      sub('财政拨款'), sub('其中:上级补助'), sub('本级安排'), sub('其他资金'),
    );
  }
  rows.push(
    tr([td('年度总体目标', { rowspan: 2 }), td('预期目标', { colspan: 4 }), td('实际完成情况', { colspan: 4 })]),
    tr([td(r.goal_expected, { colspan: 4 }), td(r.goal_actual, { colspan: 4 })]),
  );
  const lead = mergedCells(r.indicators, LEVELS);
  rows.push(tr([td('绩效指标', { rowspan: r.indicators.length + 1 }),
    ...tds(['一级指标', '二级指标', '三级指标', '年度指标值(A)', '实际完成值(B)', '分值', '得分', '未完成原因分析'])]));
  r.indicators.forEach((ind, i) => rows.push(tr([...lead[i]!, ...tds([ind.level3, ind.target_raw, ind.actual_raw, ind.weight, ind.score, ind.note])])));
  const weightTotal = sum([...r.indicators.map((i) => i.weight), b?.weight]);
  rows.push(
    tr([td('总分', { colspan: 6 }), ...tds([weightTotal, r.total_printed, ''])]),
    tr([td(r.title?.includes('目标') ? '自评结论' : '绩效结论'), td(r.grade_printed, { colspan: 8 })]),
  );
  return table(rows);
}

/** 部门整体支出绩效目标自评表 (seed 001, 附件1): 9 columns, title printed as the first row. */
function departmentTable(r: GoldenReport): string {
  const b = r.budget;
  const rows = [tr([td(r.title, { colspan: 9 })]), tr([td('部门（单位）名称', { colspan: 2 }), td(r.department, { colspan: 7 })])];
  if (b) {
    rows.push(
      tr([td(b.unit ? `预算执行情况（${b.unit}）` : '预算执行情况', { rowspan: 4 }), td('', { colspan: 3 }),
        ...tds(['全年预算数（A）', '全年执行数（B）', '分值', '执行率（B/A)', '得分'])]),
      tr([td('年度资金总额：', { colspan: 3 }), ...tds([b.annual, b.executed, b.weight, b.rate_printed, b.score])]),
      tr([td('其中：财政拨款', { colspan: 3 }), ...tds(['', '', '', '', ''])]),
      tr([td('其他资金', { colspan: 3 }), ...tds(['', '', '', '', ''])]),
    );
  }
  rows.push(
    tr([td('年度总体目标', { rowspan: 2 }), td('预期目标', { colspan: 4 }), td('实际完成目标', { colspan: 4 })]),
    tr([td(r.goal_expected, { colspan: 4 }), td(r.goal_actual, { colspan: 4 })]),
    tr([td('年度绩效指标', { rowspan: r.indicators.length + 1 }),
      ...tds(['一级指标', '二级指标', '三级指标', '预期指标值（包含数字及文字描述）', '实际完成指标值（包含数字及文字描述）',
        '未完成原因及拟采取的改进措施', '自评得分', '财政复评得分'])]),
  );
  const lead = mergedCells(r.indicators, LEVELS);
  r.indicators.forEach((ind, i) =>
    rows.push(tr([...lead[i]!, ...tds([ind.level3, ind.target_raw, ind.actual_raw, ind.note, ind.score, ind.review_score])])));
  if (r.total_printed != null) rows.push(tr([td('总分', { colspan: 7 }), ...tds([r.total_printed, ''])]));
  return table(rows);
}

/** 转移支付区域绩效目标自评表 (seed 002): 7 columns, no weights or scores. */
function transferTable(r: GoldenReport): string {
  const b = r.budget;
  const rows = [
    tr([td('转移支付名称', { colspan: 2 }), td(r.project_name, { colspan: 5 })]),
    tr([td('中央主管部门', { colspan: 2 }), td('国家医疗保障局', { colspan: 5 })]),
    tr([td('地方主管部门', { colspan: 2 }), td(r.department, { colspan: 2 }), td('资金使用单位'), td(r.implementing_unit, { colspan: 2 })]),
  ];
  if (b) {
    const sub = (name: string): string => tr([td(name, { colspan: 3 }), ...tds(['', '', ''])]);
    rows.push(
      tr([td(b.unit ? `资金投入情况（${b.unit}）` : '资金投入情况', { rowspan: 5 }), td('', { colspan: 3 }),
        ...tds(['全年预算数（A）', '全年执行数（B）', '预算执行率'])]),
      tr([td('年度资金总额：', { colspan: 3 }), ...tds([b.annual, b.executed, b.rate_printed])]),
      sub('其中：中央补助'), sub('地方资金'), sub('其他资金'),
    );
  }
  rows.push(
    tr([td('总体目标完成情况', { rowspan: 2 }), td('总体目标', { colspan: 3 }), td('全年实际完成情况', { colspan: 3 })]),
    tr([td(r.goal_expected, { colspan: 3 }), td(r.goal_actual, { colspan: 3 })]),
    tr([td('绩效指标', { rowspan: r.indicators.length + 1 }), ...tds(['一级指标', '二级指标', '三级指标', '指标值', '全年实际完成值', '未完成原因和改进措施'])]),
  );
  const lead = mergedCells(r.indicators, LEVELS);
  r.indicators.forEach((ind, i) => rows.push(tr([...lead[i]!, ...tds([ind.level3, ind.target_raw, ind.actual_raw, ind.note])])));
  rows.push(tr([td('说明'), td('', { colspan: 6 })]));
  return table(rows);
}

type Column = [head: string, value: (i: GoldenIndicator) => Text];
const score = (i: GoldenIndicator): Text => i.score;

/**
 * 绩效评价指标体系 (seed 000's three tables, seed 001's 附件2). Seed 000 repeats the header once
 * mid-table (a page break) and ends with a total row; its 8th header is 分值 in tables 1–2.
 */
function indicatorSystemTable(r: GoldenReport, docId: string, index: number): string {
  const cols: Column[] =
    docId === '000'
      ? [['标准值', (i) => i.target_raw], ['评分标准', (i) => i.scoring_rule], ['分值', (i) => i.weight],
        ['指标说明', (i) => i.description], [index < 2 ? '分值' : '得分', score], ['实际完成情况', (i) => i.actual_raw]]
      : [['标准值', (i) => i.target_raw], [`实际值(${r.year ?? ''}年)`, (i) => i.actual_raw], ['评分标准', (i) => i.scoring_rule],
        ['分值', (i) => i.weight], ['自评得分', score], ['指标说明', (i) => i.description]];
  const header = tr(tds(['一级指标', '二级指标', '三级指标', ...cols.map(([h]) => h)]));
  const breaks = new Set(docId === '000' ? [Math.floor(r.indicators.length / 2)] : []);
  const lead = mergedCells(r.indicators, LEVELS, breaks);
  const rows = [header];
  r.indicators.forEach((ind, i) => {
    if (breaks.has(i)) rows.push(header);
    rows.push(tr([...lead[i]!, td(ind.level3), ...cols.map(([, value]) => td(value(ind)))]));
  });
  if (r.total_printed != null) {
    const scoreAt = 3 + cols.findIndex(([, value]) => value === score);
    const cells: Text[] = Array.from({ length: 3 + cols.length }, () => '');
    cells[0] = docId === '000' && index < 2 ? '' : '总计';
    cells[scoreAt] = r.total_printed;
    rows.push(tr(tds(cells)));
  }
  return table(rows);
}

/** Prose introducing each 情况得分表 of seed 003, copied from the seed. */
const EVAL_INTRO: Record<string, string> = {
  项目决策: '1. 项目决策情况分析。主要从决策依据、决策过程、绩效目标、资金分配四方面进行评价分析，指标分值 20 分，评价得分 20 分，具体详见下表：',
  过程管理: '2. 过程管理情况分析。主要从资金管理、组织管理两方面进行评价分析，指标分值 20 分，评价得分 19 分，具体详见下表：',
  产出指标: '3. 产出指标情况分析。主要从数量指标、质量指标、时效指标三方面进行评价分析，指标分值37分，评价得分34分，具体详见下表：',
  效益指标: '4. 效益指标情况分析。主要从社会效益指标、可持续影响指标两方面进行评价分析，指标分值 13 分，评价得分 13 分具体详见下表：',
};
/** Seed 003's 一级指标权重及得分 summary table: level-1, 权重, 评分分值, 得分, 绩效评价 (not in the golden record). */
const EVAL_SUMMARY: [string, string, string, string, string][] = [
  ['项目决策', '20%', '20', '20', '符合规定'], ['过程管理', '20%', '20', '19', '执行严格'], ['产出指标', '37%', '37', '34', '产出高效'],
  ['效益指标', '13%', '13', '13', '效果满意'], ['满意度指标', '10%', '10', '10', '调查满意'],
];

/** 绩效评价报告 (seed 003): prose, the summary table, then one 情况得分表 per level-1. */
function evaluationReport(r: GoldenReport): string {
  const out = [
    p('（一）绩效目标设定情况'), p('1. 年度总体目标'), p(r.goal_expected),
    p('绩效评价结果实行百分制，根据指标因素评价计算得分。评价结果划分为四个等级：评价结果90（含）-100分为优、80（含）-90分为良、60（含）-80分为中、60分以下为差。'),
    p('5. 评价得分、评价结论'),
    p(`${r.year ?? ''}年金凤区医保局城乡医疗救助补助资金绩效评价综合得分${r.total_printed ?? ''}分，综合绩效评价等级为“${r.grade_printed ?? ''}”。`),
    p('一级指标权重及得分情况如下表所示：'),
    table([tr(tds(['一级指标', '权重', '评分分值', '得分', '绩效评价'])), ...EVAL_SUMMARY.map((row) => tr(tds(row))),
      tr(tds(['合计', '100%', '100', r.total_printed, '']))]),
    p('（五）绩效评价指标分析'),
  ];
  for (const level1 of [...new Set(r.indicators.map((i) => i.level1))]) {
    const inds = r.indicators.filter((i) => i.level1 === level1);
    const lead = mergedCells(inds, [
      { key: l1Key, text: (i) => i.level1 }, { key: l1Key, text: (i) => i.level1_weight },
      { key: l2Key, text: (i) => i.level2 }, { key: l2Key, text: (i) => i.level2_weight },
    ]);
    const level2Weights = spans(inds.map(l2Key)).flatMap((n, i) => (n ? [inds[i]!.level2_weight] : []));
    // The printed score total; where a row's score is not printed, the seed's total (summary table).
    const scores = inds.map((i) => i.score);
    const scoreTotal = scores.includes(null) ? (EVAL_SUMMARY.find(([l]) => l === level1)?.[3] ?? '') : sum(scores);
    out.push(
      p(EVAL_INTRO[level1 ?? ''] ?? `${level1}情况分析。`),
      `<p><strong>${txt(`${r.year ?? ''} 年城乡医疗救助补助资金${level1}情况得分表`)}</strong></p>`,
      table([
        tr(tds(['一级指标', '分值', '二级指标', '分值', '三级指标', '分值', '得分', '扣分总计'])),
        ...inds.map((ind, i) => tr([...lead[i]!, ...tds([ind.level3, ind.weight, ind.score, ind.deduction])])),
        tr(tds(['合计', inds[0]?.level1_weight, '', sum(level2Weights), '', sum(inds.map((i) => i.weight)), scoreTotal,
          sum(inds.map((i) => i.deduction))])),
      ]),
    );
  }
  return out.join('\n');
}

// ---------------------------------------------------------------- pages

const same = (a: Text, b: Text): boolean => a != null && b != null && a.replace(/\s/g, '') === b.replace(/\s/g, '');

/** One report: preamble (the title line as <h2>), its table(s), postamble. */
function renderReport(r: GoldenReport, docId: string, index: number): string {
  const hasTitleLine = r.preamble.some((l) => same(l, r.title));
  const pre = r.preamble
    // the department form prints its title as the table's first row
    .filter((l) => !(r.report_kind === 'department' && same(l, r.title)))
    .map((l, i) => (same(l, r.title) ? `<h2>${txt(l)}</h2>` : i === 0 && !hasTitleLine ? `<p><strong>${txt(l)}</strong></p>` : p(l)));
  const body = {
    project: () => projectTable(r),
    department: () => departmentTable(r),
    transfer_region: () => transferTable(r),
    indicator_system: () => indicatorSystemTable(r, docId, index),
    evaluation_report: () => evaluationReport(r),
    // Only the seeds (NNN.json) are rendered; summary tables are written by hand in corpus/layouts/.
    summary: () => {
      throw new Error(`${docId}: summary reports are not rendered`);
    },
  }[r.report_kind]();
  return [`<div class="report">`, ...pre, body, ...r.postamble.map(p), `</div>`].join('\n');
}

const articleBody = (doc: GoldenDocument, docId: string): string =>
  [...doc.preamble.map(p), ...doc.reports.map((r, i) => renderReport(r, docId, i))].join('\n');

const STYLE = 'table.jx{border-collapse:collapse;margin:12px 0}table.jx td{border:1px solid #000;vertical-align:middle}';

/** The full page: header banner, nav menu, breadcrumb, sidebar of related links, article, footer. */
function page(doc: GoldenDocument, docId: string, charsetMeta: string): string {
  const first = doc.reports[0];
  const site = first?.department ?? (first?.region_name ? `${first.region_name}医疗保障局` : '医疗保障局');
  const headline = `关于公开${DOCS[docId]!.subject}绩效自评情况的公告`;
  const links: [string, string][] = [
    ['2023年度部门预算公开', '2023-02-10'], ['2022年度部门决算公开', '2023-09-05'],
    ['医疗保障基金监管信息公开', '2023-11-20'], ['政府信息公开工作年度报告', '2024-01-31'],
  ];
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
${charsetMeta}
<title>${esc(headline)} - ${esc(site)}</title>
<style>${STYLE}</style>
</head>
<body>
<div class="header"><div class="logo">${esc(site)}</div><div class="slogan">政府信息公开专栏</div></div>
<nav><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/zwgk/czyjs/">财政预决算</a></li><li><a href="/zwgk/jxxx/">绩效信息</a></li><li><a href="/hdjl/">互动交流</a></li></ul></nav>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/jxxx/">绩效信息</a></div>
<div class="container">
<div class="sidebar"><h3>相关链接</h3>
<table class="links"><tr><th>链接</th><th>日期</th></tr>
${links.map(([t, d]) => `<tr><td><a href="/zwgk/${d.replace(/-/g, '')}.html">${esc(t)}</a></td><td>${d}</td></tr>`).join('\n')}
</table></div>
<div class="article">
<h1>${esc(headline)}</h1>
${articleBody(doc, docId)}
</div>
</div>
<footer><p>版权所有：${esc(site)}　主办单位：${esc(site)}</p><p>ICP备案号：ICP备00000000号-1　网站标识码：0000000000</p></footer>
</body>
</html>
`;
}

/** The Word file holds the document itself (an attachment), not the site's chrome. */
const wordSource = (doc: GoldenDocument, docId: string): string =>
  `<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n<title>${esc(DOCS[docId]!.subject)}</title>\n<style>${STYLE}</style>\n</head>\n<body>\n${articleBody(doc, docId)}\n</body>\n</html>\n`;

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  const htmlDir = join(CORPUS, 'html');
  const docxDir = join(CORPUS, 'docx');
  mkdirSync(htmlDir, { recursive: true });
  mkdirSync(docxDir, { recursive: true });
  const tmp = mkdtempSync(join(tmpdir(), 'jixiao-render-'));
  const written: { path: string; gbk?: boolean }[] = [];
  const wordSources: string[] = [];
  for (const file of readdirSync(join(CORPUS, 'golden')).filter((f) => /^\d{3}\.json$/.test(f)).sort()) {
    const docId = basename(file, '.json');
    const cfg = DOCS[docId];
    if (!cfg) throw new Error(`no page settings for golden ${file}: add it to DOCS`);
    const doc = GoldenDocumentSchema.parse(JSON.parse(readFileSync(join(CORPUS, 'golden', file), 'utf8')));
    const name = `${docId}-${cfg.short}`;
    for (const dir of [htmlDir, docxDir]) for (const old of readdirSync(dir)) if (old.startsWith(`${docId}-`)) rmSync(join(dir, old));
    const path = join(htmlDir, `${name}.html`);
    if (cfg.gbk) {
      const html = page(doc, docId, '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">');
      const bytes = iconv.encode(html, 'gbk');
      if (iconv.decode(bytes, 'gbk') !== html) throw new Error(`${name}: text not representable in GBK`);
      writeFileSync(path, bytes);
    } else {
      writeFileSync(path, page(doc, docId, '<meta charset="utf-8">'));
    }
    written.push({ path, gbk: cfg.gbk });
    // LibreOffice converts a UTF-8 copy holding the article only (see wordSource).
    writeFileSync(join(tmp, `${name}.html`), wordSource(doc, docId));
    wordSources.push(join(tmp, `${name}.html`));
  }
  const lo = spawnSync('soffice', [`-env:UserInstallation=file://${join(tmp, 'profile')}`, '--headless',
    '--convert-to', 'docx:MS Word 2007 XML', '--outdir', docxDir, ...wordSources], { encoding: 'utf8' });
  rmSync(tmp, { recursive: true, force: true });
  if (lo.error || lo.status !== 0) throw new Error(`soffice failed: ${lo.error?.message ?? lo.stderr}`);
  written.push(...wordSources.map((s) => ({ path: join(docxDir, `${basename(s, '.html')}.docx`) })));
  for (const f of written) console.log(await describe(f.path, f.gbk));
}

/** One line per file written: size, tables and rows; a .docx must have kept its merged cells. */
async function describe(path: string, gbk?: boolean): Promise<string> {
  const bytes = readFileSync(path);
  const count = (s: string, re: RegExp): number => (s.match(re) ?? []).length;
  const name = path.slice(CORPUS.length + 1);
  if (path.endsWith('.docx')) {
    const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
    const vMerge = count(xml, /<w:vMerge/g);
    if (vMerge === 0) throw new Error(`${name}: no merged cells (vMerge) survived the conversion`);
    return `${name}: ${bytes.length} bytes, ${count(xml, /<w:tbl>/g)} tables, ${count(xml, /<w:tr[ >]/g)} rows, ${vMerge} vMerge`;
  }
  const html = gbk ? iconv.decode(bytes, 'gbk') : bytes.toString('utf8');
  return `${name}: ${bytes.length} bytes${gbk ? ' (GBK)' : ''}, ${count(html, /<table/g)} tables, ${count(html, /<tr[ >]/g)} rows`;
}

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  process.stdout.write('Usage: npx tsx corpus/build/render.ts\nRewrites corpus/html and corpus/docx from corpus/golden (needs soffice and CJK fonts).\n');
} else {
  await main();
}
