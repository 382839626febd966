// A bare PP-OCR pass over a page image, for the benchmark only: the detector over the whole page
// (DB post-processing: probability map thresholded at 0.3, connected regions scored by their mean
// probability, kept from 0.6, boxes grown by area × 1.5 / perimeter) and the recogniser on every
// box. No rules, no cells, no table: what a whole-page PP-OCR read costs.
import type { GrayImage } from '../../parsers/ocr/gray-image';
import type { Region } from '../../parsers/ocr/missed-text';
import { runModel } from '../../parsers/ocr/ppocr/models';
import { recogniseLine } from '../../parsers/ocr/ppocr/recognise-line';

const LIMIT_SIDE = 1600;
const BINARY = 0.3;
const BOX = 0.6;
const UNCLIP = 1.5;
const MEAN = [0.485, 0.456, 0.406];
const STD = [0.229, 0.224, 0.225];

/** The detector's boxes on the page, in page pixels. */
export async function detectText(image: GrayImage, workers: number): Promise<Region[]> {
  const scale = Math.min(1, LIMIT_SIDE / Math.max(image.width, image.height));
  const w = Math.max(32, Math.round((image.width * scale) / 32) * 32);
  const h = Math.max(32, Math.round((image.height * scale) / 32) * 32);
  const plane = w * h;
  const input = new Float32Array(3 * plane);
  for (let y = 0; y < h; y++) {
    const sy = Math.min(image.height - 1, Math.floor(((y + 0.5) * image.height) / h));
    for (let x = 0; x < w; x++) {
      const v = image.data[sy * image.width + Math.min(image.width - 1, Math.floor(((x + 0.5) * image.width) / w))]! / 255;
      for (let c = 0; c < 3; c++) input[c * plane + y * w + x] = (v - MEAN[c]!) / STD[c]!;
    }
  }
  const { data: prob } = await runModel('det', input, [1, 3, h, w], workers);
  const seen = new Uint8Array(plane);
  const boxes: Region[] = [];
  const stack: number[] = [];
  for (let start = 0; start < plane; start++) {
    if (seen[start] || prob[start]! <= BINARY) continue;
    let [x0, y0, x1, y1, n, sum] = [w, h, 0, 0, 0, 0];
    seen[start] = 1;
    stack.push(start);
    while (stack.length > 0) {
      const at = stack.pop()!;
      const x = at % w;
      const y = (at - x) / w;
      n++;
      sum += prob[at]!;
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
      for (const next of [at - 1, at + 1, at - w, at + w]) {
        const nx = next % w;
        if (next < 0 || next >= plane || Math.abs(nx - x) > 1 || seen[next] || prob[next]! <= BINARY) continue;
        seen[next] = 1;
        stack.push(next);
      }
    }
    const bw = x1 - x0 + 1;
    const bh = y1 - y0 + 1;
    if (Math.min(bw, bh) < 3 || sum / n < BOX) continue;
    const grow = (bw * bh * UNCLIP) / (2 * (bw + bh));
    const sx = image.width / w;
    const sy = image.height / h;
    boxes.push({
      x0: Math.max(0, Math.round((x0 - grow) * sx)),
      y0: Math.max(0, Math.round((y0 - grow) * sy)),
      x1: Math.min(image.width - 1, Math.round((x1 + 1 + grow) * sx)),
      y1: Math.min(image.height - 1, Math.round((y1 + 1 + grow) * sy)),
    });
  }
  return boxes;
}

/** Detection then recognition of every box: the page's text lines. */
export async function barePass(image: GrayImage, workers: number): Promise<string[]> {
  const boxes = await detectText(image, workers);
  const reads = await Promise.all(boxes.map((b) => recogniseLine(image, b, workers)));
  return reads.map((r) => r.chars.map((c) => c.text).join(''));
}
