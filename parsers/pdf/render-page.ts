import { createCanvas } from '@napi-rs/canvas';
import { checkPixels } from '../limits';
import { ocrConfig } from '../ocr/config';
import { grayFromRgba, type GrayImage } from '../ocr/gray-image';
import { withOutlines, type PdfPage } from './open';

/**
 * Renders a PDF page as displayed (its /Rotate applied) to a grayscale image at `dpi`, on white
 * paper. pdf.js draws onto a Skia canvas from @napi-rs/canvas, from the glyph outlines of the
 * document's copy that has them; nothing is fetched.
 */
export async function renderPdfPage(read: PdfPage, dpi = ocrConfig().dpi): Promise<GrayImage> {
  const page = await withOutlines(read);
  const viewport = page.getViewport({ scale: dpi / 72, rotation: page.rotate });
  const width = Math.ceil(viewport.width);
  const height = Math.ceil(viewport.height);
  checkPixels(width, height, `page ${page.pageNumber} rendered at ${dpi} dpi`);
  const canvas = createCanvas(width, height);
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, height);
  await page.render({ canvas, canvasContext: context, viewport } as unknown as Parameters<PdfPage['render']>[0]).promise;
  page.cleanup();
  return grayFromRgba(context.getImageData(0, 0, width, height).data, width, height, dpi);
}

