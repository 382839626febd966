import type { PageContent } from '../../schemas/page';
import type { OcrConfig, RatedBox } from '../ocr';
import { paintedImage } from './image-page';
import type { PdfPage } from './open';
import type { ShapeBook } from './outlined-glyphs';
import type { RecoveredPage } from './text-layer-recover';
import { judgeFonts, pageGlyphs, type DistrustedFont } from './text-layer-trust';

/** What the text layer of one page is worth, and what was done about it. */
export type TextLayerVerdict =
  /** Every font's map is plausible: the page as read. */
  | { kind: 'trusted' }
  /** Fonts with wrong maps, OCR off: the page as read, said to be doubtful. */
  | { kind: 'distrusted'; reasons: string[] }
  /**
   * Their text re-read by OCR (`words`: the replaced runs' boxes and confidences); `outlined`: no
   * font at all, the runs' sizes their glyphs' ink (text converted to curves).
   */
  | ({ kind: 'recovered'; reasons: string[]; outlined?: true } & RecoveredPage)
  /** Their text could not be re-read in place: the page is to be read by OCR whole. */
  | { kind: 'unplaceable'; reasons: string[] };

/**
 * Checks each font of a page for a text layer that cannot be right and, with OCR on, re-reads
 * what the distrusted fonts print. A page whose fonts are all plausible costs one pass over its
 * glyphs. `known`: the document's fonts found wrong so far (pdf.js names a font once per document).
 */
export async function checkTextLayer(page: PdfPage, content: PageContent, ocr: OcrConfig, known: Map<string, DistrustedFont>): Promise<TextLayerVerdict> {
  const glyphs = await pageGlyphs(page);
  const distrusted = judgeFonts(glyphs, known);
  if (distrusted.length === 0) return { kind: 'trusted' };
  const reasons = [...new Set(distrusted.flatMap((d) => d.reasons))];
  if (!ocr.enabled) return { kind: 'distrusted', reasons };
  // The OCR stack is loaded by the first font found wrong: text PDFs that read right never load it.
  const { recoverTextLayer } = await import('./text-layer-recover');
  const recovered = await recoverTextLayer(page, content, distrusted, glyphs, ocr);
  return recovered ? { kind: 'recovered', reasons, ...recovered } : { kind: 'unplaceable', reasons };
}

/**
 * A page without a text layer that draws its text as outlines, its shapes read as glyphs
 * (`shapes`: the document's outlines so far, each a glyph code); null for any other page (a scan,
 * a drawing, a blank page) or with OCR off: it is read as it was.
 */
export async function readOutlines(page: PdfPage, content: PageContent, ocr: OcrConfig, shapes: ShapeBook): Promise<TextLayerVerdict | null> {
  if (!ocr.enabled || (await paintedImage(page))) return null;
  const { readOutlinedText, OUTLINED_REASON } = await import('./outlined-text');
  const recovered = await readOutlinedText(page, content, shapes, ocr);
  return recovered ? { kind: 'recovered', reasons: [OUTLINED_REASON], outlined: true, ...recovered } : null;
}

/**
 * Once every page is read: each glyph of a distrusted font takes the read its instances agree on
 * across the document (pages recovered alone saw only their own instances). Their contents and
 * boxes are updated in place.
 */
export async function settleTextLayers(verdicts: ReadonlyMap<number, TextLayerVerdict>): Promise<void> {
  const recovered = [...verdicts.values()].filter((v): v is Extract<TextLayerVerdict, { kind: 'recovered' }> => v.kind === 'recovered');
  if (recovered.length > 1) (await import('./text-layer-recover')).settleGlyphReads(recovered);
}

/** The one warning a document's distrusted pages get, or none. */
export function textLayerWarning(verdicts: ReadonlyMap<number, TextLayerVerdict>, ocrOff: string): string | null {
  const pages = (kind: TextLayerVerdict['kind']) => [...verdicts].filter(([, v]) => v.kind === kind).map(([p]) => p);
  const reasons = [...new Set([...verdicts.values()].flatMap((v) => (v.kind === 'trusted' ? [] : v.reasons)))];
  if (reasons.length === 0) return null;
  const said: string[] = [];
  const recovered = [...verdicts.values()].reduce((n, v) => n + (v.kind === 'recovered' ? v.replaced : 0), 0);
  if (pages('recovered').length > 0) said.push(`on page ${pages('recovered').join(', ')} their text was re-read by OCR from the printed glyphs (${recovered} text runs replaced; the cells carry OCR confidences)`);
  if (pages('unplaceable').length > 0) said.push(`page ${pages('unplaceable').join(', ')} was read by OCR whole`);
  if (pages('distrusted').length > 0) said.push(`text on page ${pages('distrusted').join(', ')} may be misread (${ocrOff})`);
  return `fonts whose Unicode map is wrong (${reasons.join('; ')}): ${said.join('; ')}: check it against the printed page`;
}
