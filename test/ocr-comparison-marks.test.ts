import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureOcr, shutdownOcr } from '../parsers/ocr';
import { binarise, otsuThreshold } from '../parsers/ocr/detect-rules';
import { grayFromRgba } from '../parsers/ocr/gray-image';
import type { OcrWord } from '../parsers/ocr/cache';
import { readComparisonMarks } from '../parsers/ocr/comparison-marks';
import { markShape } from '../parsers/ocr/mark-shapes';
import { extractDocument } from '../pipeline/extract';
import type { DocumentResult } from '../schemas/dataset';
import { ROOT } from './helpers';

// An indicator table whose targets print `≥ ≤ < > =` in an operator column (`符号 | 值 | 单位`)
// and before the value, in Noto Serif CJK SC (its `≥` has a slanted bar, its `=` is short and
// thin: PP-OCR reads them `V`, `Λ`, `M` or nothing), printed by WeasyPrint and scanned as the
// grid's portal and heavy families (corpus/build/marks-fixture.ts). Real PP-OCR reads.
const PORTAL = join(ROOT, 'test/fixtures/marks/marks-portal.pdf');
const HEAVY = join(ROOT, 'test/fixtures/marks/marks-heavy.pdf');
// A Sichuan form's rows (`指标性质 | 指标值 | 度量单位`, the first header wrapped `指标性` over `质`) in
// WenQuanYi Zen Hei, scanned as the portal family: PP-OCR reads its `=` as `一`, `一一` or `1`
// and its `≤` as `K`, each alone in the operator column (as wkhtmltopdf prints the layouts).
const ZEN_HEI = join(ROOT, 'test/fixtures/marks/marks-zenhei-portal.pdf');
/** The targets as printed, row by row, the operator-column table first. */
const TARGETS = ['≥1200人次', '=100%', '≤30天', '<500元', '>5%', '≥90%', '≥12台', '≤8.5万元', '=98%'];

beforeAll(() => {
  configureOcr({ engine: 'ppocr', cacheDir: null, workers: 1, progress: false });
});
afterAll(async () => {
  await shutdownOcr();
});

const rowsOf = (result: DocumentResult) => result.reports.flatMap((r) => r.indicators.map((row) => ({ row, findings: r.findings.filter((f) => f.row_index === row.row_index && f.report_id === row.report_id) })));

describe('comparison marks in a scanned table', () => {
  it('are read from their strokes where the reader misreads them, and say so', async () => {
    const result = await extractDocument(readFileSync(PORTAL), 'marks-portal.pdf');
    const rows = rowsOf(result);
    expect(rows.map(({ row }) => row.target_raw)).toEqual(TARGETS);
    // The `≥` of the first row, read `V` by the reader: put right by its shape, with an OCR_CORRECTED note.
    expect(rows[0]!.findings.some((f) => f.code === 'OCR_CORRECTED' && f.field === 'target_raw' && /→ ≥/.test(f.message))).toBe(true);
    // The thin `=` the reader read as nothing is found, not left an unread cell.
    expect(rows[1]!.findings.some((f) => f.code === 'OCR_UNREAD_INK')).toBe(false);
    expect(rows.map(({ row }) => row.target_op)).toEqual(['>=', '=', '<=', '<', '>', '>=', '>=', '<=', '=']);
  }, 120_000);

  it('never come out as a confident wrong mark: a mark too smudged to tell stays flagged', async () => {
    const result = await extractDocument(readFileSync(HEAVY), 'marks-heavy.pdf');
    const rows = rowsOf(result);
    expect(rows).toHaveLength(TARGETS.length);
    const doubted = (findings: (typeof rows)[number]['findings']) => findings.some((f) => f.field === 'target_raw' && f.severity === 'warning');
    rows.forEach(({ row, findings }, i) => {
      if (row.target_raw !== TARGETS[i]) expect(doubted(findings)).toBe(true);
    });
    // The second row's `=` is not read (the blur runs it into the cell's rule remnants): flagged.
    expect(rows[1]!.row.target_raw).not.toBe(TARGETS[1]);
    expect(doubted(rows[1]!.findings)).toBe(true);
  }, 120_000);
});

