import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportFieldFlags } from '../pipeline/evaluate/unflagged';
import { overprint, partlyTwice } from '../pipeline/reports/overprint';
import { extractDocument } from '../pipeline/extract';
import { CORPUS, corpusFile, extractFile } from './helpers';

// A bold title drawn twice over itself (wkhtmltopdf without a bold face; MuPDF's re-write of
// LibreOffice's): the text layer keeps both passes, and the project name, department and year a
// report takes from its title came out doubled or not at all, without a finding (issue 11).

const producer = (folder: string, file: string) => join(CORPUS, 'producers', folder, file);

describe('a line printed twice over itself', () => {
  it('is read once where its two passes split one way, whole or in pieces, a year printed once between them', () => {
    expect(overprint('城乡居民基本医疗保险补助资金绩效自评城乡居民基本医疗保险补助资金绩效自评')).toEqual({ once: '城乡居民基本医疗保险补助资金绩效自评' });
    expect(overprint('城乡居城乡居民民基基本医疗保本医疗保险险补助资金绩效自评补助资金绩效自评')).toEqual({ once: '城乡居民基本医疗保险补助资金绩效自评' });
    expect(overprint('金凤区医疗保障局金凤区医疗保障局 2023 年城乡居民医疗年城乡居民医疗救助补助资金绩效评价报告救助补助资金绩效评价报告')).toEqual({
      once: '金凤区医疗保障局 2023 年城乡居民医疗救助补助资金绩效评价报告',
    });
  });

  it('gives its readings where the passes split more than one way (a digit lost in one), and nothing for a title printed once', () => {
    const twice = overprint('金凤区医金凤区医疗保障局疗保障局2232023年城乡年城乡居居民医民医疗疗救助补助资金绩效评救助补助资金绩效评价报告价报告');
    expect(twice).not.toBeNull();
    expect(twice && 'readings' in twice && twice.readings.length).toBe(2);
    // A title that repeats words is printed once: one of its ideographs stands alone.
    expect(overprint('医疗救助补助资金（城乡医疗救助补助资金部分）绩效自评表')).toBeNull();
    expect(overprint('补助资金补助资金')).toBeNull();
    // Every ideograph twice, but in no order two like passes give: no double print either.
    expect(overprint('医疗救助资金补助保障障保助补金资助救疗医')).toBeNull();
  });
});

describe('a report whose title is printed twice over itself', () => {
  it('takes its project name, department and year from the title read once, with an info finding', async () => {
    const r = await extractFile(producer('wkhtmltopdf', '003-jinfeng-evaluation-report.pdf'));
    expect(r.reports[0]!.report).toMatchObject({ title: '金凤区医疗保障局 2023 年城乡居民医疗救助补助资金绩效评价报告', project_name: '城乡居民医疗救助补助资金', department: '金凤区医疗保障局', year: 2023 });
    expect(r.reports[0]!.findings.filter((f) => f.code === 'TITLE_OVERPRINTED').map((f) => [f.field, f.severity])).toEqual([['title', 'info']]);
    const single = await extractFile(producer('weasyprint', '003-jinfeng-evaluation-report.pdf'));
    expect(single.reports[0]!.report.project_name).toBe('城乡居民医疗救助补助资金');
    expect(single.reports.flatMap((x) => x.findings.map((f) => f.code))).not.toContain('TITLE_OVERPRINTED');
  });

  it('leaves what the title prints unread, each field with a warning, where its passes cannot be told apart', async () => {
    // The title as a re-write's two passes left it, one of them missing a digit (MuPDF's re-write of the Kai
    // export printed this before its duplicate glyphs were dropped), set into the seed's own page.
    const page = readFileSync(corpusFile('html', '003'), 'utf8').replace('金凤区医疗保障局 2023 年城乡居民医疗 救助补助资金绩效评价报告', '金凤区医金凤区医疗保障局疗保障局2232023年城乡年城乡居居民医民医疗疗救助补助资金绩效评救助补助资金绩效评价报告价报告');
    const r = await extractDocument(Buffer.from(page), 'overprinted-title.html');
    const x = r.reports[0]!;
    // The year is printed again in the report's text, and read from there; what only the title names is left empty.
    expect(x.report).toMatchObject({ project_name: null, department: null, year: 2023 });
    for (const field of ['title', 'project_name', 'department']) expect(reportFieldFlags(x, field)).toContain('TITLE_OVERPRINTED');
    expect(reportFieldFlags(x, 'year')).not.toContain('TITLE_OVERPRINTED');
  });
});

describe('a title line with only a piece of it printed twice', () => {
  it('reads as a title with the later copy of that piece dropped, and a line printed once gives nothing to drop', () => {
    expect(partlyTwice('金凤区医疗保障局2232023年城乡居民医疗救助补助资金绩效评年城乡价报告')).toContain('金凤区医疗保障局2232023年城乡居民医疗救助补助资金绩效评价报告');
    expect(partlyTwice('城乡居民基本医疗保险补助资金绩效自评表')).toEqual([]);
  });

  it('is the title, kept as read, and the names and year it prints are left unread, each with a warning', async () => {
    // MuPDF's re-write of LibreOffice's Kai export draws the bold title's second pass over `2023年城乡` only.
    const r = await extractFile(producer('mutool-libreoffice-doc-ukai', '003-jinfeng-evaluation-report.pdf'));
    const x = r.reports[0]!;
    expect(x.report).toMatchObject({ title: '金凤区医疗保障局2232023年城乡居民医疗救助补助资金绩效评年城乡价报告', project_name: null, department: null, year: null });
    for (const field of ['title', 'project_name', 'department', 'year']) expect(reportFieldFlags(x, field)).toContain('TITLE_OVERPRINTED');
  });
});
