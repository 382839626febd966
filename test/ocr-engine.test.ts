import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageParser } from '../parsers/image';
import { configureOcr, decodeImage, ocrConfig, ocrPageImage, ppocrStats, readerStats, shutdownOcr, useOcrEngine, type OcrConfig } from '../parsers/ocr';
import { turnImage } from '../parsers/ocr/orientation';
import { fuseRecogniser } from '../parsers/ocr/ppocr/fuse-graph';
import { modelFile, releaseModels, stallLimit } from '../parsers/ocr/ppocr/models';
import { recogniseLine } from '../parsers/ocr/ppocr/recognise-line';
import type { Block } from '../schemas/document';
import { ROOT } from './helpers';
import { cellTexts, expectProcessScoreTable, firstTable } from './ocr-picture';

// Real PP-OCRv4 reads (ONNX models from node_modules, onnxruntime-node on the CPU; nothing is
// mocked) of seed 003's 过程管理 score table as published in corpus/image (1080 × 486 px), and
// the engine chosen through the parser's context.
const PICTURE = join(ROOT, 'corpus/image/images/jinfeng-table-2.png');
const bytes = readFileSync(PICTURE);
const settings = (over: Partial<OcrConfig>): OcrConfig => ({ ...ocrConfig(), cacheDir: null, workers: 1, progress: false, ...over });

beforeAll(() => {
  configureOcr({ cacheDir: null, workers: 1 });
});
afterAll(async () => {
  await shutdownOcr();
});

const table = firstTable;
const texts = cellTexts;

