import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureOcr, shutdownOcr } from '../parsers/ocr';
import { withPdf } from '../parsers/pdf/open';
import { textView } from '../parsers/pdf/page-content';
import { outlinedGlyphs, ShapeBook } from '../parsers/pdf/outlined-glyphs';
import { placeGlyphs } from '../parsers/pdf/placed-glyphs';
import { extractDocument } from '../pipeline/extract';
import { extractionFlags } from '../pipeline/evaluate/unflagged';
import { ROOT } from './helpers';

// Writer exports sent through `pdftops -level2` + `ps2pdf`, `gs -dNoOutputFonts` or `mutool convert` (test/fixtures/pdf-roundtrip/README.md):
// no font has a Unicode map, and the glyphs coded as whitespace are missing from pdf.js's text layer.
const fixture = (name: string) => join(ROOT, 'test/fixtures/pdf-roundtrip', `${name}.pdf`);

/** The one report a fixture gives, checked against what the form prints (PRINTED_REPORT, PRINTED_ROWS below). */
async function readsAsPrinted(name: string) {
  const path = fixture(name);
  const [report, ...others] = (await extractDocument(readFileSync(path), path)).reports;
  expect(others).toEqual([]);
  expect(report!.report).toMatchObject(PRINTED_REPORT);
  expect(report!.indicators.map((i) => [i.level1, i.level2, i.level3, i.target_raw, i.actual_raw, i.weight, i.score])).toEqual(PRINTED_ROWS);
  return report!;
}

beforeAll(() => {
  configureOcr({ cacheDir: null, engine: 'ppocr', progress: false });
});
afterAll(async () => {
  await shutdownOcr();
});

/** What the form prints (roundtrip-form.html), read without doubt. */
const PRINTED_REPORT = {
  title: '项目支出绩效评价2023年度自评表',
  project_name: '城乡居民医疗救助补助资金',
  year: 2023,
  budget_initial: '2783.46',
  budget_annual: '2783.46',
  budget_executed: '2504.9',
  execution_rate_printed: '89.99%',
  extraction_confidence: 'high',
};
const PRINTED_ROWS = [
  ['产出指标', '数量指标', '救助人次', '≥2023人次', '2046人次', '20', '20'],
  ['产出指标', '质量指标', '救助比例', '≥70%', '72%', '20', '20'],
  ['产出指标', '时效指标', '完成时间', '2023年12月底', '2023年12月', '10', '10'],
  ['效益指标', '社会效益指标', '困难群众负担减轻', '减轻', '减轻', '30', '30'],
  ['满意度指标', '服务对象满意度指标', '救助对象满意度', '≥90%', '92%', '10', '9.5'],
];

describe('a print-to-PDF round trip that leaves no Unicode map', () => {
  it('draws glyphs the text layer leaves out: codes that decode to whitespace and leave ink', async () => {
    const path = fixture('roundtrip-form');
    const blank = await withPdf(readFileSync(path), path, async (doc) => {
      const page = await doc.getPage(1);
      const items = (await page.getTextContent()).items;
      const fonts = new Set(items.flatMap((i) => ('fontName' in i ? [i.fontName] : [])));
      const glyphs = await placeGlyphs(page, textView(page, items).view, fonts);
      return glyphs.filter((g) => g.unicode !== '' && g.unicode.trim() === '' && g.x1 > g.x0);
    });
    expect(blank.length).toBeGreaterThan(0);
  });

  it('reads the form as printed: every glyph one character, the numbers right, the read not doubted', async () => {
    await readsAsPrinted('roundtrip-form');
  });

  it('doubts the cell of a glyph the page draws but the reader cannot see, and fills it only from the same glyph elsewhere', async () => {
    const path = fixture('roundtrip-unprinted');
    const [report] = (await extractDocument(readFileSync(path), path)).reports;
    const row = report!.indicators.findIndex((i) => i.level3 === '救助人次');
    // The white `4` of 2046人次: no read in its box; the document's other `4`s say what it is.
    expect(report!.indicators[row]!.actual_raw).toBe('2046人次');
    const flags = report!.findings.filter((f) => f.row_index === row && f.origin === 'extraction').map((f) => [f.code, f.field]);
    expect(flags).toContainEqual(['OCR_LOW_CONFIDENCE', 'actual_raw']);
    // Only that cell: the rows whose glyphs were all read are not doubted.
    expect(report!.findings.filter((f) => f.code === 'OCR_LOW_CONFIDENCE').map((f) => f.row_index)).toEqual([row]);
  });
});

