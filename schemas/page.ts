import { z } from 'zod';

/**
 * The page engine's content model: what a page draws, in page coordinates (points, origin at
 * the top-left of the page as displayed, rotation applied, y growing downwards). Every
 * positioned-text source (a PDF's text layer, OCR of a scan or picture) produces pages of this
 * shape, and one engine (`parsers/page/`) turns them into tables and text.
 */
export const TextRunSchema = z.object({
  text: z.string(),
  x0: z.number(),
  y0: z.number(),
  x1: z.number(),
  y1: z.number(),
  /** Font size in points. */
  size: z.number(),
});
export type TextRun = z.infer<typeof TextRunSchema>;

/** A ruling line: horizontal (y0 = y1) or vertical (x0 = x1). */
export const SegmentSchema = z.object({ x0: z.number(), y0: z.number(), x1: z.number(), y1: z.number() });
export type Segment = z.infer<typeof SegmentSchema>;

export const PageContentSchema = z.object({
  page: z.number().int().positive(),
  width: z.number(),
  height: z.number(),
  runs: z.array(TextRunSchema),
  segments: z.array(SegmentSchema),
  /** Text drawn only outside its clip path: not printed (a cell's text its row is too short for, cut at the cell's edge). */
  clipped: z.array(TextRunSchema).optional(),
});
export type PageContent = z.infer<typeof PageContentSchema>;