describe('the PP-OCR engine on a table picture', () => {
  let blocks: Block[];
  let runs = 0;
  let tesseractReads = 0;

  beforeAll(async () => {
    runs = ppocrStats.runs;
    tesseractReads = readerStats.pagesRead;
    blocks = (await imageParser.parse(bytes, { name: 'jinfeng-table-2.png', ocr: settings({ engine: 'ppocr' }) })).blocks;
  }, 60_000);

  it('reads every cell of the grid: header, merged level cells, numbers', () => {
    expectProcessScoreTable(blocks);
  });

  it('keeps each cell’s confidence (its least sure character, 0–100) and used the models, not tesseract', () => {
    const cells = table(blocks).rows.flat().filter((c) => c.text !== '');
    expect(cells.every((c) => typeof c.prov.confidence === 'number' && c.prov.confidence > 0 && c.prov.confidence <= 100)).toBe(true);
    expect(ppocrStats.runs).toBeGreaterThan(runs);
    expect(readerStats.pagesRead).toBe(tesseractReads);
  });

  it('turns a page fed sideways or upside down upright before reading it', async () => {
    const image = await decodeImage(bytes);
    const config = settings({ engine: 'ppocr' });
    for (const turned of [1, 2, 3] as const) {
      const page = await ocrPageImage(turnImage(image, turned), 1, config);
      expect((turned + page.quarterTurns) % 4).toBe(0);
      expect(page.content.runs.map((r) => r.text)).toContain('管理制度健全有效性');
    }
  }, 120_000);

  it('reads the same with the recogniser spread over two model threads as with one, and lets the process exit after', async () => {
    const image = await decodeImage(bytes);
    const one = await ocrPageImage(image, 1, settings({ engine: 'ppocr', workers: 1 }));
    const two = await ocrPageImage(image, 1, settings({ engine: 'ppocr', workers: 2 }));
    expect(two.content).toEqual(one.content);
    expect(two.words).toEqual(one.words);
    // Idle model threads hold no reference: a finished run exits without shutdownOcr.
    const child = spawnSync(process.execPath, ['--import', 'tsx', '-e', `import('./parsers/ocr/ppocr/recognise-line.ts').then(async ({ recogniseLine }) => { const data = new Uint8Array(96 * 48).fill(255); const read = await recogniseLine({ width: 96, height: 48, dpi: 200, data }, { x0: 0, y0: 0, x1: 95, y1: 47 }, 2); console.log('read', read.chars.length); })`], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(child.status).toBe(0);
    expect(child.stdout).toMatch(/^read \d+/);
  }, 120_000);

  it('takes a page read before from the cache', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-ppocr-'));
    try {
      const image = await decodeImage(bytes);
      const config = settings({ engine: 'ppocr', cacheDir: dir });
      const first = await ocrPageImage(image, 1, config);
      const again = await ocrPageImage(image, 1, config);
      expect([first.cached, again.cached]).toEqual([false, true]);
      expect(again.content).toEqual(first.content);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('model threads never leave a caller waiting', () => {
  // A line of the picture's header row: 一级指标 … 扣分总计.
  const header = { x0: 0, y0: 0, x1: 1079, y1: 40 };

  it('rejects the runs of a thread that answers nothing within the stall limit, and reads the same on a fresh thread after', async () => {
    const image = await decodeImage(bytes);
    const before = await recogniseLine(image, header, 1);
    const saved = stallLimit.ms;
    try {
      // A fresh thread loads its model first (hundreds of milliseconds): with a limit of 1 ms it
      // answers too late, is stopped, and the caller gets an error instead of waiting.
      await releaseModels();
      stallLimit.ms = 1;
      await expect(recogniseLine(image, header, 1)).rejects.toThrow(/answered nothing for 0.001 s and was stopped/);
    } finally {
      stallLimit.ms = saved;
    }
    const after = await recogniseLine(image, header, 1);
    expect(after).toEqual(before);
    expect(before.chars.length).toBeGreaterThan(0);
  }, 60_000);

  it('rejects the runs of threads released while reading, without taking the process down, and reads again after', async () => {
    const image = await decodeImage(bytes);
    const before = await recogniseLine(image, header, 1);
    // Released in the middle of a run: stopping the thread there would abort the whole process.
    const read = recogniseLine(image, header, 1);
    await releaseModels();
    await expect(read).rejects.toThrow(/released while reading/);
    expect(await recogniseLine(image, header, 1)).toEqual(before);
  }, 60_000);
});

describe('the recogniser graph with its element-wise chains folded', () => {
  it('folds the hard-swish chains and the affine pairs around convs, and scores a real line as the published graph does', async () => {
    const ort = createRequire(import.meta.url)('onnxruntime-node') as typeof import('onnxruntime-node');
    const published = readFileSync(modelFile('rec'));
    const fused = fuseRecogniser(published);
    expect(fused.hardSwish).toBeGreaterThan(0);
    expect(fused.affine).toBeGreaterThan(0);
    // The picture's header row (一级指标 … 扣分总计), 48 rows as the recogniser takes them.
    const image = await decodeImage(bytes);
    const width = image.width;
    const input = new Float32Array(3 * 48 * width);
    for (let i = 0; i < 48 * width; i++) input[i] = input[48 * width + i] = input[96 * width + i] = image.data[i]! / 127.5 - 1;
    const options = { intraOpNumThreads: 1, interOpNumThreads: 1, executionProviders: ['cpu'], logSeverityLevel: 3 as const };
    const scores = async (model: Uint8Array) => {
      const session = await ort.InferenceSession.create(model, options);
      try {
        const out = (await session.run({ [session.inputNames[0]!]: new ort.Tensor('float32', input, [1, 3, 48, width]) }))[session.outputNames[0]!]!;
        return { data: out.data as Float32Array, steps: out.dims[1]!, classes: out.dims[2]! };
      } finally {
        await session.release();
      }
    };
    const [a, b] = [await scores(published), await scores(fused.bytes)];
    expect([b.steps, b.classes]).toEqual([a.steps, a.classes]);
    const best = (s: typeof a, t: number) => {
      let k = 0;
      for (let c = 1; c < s.classes; c++) if (s.data[t * s.classes + c]! > s.data[t * s.classes + k]!) k = c;
      return k;
    };
    let largest = 0;
    for (let i = 0; i < a.data.length; i++) largest = Math.max(largest, Math.abs(a.data[i]! - b.data[i]!));
    expect(largest).toBeLessThan(1e-3);
    const steps = Array.from({ length: a.steps }, (_, t) => t);
    expect(steps.map((t) => best(b, t))).toEqual(steps.map((t) => best(a, t)));
    expect(steps.filter((t) => best(a, t) !== 0).length).toBeGreaterThan(5);
  }, 60_000);
});

describe('engine selection', () => {
  it('reads with tesseract.js when the context says so, with the models otherwise', async () => {
    const before = { tesseract: readerStats.pagesRead };
    const read = await imageParser.parse(bytes, { name: 't.png', ocr: settings({ engine: 'tesseract' }) });
    expect(readerStats.pagesRead).toBeGreaterThan(before.tesseract);
    expect(texts(table(read.blocks).rows[0]!)).toEqual(['一级指标', '分值', '二级指标', '分值', '三级指标', '分值', '得分', '扣分总计']);
  }, 90_000);

  it('refuses an unknown engine name and sets a known one for this thread and later workers', () => {
    const saved = process.env.JIXIAO_OCR_ENGINE;
    try {
      expect(() => useOcrEngine('easyocr')).toThrow(/unknown OCR engine "easyocr": use ppocr or tesseract/);
      expect(useOcrEngine('tesseract').engine).toBe('tesseract');
      expect(process.env.JIXIAO_OCR_ENGINE).toBe('tesseract');
      expect(useOcrEngine('ppocr').engine).toBe('ppocr');
    } finally {
      if (saved === undefined) delete process.env.JIXIAO_OCR_ENGINE;
      else process.env.JIXIAO_OCR_ENGINE = saved;
    }
  });
});
