import { paintedImage } from './image-page';
import { loadPdfJs, type PdfPage } from './open';

type Ops = Awaited<ReturnType<typeof loadPdfJs>>['OPS'];

/** Operators that set state or mark structure: a page of nothing else has no ink. Anything else (an image, a painted path, shown text, a shading, an operator added later) counts as ink. */
const noInk = (OPS: Ops) =>
  new Set<number>([
    OPS.dependency, OPS.setLineWidth, OPS.setLineCap, OPS.setLineJoin, OPS.setMiterLimit, OPS.setDash, OPS.setRenderingIntent, OPS.setFlatness, OPS.setGState,
    OPS.save, OPS.restore, OPS.transform, OPS.clip, OPS.eoClip, OPS.endPath,
    OPS.beginText, OPS.endText, OPS.setCharSpacing, OPS.setWordSpacing, OPS.setHScale, OPS.setLeading, OPS.setFont, OPS.setTextRenderingMode, OPS.setTextRise,
    OPS.moveText, OPS.setLeadingMoveText, OPS.setTextMatrix, OPS.nextLine, OPS.setCharWidth, OPS.setCharWidthAndBounds,
    OPS.setStrokeColorSpace, OPS.setFillColorSpace, OPS.setStrokeColor, OPS.setStrokeColorN, OPS.setFillColor, OPS.setFillColorN, OPS.setStrokeGray, OPS.setFillGray,
    OPS.setStrokeRGBColor, OPS.setFillRGBColor, OPS.setStrokeCMYKColor, OPS.setFillCMYKColor, OPS.setStrokeTransparent, OPS.setFillTransparent,
    OPS.markPoint, OPS.markPointProps, OPS.beginMarkedContent, OPS.beginMarkedContentProps, OPS.endMarkedContent, OPS.beginCompat, OPS.endCompat,
    OPS.paintFormXObjectBegin, OPS.paintFormXObjectEnd, OPS.beginGroup, OPS.endGroup, OPS.beginAnnotation, OPS.endAnnotation,
  ]);
let cached: Set<number> | undefined;

/**
 * The page draws nothing (no image, no painted path, no text): a blank page, not a scan, so it is
 * not rendered and read by OCR. The operator list is the one the page's content reading already
 * asked pdf.js for (it keeps it until the page is cleaned up); a page of one image needs none.
 */
export async function drawsNothing(page: PdfPage): Promise<boolean> {
  if (await paintedImage(page)) return false;
  const { OPS } = await loadPdfJs();
  cached ??= noInk(OPS);
  const list = await page.getOperatorList();
  for (let i = 0; i < list.fnArray.length; i++) {
    const fn = list.fnArray[i]!;
    // A path only painted when its paint operator is not endPath (a clip or an unpainted path).
    if (fn === OPS.constructPath ? (list.argsArray[i] as unknown[])[0] !== OPS.endPath : !cached.has(fn)) return false;
  }
  return true;
}
