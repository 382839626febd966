// Chromium's print of a page, for the producer matrix (corpus/build/producers.ts) and for the scan
// grid's parts that scan a layout page as Chromium prints it without a committed print
// (corpus/build/degrade.ts): one code path, so both are the same print.
// Needs chromium.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { run } from './printer-round-trip';

/**
 * The page with `style` added to its head, its bytes otherwise untouched: a page in GB2312
 * (002) stays in it (read as UTF-8 and written back, every character would be U+FFFD).
 */
export function withStyle(html: string, style: string): Buffer {
  const page = readFileSync(html, 'latin1');
  const head = page.search(/<\/head>/i);
  if (head < 0) throw new Error(`${html}: no </head> to add the print style to`);
  return Buffer.from(`${page.slice(0, head)}<style>${style}</style>${page.slice(head)}`, 'latin1');
}

/**
 * Chromium's print of the page as a reader's browser prints it (its date/title/URL margins
 * included); `style`, when given, is added to the page's head (paper size, zoom).
 */
export function chromiumPdf(html: string, outFile: string, style?: string): void {
  const work = mkdtempSync(join(tmpdir(), 'jixiao-chromium-'));
  const page = join(work, basename(html));
  if (style === undefined) copyFileSync(html, page);
  else writeFileSync(page, withStyle(html, style));
  run(
    'chromium',
    ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${work}/profile`, `--print-to-pdf=${outFile}`, `file://${page}`],
    html,
  );
  rmSync(work, { recursive: true, force: true });
}

/** A page of corpus/layouts as `chromium-layouts` prints it: A4 portrait, nothing else added. */
export const chromiumLayoutPdf = (html: string, outFile: string) => chromiumPdf(html, outFile, '@page { size: A4 }');