// The same Writer exports through Ghostscript's `-dNoOutputFonts` ("text to curves"): no font, no
// text layer, every glyph a filled outline (test/fixtures/pdf-roundtrip/README.md).
describe('text drawn as outlines, without a font', () => {
  it('has no text layer; its glyph-sized fills are glyphs, one outline one code wherever it is drawn', async () => {
    const path = fixture('roundtrip-form-gs-outlines');
    const { items, glyphs } = await withPdf(readFileSync(path), path, async (doc) => {
      const page = await doc.getPage(1);
      const items = (await page.getTextContent()).items;
      return { items, glyphs: await outlinedGlyphs(page, textView(page, items).view, new ShapeBook()) };
    });
    expect(items).toEqual([]);
    // `2783.46` is printed twice in the budget row: its glyphs are the same outlines at both places.
    const budget = glyphs.filter((g) => g.y0 > 90 && g.y1 < 110 && g.x0 > 210 && g.x1 < 345).sort((a, b) => a.x0 - b.x0);
    const left = budget.filter((g) => g.x1 < 260).map((g) => g.code);
    const right = budget.filter((g) => g.x0 > 295).map((g) => g.code);
    expect(left.length).toBeGreaterThanOrEqual(6);
    expect(right).toEqual(left);
  });

  it('reads the form from its outlines: every row and number as printed, the read not doubted', async () => {
    const report = await readsAsPrinted('roundtrip-form-gs-outlines');
    expect(report.findings.filter((f) => f.code === 'OCR_LOW_CONFIDENCE')).toEqual([]);
  });

  it('doubts the cell of an outline the page fills white, and fills it only from the same outline elsewhere', async () => {
    const path = fixture('roundtrip-unprinted-gs-outlines');
    const [report] = (await extractDocument(readFileSync(path), path)).reports;
    const row = report!.indicators.findIndex((i) => i.level3 === '救助人次');
    // The white `4` of 2046人次 leaves no ink: the other `4`s of the page (same outline) say what it is.
    expect(report!.indicators[row]!.actual_raw).toBe('2046人次');
    expect(report!.findings.filter((f) => f.code === 'OCR_LOW_CONFIDENCE').map((f) => [f.row_index, f.field])).toEqual([[row, 'actual_raw']]);
  });
});

describe('a Kai-face export re-written by MuPDF (fonts whose Unicode map reads their codes as WinAnsi)', () => {
  it('reads an enumeration comma the reader takes for the radical 丶 as 、, and doubts its cell', async () => {
    const path = fixture('roundtrip-form-ukai-mutool');
    const [report, ...others] = (await extractDocument(readFileSync(path), path)).reports;
    expect(others).toEqual([]);
    const cells = report!.indicators.flatMap((i, row) => [
      [row, 'target_raw', i.target_raw],
      [row, 'actual_raw', i.actual_raw],
    ]);
    const listed = cells.filter(([, , text]) => String(text).includes('、') || String(text).includes('丶'));
    expect(listed.map(([, , text]) => text)).toEqual(['按时、足额', '按时、足额', '减轻、改善', '减轻、改善、好转']);
    // Each cell holding a comma so read says it is doubtful, whether the reader gave 丶 or 、 this time.
    const doubted = report!.findings.filter((f) => f.code === 'OCR_LOW_CONFIDENCE').map((f) => `${f.row_index}:${f.field}`);
    for (const [row, field] of listed) expect(doubted).toContain(`${row}:${field}`);
  });
});

