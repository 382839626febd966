import type { PageContent, TextRun } from '../../schemas/page';
import type { OcrConfig } from '../ocr/config';
import { leavesInk, UNMAPPED_GLYPH } from './drawn-glyph-runs';
import type { PdfPage } from './open';
import { MIN_OUTLINED, OUTLINED_FONT, outlinedGlyphs, outlinedRuns, type ShapeBook } from './outlined-glyphs';
import { textView } from './page-content';
import { renderPdfPage } from './render-page';
import { eraseSegments, readDrawnRuns, within, type RecoveredPage } from './text-layer-recover';
import type { DistrustedFont } from './text-layer-trust';

/** Why an outlined page's text was read from its shapes. */
export const OUTLINED_REASON = 'text drawn as filled outlines, without a font (text converted to curves)';

/**
 * Reads a page that draws its text as filled outlines and has no text layer: each glyph-sized
 * shape a glyph, shapes with one outline one glyph code, set into runs along their lines and read
 * as a distrusted font's glyphs are (`readDrawnRuns`: each line read by OCR, each code's reads
 * pooled over the document), against the page's exact vector rules. Null when the page draws too
 * few such shapes to be text, or its render does not line up with its view.
 */
export async function readOutlinedText(page: PdfPage, content: PageContent, shapes: ShapeBook, config: OcrConfig): Promise<RecoveredPage | null> {
  const placed = await outlinedGlyphs(page, textView(page, []).view, shapes);
  if (placed.length < MIN_OUTLINED) return null;
  const image = await renderPdfPage(page, config.dpi);
  const px = image.dpi / 72;
  if (Math.abs(image.width / px - content.width) > 2 || Math.abs(image.height / px - content.height) > 2) return null;
  // A glyph's straight strokes (`一`, `-`) are thin fills the rule reader takes for rules.
  const segments = content.segments.filter((s) => !placed.some((g) => within(s, g)));
  const clean = eraseSegments(image, segments);
  const { runs, slots } = outlinedRuns(placed, segments, (g) => leavesInk(g, clean));
  const font: DistrustedFont = { font: OUTLINED_FONT, wrong: new Set([UNMAPPED_GLYPH]), oneCodePerChar: true, whole: true, reasons: [OUTLINED_REASON] };
  const fontOf = new Map<TextRun, string>(runs.map((run) => [run, OUTLINED_FONT]));
  return readDrawnRuns({ ...content, runs, segments }, slots, fontOf, new Map([[OUTLINED_FONT, font]]), placed, clean, new Map(), config, new Map([[OUTLINED_FONT, shapes.halfTurns()]]));
}
