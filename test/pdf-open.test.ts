import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { extractDocument } from '../pipeline/extract';
import { createExtractPool } from '../pipeline/extract-pool';
import { compiledEntry } from '../pipeline/extract-worker-bundle.mjs';
import { DocumentLimitsSchema } from '../schemas/limits';
import type { PdfDocument } from '../parsers/pdf/open';
import { corpusFile } from './helpers';

const ROOT = resolve(import.meta.dirname, '..');

describe('loading pdf.js', () => {
  it("leaves the engine's own Array.prototype.push and JSON.parse in place once a PDF has been read, and inflates without DecompressionStream", async () => {
    const push = Array.prototype.push;
    const parse = JSON.parse;
    // Imported here, after the natives were noted: the module loads pdf.js on first use.
    const { withPdf } = await import('../parsers/pdf/open');
    const text = await withPdf(new Uint8Array(readFileSync(corpusFile('pdf', '001'))), '001', async (doc) => {
      const page = await doc.getPage(1);
      await page.getOperatorList();
      return (await page.getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join('');
    });
    expect(text).toContain('绩效');
    expect(Array.prototype.push).toBe(push);
    expect(JSON.parse).toBe(parse);
    // pdf.js inflated the page with its own decoder, not through zlib's web streams (slower for small streams).
    expect('DecompressionStream' in globalThis).toBe(false);
  });
});

describe("the port between pdf.js's two halves", () => {
  /** Every page's operator list and text content, plain (a glyph's class is not part of what is read). */
  const readAll = async (doc: PdfDocument) => {
    const pages: unknown[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const { fnArray, argsArray } = await page.getOperatorList();
      pages.push({ fnArray, argsArray, text: await page.getTextContent() });
    }
    // Font names carry the document's number (`g_d3_f1`): the two readings are two documents.
    const json = JSON.stringify(pages, (_key, value: unknown) => (ArrayBuffer.isView(value) ? Array.from(value as Float32Array) : value));
    return JSON.parse(json.replace(/"g_d\d+_/g, '"g_d_')) as unknown;
  };

  it("hands operator lists and text over uncopied and reads every page as pdf.js's own copying port does", async () => {
    const { loadPdfJs, withPdf } = await import('../parsers/pdf/open');
    const { getDocument } = await loadPdfJs();
    // pdf.js's own fake worker, with its port that clones every message.
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker ??= createRequire(import.meta.url)('pdfjs-dist/legacy/build/pdf.worker.mjs') as unknown;
    // Rules, a rotated page, several pages of text in more than one chunk, a form XObject's text.
    for (const file of [corpusFile('pdf', '001'), join(ROOT, 'test/fixtures/pdf/002-rotated.pdf'), join(ROOT, 'test/fixtures/pdf/budget-jszwfw-03.pdf')]) {
      const bytes = readFileSync(file);
      const ours = await withPdf(new Uint8Array(bytes), file, readAll);
      const task = getDocument({ data: new Uint8Array(bytes), cMapUrl: join(ROOT, 'node_modules/pdfjs-dist/cmaps/'), cMapPacked: true, verbosity: 0, isEvalSupported: false, useSystemFonts: false });
      try {
        const theirs = await readAll(await task.promise);
        expect((ours as Array<{ fnArray: number[] }>)[0]!.fnArray.length).toBeGreaterThan(10);
        expect(ours).toEqual(theirs);
      } finally {
        await task.destroy();
      }
    }
  }, 60_000);
});

describe('glyph outlines', () => {
  const bytes = () => new Uint8Array(readFileSync(corpusFile('pdf', '001')));

  it('are not built while a page is read for its text and rules, and a rendered page still draws its text', async () => {
    const { withPdf } = await import('../parsers/pdf/open');
    const { readPageContent } = await import('../parsers/pdf/page-content');
    const { renderPdfPage } = await import('../parsers/pdf/render-page');
    await withPdf(bytes(), '001', async (doc) => {
      const page = await doc.getPage(1);
      const content = await readPageContent(page);
      const ids = [...page.commonObjs].map(([id]) => String(id));
      // The page's embedded fonts were loaded, their glyphs' outlines were not.
      expect(ids.length).toBeGreaterThan(0);
      expect(ids.filter((id) => id.includes('_path_'))).toEqual([]);
      const image = await renderPdfPage(page, 72);
      // Every text run of the page has ink under it in the rendered image.
      const inked = content.runs.filter((r) => {
        for (let y = Math.floor(r.y0); y < Math.ceil(r.y1); y++) for (let x = Math.floor(r.x0); x < Math.ceil(r.x1); x++) if (image.data[y * image.width + x]! < 128) return true;
        return false;
      });
      expect(content.runs.length).toBeGreaterThan(10);
      expect(inked.length).toBe(content.runs.length);
      expect([...page.commonObjs].filter(([id]) => String(id).includes('_path_'))).toEqual([]);
    });
  });

  it('are drawn only for a page of the document being read', async () => {
    const { withPdf } = await import('../parsers/pdf/open');
    const { renderPdfPage } = await import('../parsers/pdf/render-page');
    const page = await withPdf(bytes(), '001', async (doc) => doc.getPage(1));
    await expect(renderPdfPage(page, 72)).rejects.toThrow(/only a page of the document withPdf is reading/);
  });
});

describe('what a worker loads', () => {
  /**
   * Extracts `files` one after another in a fresh process (this one has loaded everything the
   * other tests needed) and lists the packages loaded once each is read.
   */
  const packagesAfter = (files: string[]): string[][] => {
    const script = `
      import { readFileSync } from 'node:fs';
      import { createRequire } from 'node:module';
      const { extractDocument } = await import('./pipeline/extract.ts');
      const loaded = () => [...new Set(Object.keys(createRequire(import.meta.url).cache).map((k) => /node_modules\\/((@[^/]+\\/)?[^/]+)/.exec(k)?.[1]).filter(Boolean))];
      const steps = [];
      for (const file of ${JSON.stringify(files)}) {
        const result = await extractDocument(readFileSync(file), file, {});
        steps.push({ reports: result.reports.length, packages: loaded() });
      }
      process.stdout.write(JSON.stringify(steps));`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 60_000, env: { ...process.env, JIXIAO_OCR_CACHE: 'off' } });
    expect(run.stderr).toBe('');
    const steps = JSON.parse(run.stdout) as Array<{ reports: number; packages: string[] }>;
    for (const step of steps) expect(step.reports).toBeGreaterThan(0);
    return steps.map((s) => s.packages);
  };

  it("reads a text PDF without loading the OCR stack or the other formats' readers, and loads a format's reader with its first document", () => {
    const [afterPdf, afterDocx] = packagesAfter([corpusFile('pdf', '001'), corpusFile('docx', '001')]);
    expect(afterPdf).toContain('pdfjs-dist');
    for (const unneeded of ['mammoth', 'tesseract.js', 'onnxruntime-node', '@e965/xlsx', 'cheerio']) expect(afterPdf).not.toContain(unneeded);
    expect(afterDocx).toContain('mammoth');
  }, 60_000);
});

describe('the compiled worker', () => {
  const pool = createExtractPool(DocumentLimitsSchema.parse({}), 1);
  afterAll(() => pool.close());

  it('is built once for the same code, with the batch\'s, under node_modules/.cache, outside the sources', async () => {
    const [first, again] = [await compiledEntry('extract-worker'), await compiledEntry('extract-worker')];
    expect(first?.href).toMatch(/\/node_modules\/\.cache\/jixiao-worker\/[0-9a-f]{16}\/extract-worker\.mjs$/);
    expect(again?.href).toBe(first?.href);
    // The batch's own code is compiled with it: bin/jixiao.mjs runs it without the TypeScript loader.
    expect((await compiledEntry('cli'))?.href).toBe(first?.href.replace(/extract-worker\.mjs$/, 'cli.mjs'));
  }, 60_000);

  it('reads a text PDF and an image by OCR in a worker process as this process reads them (files beside the sources, such as the OCR model thread, are found)', async () => {
    const files = [corpusFile('pdf', '001'), join(ROOT, 'corpus/image/images/jinfeng-table-2.png')];
    for (const file of files) {
      const bytes = new Uint8Array(readFileSync(file));
      const inWorker = await pool.extract(bytes, file, {});
      expect(inWorker.document.status).not.toBe('failed');
      expect(inWorker).toEqual(await extractDocument(bytes, file, {}));
    }
  }, 120_000);
});