// The form with text cells printing colons in both forms and an ASCII comma a space always follows
// (roundtrip-fixtures.ts MARKS), set in faces whose ASCII is half an em: the reader cannot tell
// `:` from `：` or `,` from `，`; the print's geometry can, or the cell says it cannot.
describe('marks that have an ASCII and a full-width form, re-read from their glyphs', () => {
  const marked = async (name: string) => {
    const path = fixture(name);
    const [report] = (await extractDocument(readFileSync(path), path)).reports;
    const row = (level3: string) => report!.indicators.findIndex((i) => i.level3 === level3);
    const doubted = (r: number, field: string) => report!.findings.some((f) => f.code === 'OCR_LOW_CONFIDENCE' && f.row_index === r && f.field === field);
    const text = (r: number, field: 'target_raw' | 'actual_raw') => (report!.indicators[r]![field] ?? '').replace(/\s/g, '');
    return { row, doubted, text };
  };

  it('takes each mark’s form from its glyph’s advance in its font: half an em ASCII, an em full width', async () => {
    const { row, text } = await marked('roundtrip-marks-ukai-mutool');
    const [time, burden] = [row('完成时间'), row('困难群众负担减轻')];
    expect([text(time, 'target_raw'), text(time, 'actual_raw')]).toEqual(['满分:12月底', '满分：12月底']);
    expect([text(burden, 'target_raw'), text(burden, 'actual_raw')]).toEqual(['减轻,改善', '合格:减轻']);
  });

  it('takes an outlined mark’s form from the room its shape has where no space follows it', async () => {
    const { row, text, doubted } = await marked('roundtrip-marks-uming-gs-outlines');
    const [time, burden] = [row('完成时间'), row('困难群众负担减轻')];
    expect([text(time, 'target_raw'), text(time, 'actual_raw')]).toEqual(['满分:12月底', '满分：12月底']);
    // `合格: 减轻`: its colon and the space after it take an em, but the same shape has half of one in `满分:`.
    expect(text(burden, 'actual_raw')).toBe('合格:减轻');
    expect(doubted(time, 'target_raw')).toBe(false);
  });

  it('doubts an outlined mark whose form nothing decides: an ASCII comma always followed by a space takes an em, as `，` does', async () => {
    const { row, doubted } = await marked('roundtrip-marks-uming-gs-outlines');
    expect(doubted(row('困难群众负担减轻'), 'target_raw')).toBe(true);
  });
});

describe('text a re-writer draws twice at one place', () => {
  it('reads a bold title MuPDF draws filled, then stroked, once', async () => {
    const path = fixture('roundtrip-marks-ukai-mutool');
    const [report, ...others] = (await extractDocument(readFileSync(path), path)).reports;
    expect(others).toEqual([]);
    expect(report!.report.title).toBe(PRINTED_REPORT.title);
  });
});

describe('a glyph re-read as a letter of a script the forms never print', () => {
  it('doubts its cell: a Zen Hei `≤` read as the Cyrillic `И` is a misread, not the document', async () => {
    // wkhtmltopdf's print of a Sichuan form re-written by MuPDF (test/fixtures/pdf/README.md): no font keeps a Unicode map.
    const path = join(ROOT, 'test/fixtures/pdf', 'mutool-wkhtmltopdf-foreign-letter.pdf');
    const r = await extractDocument(readFileSync(path), path);
    const rows = r.reports.flatMap((report) => report.indicators.map((row) => ({ report, row })));
    const cost = rows.find(({ row }) => row.level3 === '成本控制数');
    expect(cost).toBeDefined();
    const { report, row } = cost!;
    // Read right, or doubted: a wrong mark never passes as the document's.
    if (row.target_raw !== '≤30万元') expect(report.report.extraction_confidence === 'low' || extractionFlags(report, row.row_index).length > 0).toBe(true);
    expect(rows.some(({ row: x }) => /\p{Script=Cyrillic}/u.test(x.target_raw ?? ''))).toBe(true);
  });
});

describe('Type 3 glyphs whose font box pdf.js takes for their height', () => {
  it('reads a comma on its line where cairo re-wrote a browser print into fonts of a few glyphs each', async () => {
    // Chromium's print of seed 000 through `pdftocairo -pdf` (test/fixtures/pdf/README.md): the `，` after 要求
    // came out a third as tall as its line, its box apart from it, and was read at the line's end (开，展).
    const path = join(ROOT, 'test/fixtures/pdf', 'pdftocairo-chromium-type3-marks.pdf');
    const rows = (await extractDocument(readFileSync(path), path)).reports.flatMap((report) => report.indicators);
    const row = rows.find((x) => x.level3 === '执行预算绩效管理和资金管理办法');
    expect(row?.actual_raw).toBe('按照国家和自治区要求，每年按时开展预算绩效管理，自治区制定了管理办法');
  });
});
