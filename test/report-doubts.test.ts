import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportFieldFlags } from '../pipeline/evaluate/unflagged';
import { doubtfulPlace } from '../pipeline/region';
import { CORPUS, edited, extractFile, extractText } from './helpers';

// Report-level fields and reports a read may get wrong while looking sound (issues 10, 11): a place
// that lost or changed a glyph, a piece of a name taken for a project of its own.

const L03 = readFileSync(join(CORPUS, 'layouts', 'L03-hebei-gaocheng-ybj-selfeval-summary.html'), 'utf8');

describe('a place name one glyph short of (or off) a division of the place printed before it', () => {
  it('is doubtful where the enclosing division has such a division, never where the name is its own', () => {
    expect(doubtfulPlace('石家庄市城区医疗保障局')).toEqual({ printed: '石家庄市城区', within: '石家庄市', nearest: ['藁城区', '栾城区'] });
    expect(doubtfulPlace('遂宁市英县财政局')).toMatchObject({ printed: '遂宁市英县', nearest: ['大英县'] });
    expect(doubtfulPlace('石家庄市莱城区医疗保障局')).toMatchObject({ printed: '石家庄市莱城区', nearest: ['藁城区', '栾城区'] });
    // A long name a field starts with, a glyph lost or changed (heldout8's scans of seed 004): no division starts it as printed.
    expect(doubtfulPlace('南布依族苗族自治州医疗保障局')).toEqual({ printed: '南布依族苗族自治州', within: '贵州省', nearest: ['黔南布依族苗族自治州'] });
    expect(doubtfulPlace('黔南布依族苗放自治州医疗保障局')).toMatchObject({ printed: '黔南布依族苗放自治州', nearest: ['黔南布依族苗族自治州'] });
    expect(doubtfulPlace('黔南布依族苗族自治州医疗保障局')).toBeNull();
    expect(doubtfulPlace('大厂回族自治县财政局')).toBeNull();
    // A short form (广西) at the start of its own long name read a glyph off (heldout17's fax scan of seed 002): the name
    // is the long one, misread, not the short form the read found in it.
    expect(doubtfulPlace('广西壮族白治区医疗保障局')).toEqual({ printed: '广西壮族白治区', within: '广西壮族自治区', nearest: ['广西壮族自治区'] });
    expect(doubtfulPlace('广西壮族自治区医疗保障局')).toBeNull();
    expect(doubtfulPlace('广西医疗保障局')).toBeNull();
    // Printed whole, a district of its own city, or a zone that is no division: nothing to doubt.
    for (const sound of ['石家庄市藁城区医疗保障局', '阳泉市城区医疗保障局', '济南市市中区', '成都市高新区', '石家庄市医疗保障局', '贵州省黔南州医疗保障局']) {
      expect(doubtfulPlace(sound)).toBeNull();
    }
  });

  it('is flagged on every field that prints it, and the county is left unresolved, not taken for another place', async () => {
    // Hebei's summary form with 藁城区 read without its 藁 (a character outside GB2312), as OCR reads the scan.
    const r = await extractText(edited(L03, [[/藁城区/g, '城区']]), 'summary-lost-glyph.html');
    expect(r.reports).toHaveLength(5);
    for (const x of r.reports) {
      expect(x.report).toMatchObject({ region_name: '石家庄市城区', province: '河北省', prefecture: '石家庄市', county: null, admin_code: null });
      const doubts = x.findings.filter((f) => f.code === 'PLACE_NAME_DOUBTFUL');
      expect(doubts.map((f) => f.field).sort()).toEqual(['department', 'implementing_unit', 'region_name']);
      expect(doubts.every((f) => f.severity === 'warning' && f.origin === 'extraction' && f.message.includes('藁城区'))).toBe(true);
      // The columns resolved from the region are flagged by its finding: none passes as sound.
      for (const field of ['department', 'implementing_unit', 'region_name', 'county', 'admin_code']) expect(reportFieldFlags(x, field)).toContain('PLACE_NAME_DOUBTFUL');
    }
    const sound = await extractText(L03, 'summary.html');
    expect(sound.reports.flatMap((x) => x.findings.map((f) => f.code))).not.toContain('PLACE_NAME_DOUBTFUL');
  });
});

describe('a row of a project list that prints only a piece of a name', () => {
  it('continues the project above, whose other cells are merged over it: no report of its own', async () => {
    // Project 3's name printed over two rows, every other cell one merged cell over both (as a
    // scan read sees a rule through the name's cell).
    const row3 = '<tr><td>3</td><td>医疗服务与保障能力提升补助资金</td><td>石家庄市藁城区医疗保障事务中心</td><td>96.00</td><td></td><td></td><td></td><td>88.50</td><td>7.50</td><td>7.50</td><td>92</td><td>调整完善绩效目标</td></tr>';
    const split = `${row3.replace('医疗服务与保障能力提升补助资金', '医疗服务与保障能力').replace(/<td>(?!医疗服务)/g, '<td rowspan="2">')}<tr><td>提升补助资金</td></tr>`;
    const r = await extractText(edited(L03, [[row3, split]]), 'summary-split-name.html');
    expect(r.reports.map((x) => x.report.project_name)).toEqual(['城乡医疗救助补助资金', '城乡居民基本医疗保险补助资金', '医疗服务与保障能力提升补助资金', '医保经办服务经费', '医保基金监管专项经费']);
    const third = r.reports[2]!;
    expect(third.report).toMatchObject({ budget_annual: '96', budget_executed: '88.5', total_printed: '92' });
    expect(third.findings.find((f) => f.code === 'PROJECT_NAME_JOINED')).toMatchObject({ field: 'project_name', origin: 'extraction' });
  });
});