describe('comparison marks in a Hei face, alone in an operator column', () => {
  it('are read from their strokes where the reader read `一`, `1` or a letter, and joined with their value', async () => {
    const result = await extractDocument(readFileSync(ZEN_HEI), 'marks-zenhei-portal.pdf');
    const rows = rowsOf(result);
    expect(rows.map(({ row }) => row.target_raw)).toEqual(['=100%', '≤30万元', '≥95%', '=100%']);
    expect(rows.map(({ row }) => row.target_op)).toEqual(['=', '<=', '>=', '=']);
    // Each mark put right says so on its row.
    for (const { findings } of rows) expect(findings.some((f) => f.code === 'OCR_CORRECTED' && f.field === 'target_raw' && /→ [=≤≥]/.test(f.message))).toBe(true);
  }, 120_000);

  it('keeps the wrapped operator header as printed, not mended to the value column’s 指标值', async () => {
    const result = await extractDocument(readFileSync(ZEN_HEI), 'marks-zenhei-portal.pdf');
    const findings = result.reports.flatMap((r) => r.findings);
    expect(findings.some((f) => /指标性 → 指标值/.test(f.message))).toBe(false);
  }, 120_000);
});

describe('a mark told from its strokes', () => {
  /** One character drawn in a face at 30 px, binarised: its ink mask and box. */
  function drawn(text: string, family: string) {
    const canvas = createCanvas(60, 50);
    const context = canvas.getContext('2d');
    context.fillStyle = '#fff';
    context.fillRect(0, 0, 60, 50);
    context.fillStyle = '#000';
    context.font = `30px "${family}"`;
    context.fillText(text, 10, 38);
    const image = grayFromRgba(context.getImageData(0, 0, 60, 50).data, 60, 50, 200);
    return markShape(binarise(image, otsuThreshold(image)), 60, { x0: 0, y0: 0, x1: 59, y1: 49 }, 36);
  }
  const installed = (family: string) => GlobalFonts.families.some((f) => f.family === family);
  const serif = installed('Noto Serif CJK SC') ? 'Noto Serif CJK SC' : 'DejaVu Serif';
  // A Hei and a Ming face (the layouts' and the B5 prints' faces): their `二` has bars of like
  // length, as a `=` has, but far apart.
  const faces = [serif, ...['WenQuanYi Zen Hei', 'AR PL UMing CN'].filter(installed)];

  it('names the comparison marks, and no letter a reader takes them for', () => {
    for (const face of faces) {
      expect(['≥', '≤', '>', '<', '='].map((m) => drawn(m, face))).toEqual(['≥', '≤', '>', '<', '=']);
      // A `C` before a number (`C30` concrete) or a bracket opens like `<`: its ends curl, or it is narrow.
      const lookalikes = ['V', 'Λ', 'M', 'v', '7', '二', '一', '1', '丨', '-', '/', 'C', 'c', 'G', '(', ')', 'K', 'k', 'X', 'e', 'L'];
      expect(lookalikes.map((m) => drawn(m, face))).toEqual(lookalikes.map(() => null));
    }
  });
});

describe('a mark the reader left out before a number', () => {
  /** `text` drawn at 30 px in a cell 160 × 50 px, binarised, and the reader's word for the part after `dropped` characters. */
  function cell(text: string, dropped: number, read: string) {
    const [width, height] = [160, 50];
    const canvas = createCanvas(width, height);
    const context = canvas.getContext('2d');
    context.fillStyle = '#fff';
    context.fillRect(0, 0, width, height);
    context.fillStyle = '#000';
    context.font = '30px "DejaVu Sans"';
    context.fillText(text, 10, 38);
    const start = Math.ceil(10 + context.measureText([...text].slice(0, dropped).join('')).width);
    const image = grayFromRgba(context.getImageData(0, 0, width, height).data, width, height, 200);
    const ink = binarise(image, otsuThreshold(image));
    const word: OcrWord = { text: read, confidence: 90, x0: start, x1: width - 10, y0: 14, y1: 40, lineHeight: 30, line: 0, symbols: [] };
    return readComparisonMarks([word], [{ x0: 0, y0: 0, x1: width - 1, y1: height - 1 }], ink, width, 30);
  }

  it('is read from its strokes and put before the number, as a correction', () => {
    const { words, changed } = cell('≥70%', 1, '70%');
    expect(words.map((w) => w.text)).toEqual(['≥70%']);
    expect(changed.map((c) => c.correction)).toEqual(['70% → ≥70%']);
  });

  it('is not made from a digit or a minus sign the reader left out', () => {
    expect(cell('170', 1, '70').words.map((w) => w.text)).toEqual(['70']);
    expect(cell('-70%', 1, '70%').words.map((w) => w.text)).toEqual(['70%']);
  });
});
