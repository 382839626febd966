import type { PageContent } from '../../schemas/page';
import type { OcrPage, RatedBox } from '../ocr';
import { columnCarry } from '../ocr/carried-columns';
import { OCR_DISABLED, ocrConfig, ocrEnabled } from '../ocr/config';
import { rateCells, wordsByPage } from '../ocr/rate-cells';
import { pagesToBlocks, unalignedWarnings } from '../page/layout';
import { checkPages, checkPixels, largestPdfImage } from '../limits';
import { DocumentError, type Parser } from '../parser';
import { withPdf } from './open';
import { ShapeBook } from './outlined-glyphs';
import { readPageContent } from './page-content';
import { drawsNothing } from './ink';
import { renderPdfPage } from './render-page';
import { checkTextLayer, readOutlines, settleTextLayers, textLayerWarning, type TextLayerVerdict } from './text-layer';
import type { DistrustedFont } from './text-layer-trust';

/** A page with fewer real characters than this and images is a scan. */
const MIN_TEXT_CHARS = 1;

/**
 * PDFs: tables rebuilt from ruling lines, page by page, stitched across pages; pages without a
 * usable text layer (scans) read by OCR into the same page content first.
 */
export const pdfParser: Parser = {
  format: 'pdf',
  async parse(bytes, ctx) {
    if (bytes.length === 0) throw new DocumentError('the file is empty: check that the download completed');
    return withPdf(bytes, ctx.name, async (doc) => {
      checkPages(doc.numPages, ctx.name);
      const picture = largestPdfImage(bytes);
      const read: Array<PageContent | Promise<OcrPage>> = [];
      const blank = new Set<number>();
      const layers = new Map<number, TextLayerVerdict>();
      const distrustedFonts = new Map<string, DistrustedFont>();
      // Outlined glyphs' shapes, each a glyph code, across the document's pages.
      const shapes = new ShapeBook();
      // Scanned pages hand the columns they end on to the next (a fax's continuation lost its rules).
      const carry = columnCarry();
      for (let n = 1; n <= doc.numPages; n++) {
        const page = await doc.getPage(n);
        const textLayer = await readPageContent(page, ctx.name);
        // Fonts whose Unicode map cannot be right are re-read by OCR where they print.
        // A page without text may draw it as outlines: read from its shapes, not as a scan.
        const layer = hasUsableText(textLayer)
          ? await checkTextLayer(page, textLayer, ctx.ocr ?? ocrConfig(), distrustedFonts)
          : ((await readOutlines(page, textLayer, ctx.ocr ?? ocrConfig(), shapes)) ?? { kind: 'trusted' as const });
        layers.set(n, layer);
        const content = layer.kind === 'recovered' ? layer.content : textLayer;
        // A page that draws nothing costs no rendering and no OCR (a file of thousands of blank pages takes seconds).
        const empty = !hasUsableText(content) && (await drawsNothing(page));
        if (empty) blank.add(n);
        const ocr = (!hasUsableText(content) && !empty && ocrEnabled()) || layer.kind === 'unplaceable';
        // pdf.js leaves out an image over the pixel limit: a page read by OCR would be read without
        // it, and a page of only that image would pass for blank.
        if (!hasUsableText(content) && ocrEnabled() && picture) checkPixels(picture.width, picture.height, `an image in ${ctx.name}`);
        // A page without a usable text layer is rendered now and read by OCR in the worker pool.
        // The OCR stack is loaded by the first page that needs it: text PDFs never load it.
        const startPageOcr = ocr ? (await import('../ocr')).startPageOcr : null;
        read.push(startPageOcr ? (await startPageOcr(() => renderPdfPage(page, ctx.ocr?.dpi), page.pageNumber, ctx.name, ctx.ocr, carry)).result : content);
        page.cleanup();
      }
      await settleTextLayers(layers);
      const settled = await Promise.all(read);
      const scans = settled.filter((r): r is OcrPage => 'words' in r);
      const contents = settled.map((r) => ('words' in r ? r.content : r));
      if (blank.size === doc.numPages) return { format: 'pdf', pages: doc.numPages, blocks: [], warnings: [`all ${doc.numPages} pages are blank (nothing drawn on them): nothing to read`] };
      if (scans.length === 0 && !contents.some(hasUsableText)) {
        throw new DocumentError(`${ctx.name} has no usable text layer (a scan or fonts without a Unicode map): it needs OCR; ${OCR_DISABLED}`);
      }
      // With OCR off, pages without text in an otherwise readable PDF are said to be unread.
      const unread = settled.filter((r): r is PageContent => !('words' in r) && !hasUsableText(r) && !blank.has(r.page)).map((r) => r.page);
      const outlined = new Set([...layers].flatMap(([n, layer]) => (layer.kind === 'recovered' && layer.outlined ? [n] : [])));
      const { blocks, unalignedPages } = pagesToBlocks(contents, new Set(scans.map((s) => s.content.page)), outlined);
      const warnings = unalignedWarnings(unalignedPages);
      const rated = wordsByPage(scans);
      for (const [n, layer] of layers) if (layer.kind === 'recovered' && layer.words.length > 0) rated.set(n, layer.words satisfies RatedBox[]);
      rateCells(blocks, rated);
      if (blank.size > 0) warnings.push(`${blank.size} blank page(s) (nothing drawn on them) not read: ${pageList([...blank])}`);
      if (unread.length > 0) warnings.push(`page ${unread.join(', ')} has no usable text layer and was not read: ${OCR_DISABLED}`);
      const layerWarning = textLayerWarning(layers, OCR_DISABLED);
      if (layerWarning) warnings.push(layerWarning);
      const ocrPages = scans.length + [...layers.values()].filter((l) => l.kind === 'recovered' && l.replaced > 0).length;
      return { format: 'pdf', pages: doc.numPages, blocks, warnings, ...(ocrPages > 0 ? { ocrPages } : {}) };
    });
  },
};

/** Enough real characters, and not mostly unmapped glyphs (`\ufffd`, private use). */
export function hasUsableText(content: PageContent): boolean {
  let chars = 0;
  let garbage = 0;
  for (const run of content.runs) {
    chars += run.text.replace(/\s/g, '').length;
    garbage += (run.text.match(/[\ufffd\ue000-\uf8ff]/g) ?? []).length;
  }
  return chars >= MIN_TEXT_CHARS && garbage <= chars / 3;
}

/** Page numbers with runs joined: `1–300, 302`. */
function pageList(pages: number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < pages.length; ) {
    let j = i;
    while (j + 1 < pages.length && pages[j + 1] === pages[j]! + 1) j++;
    parts.push(j > i ? `${pages[i]}–${pages[j]}` : String(pages[i]));
    i = j + 1;
  }
  return parts.join(', ');
}
