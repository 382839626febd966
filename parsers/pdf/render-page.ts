import { createCanvas } from '@napi-rs/canvas';
import { checkPixels } from '../limits';
import { ocrConfig } from '../ocr/config';
import { grayFromRgba, type GrayImage } from '../ocr/gray-image';
import type { Matrix } from './matrix';
import { withOutlines, type PdfPage } from './open';
import { drawScanJpeg, scanDpi, scanJpeg } from './scan-image';

/**
 * Renders a PDF page as displayed (its /Rotate applied) to a grayscale image at `dpi`, on white
 * paper. A scan page (one JPEG, nothing else) is drawn from the JPEG decoded natively: pdf.js
 * decodes JPEGs in JavaScript, about a third of the OCR path's JavaScript thread when it drew
 * scans (it has already decoded the image once for the operator list the page's content was
 * read from, and its render builds another). Any other page is drawn by pdf.js onto a Skia canvas
 * from @napi-rs/canvas, from the glyph outlines of the document's copy that has them; nothing is
 * fetched.
 */
export async function renderPdfPage(read: PdfPage, dpi = ocrConfig().dpi): Promise<GrayImage> {
  const scan = await scanJpeg(read);
  const viewport = read.getViewport({ scale: dpi / 72, rotation: read.rotate });
  const width = Math.ceil(viewport.width);
  const height = Math.ceil(viewport.height);
  checkPixels(width, height, `page ${read.pageNumber} rendered at ${dpi} dpi`);
  const canvas = createCanvas(width, height);
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, height);
  const drawn = scan && (await drawScanJpeg(context, scan, viewport.transform as Matrix)) ? scan : null;
  if (!drawn) {
    const page = await withOutlines(read);
    await page.render({ canvas, canvasContext: context, viewport } as unknown as Parameters<PdfPage['render']>[0]).promise;
    page.cleanup();
  }
  const gray = grayFromRgba(context.getImageData(0, 0, width, height).data, width, height, dpi);
  // A scan coarser than the render has each of its pixels (and its specks) drawn larger.
  const enlarged = drawn ? dpi / scanDpi(drawn) : 1;
  return enlarged > 1 ? { ...gray, enlarged } : gray;
}
