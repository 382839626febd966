/**
 * The resolution the OCR path's pixel constants were measured at: PDF pages are rendered at it
 * (`JIXIAO_OCR_DPI`, 200 by default), but pictures are read at their own resolution and a page
 * may be rendered at another, so a length in pixels is kept as the same length on paper.
 */
const REFERENCE_DPI = 200;

/** A length measured as `pixels` at 200 dpi, in pixels at `dpi` (at least one): the same on paper. */
export const atDpi = (pixels: number, dpi: number): number => Math.max(1, Math.round((pixels * dpi) / REFERENCE_DPI));

/** An area measured as `pixels` at 200 dpi, in pixels at `dpi` (at least one). */
export const areaAtDpi = (pixels: number, dpi: number): number => Math.max(1, Math.round(pixels * (dpi / REFERENCE_DPI) ** 2));