describe('the text a portal prints around a form', () => {
  it('takes no year from its list of dated links to other documents (`2022年度部门决算公开 2023-09-05`)', async () => {
    // Chromium's print of the Jinfeng report's page: its sidebar lists the site's other articles.
    const r = await extractFile(join(CORPUS, 'producers', 'chromium', '003-jinfeng-evaluation-report.pdf'));
    expect(r.reports[0]!.report).toMatchObject({ year: 2023, department: '金凤区医疗保障局' });
  });
});

describe('the issuing unit printed under its seal', () => {
  it('is read where the colon after 单位(盖章) is not printed (or not read), so the region stays the place it names', async () => {
    const html = readFileSync(join(CORPUS, 'html', '004-qiannan-project-tables.html'), 'utf8');
    // As gs-outlines-libreoffice-landscape-uming's outline re-read gives it on some pages: the colon lost.
    const r = await extractText(edited(html, [[/单位\(盖章\): /g, '单位（盖章）']]), 'issuer-no-colon.html');
    expect(r.reports.length).toBeGreaterThan(1);
    for (const x of r.reports) expect(x.report).toMatchObject({ region_name: '黔南州', prefecture: '黔南布依族苗族自治州' });
  });
});

describe('a budget total row printed under no header the read kept', () => {
  it('leaves every budget field empty, each with a warning, where the header stayed on the page before', async () => {
    // WeasyPrint breaks seed 002's form between the budget header (foot of page 1, lost) and its 年度资金总额 row.
    const broken = await extractFile(join(CORPUS, 'producers', 'weasyprint', '002-guangxi-transfer-region.pdf'));
    const x = broken.reports[0]!;
    const fields = ['budget_unit', 'budget_initial', 'budget_annual', 'budget_executed', 'execution_weight', 'execution_rate_printed', 'execution_score'] as const;
    for (const field of fields) {
      expect(x.report[field]).toBeNull();
      expect(reportFieldFlags(x, field)).toContain('BUDGET_UNREAD');
    }
    // wkhtmltopdf keeps the header with its row: the block is read, and nothing is said.
    const whole = await extractFile(join(CORPUS, 'producers', 'wkhtmltopdf', '002-guangxi-transfer-region.pdf'));
    expect(whole.reports[0]!.report.budget_annual).toBe('278346');
    expect(whole.reports[0]!.findings.map((f) => f.code)).not.toContain('BUDGET_UNREAD');
  });
});

describe("a form's key lines read with other forms of the document but not with this one", () => {
  it('leave its year and filled date empty, each with a warning, and say nothing where every form has them', async () => {
    const html = readFileSync(join(CORPUS, 'html', '004-qiannan-project-tables.html'), 'utf8');
    // As heldout8's scan of wkhtmltopdf's print loses them: the 州本级 forms' lines, printed on most
    // pages, are taken for running heads. Here the fourth form's year, issuer and date lines are gone.
    const lost = '<p>(2,023年度)</p>\n<p>单位(盖章):黔南州医疗保障局</p>\n<p>填报日期:2024/02/05</p>';
    const r = await extractText(edited(html, [[lost, '']]), 'key-lines-lost.html');
    expect(r.reports).toHaveLength(16);
    const x = r.reports[3]!;
    // The region is the department's then, which names the place in full.
    expect(x.report).toMatchObject({ project_name: '特殊困难群体参加城乡居民基本医疗保险资助', year: null, filled_date: null, region_name: '黔南布依族苗族自治州' });
    for (const field of ['year', 'filled_date', 'region_name']) {
      expect(reportFieldFlags(x, field)).toContain('KEY_LINE_UNREAD');
      expect(x.findings.find((f) => f.code === 'KEY_LINE_UNREAD' && f.field === field)).toMatchObject({ severity: 'warning', origin: 'extraction', printed: null });
    }
    // The other forms read theirs: nothing to say, and nothing carried onto the fourth.
    for (const other of r.reports.filter((o) => o !== x)) expect(other.findings.map((f) => f.code)).not.toContain('KEY_LINE_UNREAD');
    const whole = await extractText(html, '004.html');
    expect(whole.reports.flatMap((o) => o.findings.map((f) => f.code))).not.toContain('KEY_LINE_UNREAD');
  });
});

describe('a form key value cell that runs on into the next key', () => {
  it('ends where the next key is printed, which takes the rest (主管部门 read over 实施单位, the rule between them lost)', async () => {
    const html = readFileSync(join(CORPUS, 'html', '004-qiannan-project-tables.html'), 'utf8');
    const joined = edited(html, [
      [/<td colspan="3">(\[187\][^<]+)<\/td><td>实施单位<\/td><td colspan="3">([^<]+)<\/td>/g, '<td colspan="7">$1实施单位$2</td>'],
    ]);
    const r = await extractText(joined, 'key-run-on.html');
    expect(r.reports).toHaveLength(16);
    for (const x of r.reports) expect(x.report.department).toBe('黔南布依族苗族自治州医疗保障局');
    expect(r.reports.map((x) => x.report.implementing_unit)).toContain('都匀市医疗保障局');
    expect(r.reports.filter((x) => x.report.implementing_unit === '黔南布依族苗族自治州医疗保障局')).toHaveLength(15);
  });
});
