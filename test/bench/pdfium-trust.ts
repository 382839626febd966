// Whether the text-layer trust check (parsers/pdf/text-layer-trust.ts) can be decided from what
// PDFium gives (a script, not a test). @embedpdf/pdfium exports no glyph-code getter: a glyph is
// told apart from another of its font by what PDFium does give, its Unicode, its advance and its
// ink box in glyph space. Per document: pdf.js's verdict (any font distrusted, any page without a
// usable text layer) against the same judgeFonts run on PDFium's glyphs.
// Usage: npx tsx test/bench/pdfium-trust.ts [pdf files or folders...]
import { readFile } from 'node:fs/promises';
import { hasUsableText } from '../../parsers/pdf';
import { withPdf } from '../../parsers/pdf/open';
import { readPageContent } from '../../parsers/pdf/page-content';
import { judgeFonts, pageGlyphs, type DistrustedFont } from '../../parsers/pdf/text-layer-trust';
import { collectInputs } from '../../pipeline/run-batch';
import { pdfiumVerdict, type Verdict } from './pdfium-glyphs';

async function pdfjsVerdict(bytes: Uint8Array, name: string): Promise<Verdict> {
  return withPdf(bytes, name, async (doc) => {
    const v: Verdict = { distrusted: new Map(), unusable: [] };
    const known = new Map<string, DistrustedFont>();
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await readPageContent(page, name);
      if (!hasUsableText(content)) v.unusable.push(n);
      else {
        const d = judgeFonts(await pageGlyphs(page), known);
        if (d.length > 0) v.distrusted.set(n, [...new Set(d.flatMap((f) => f.reasons))]);
      }
      page.cleanup();
    }
    return v;
  });
}

const files = (await collectInputs(process.argv.slice(2))).map((i) => i.source).filter((f) => f.endsWith('.pdf'));
const tally = { docs: 0, same: 0, missed: 0, extra: 0 };
for (const file of files) {
  const bytes = new Uint8Array(await readFile(file));
  let js: Verdict;
  try {
    js = await pdfjsVerdict(bytes, file);
  } catch {
    continue;
  }
  const pd = (await pdfiumVerdict(bytes)) ?? { distrusted: new Map([[0, ['PDFium cannot open it']]]), unusable: [] };
  const flagged = (v: Verdict) => v.distrusted.size > 0 || v.unusable.length > 0;
  tally.docs++;
  const pages = (v: Verdict) => `distrusted ${[...v.distrusted.keys()].join(',') || '-'} unusable ${v.unusable.join(',') || '-'}`;
  if (flagged(js) === flagged(pd)) tally.same++;
  else if (flagged(js)) tally.missed++;
  else tally.extra++;
  if (flagged(js) || flagged(pd)) {
    process.stdout.write(`${flagged(js) === flagged(pd) ? 'same  ' : flagged(js) ? 'MISSED' : 'extra '} ${file}\n  pdf.js ${pages(js)} ${[...new Set([...js.distrusted.values()].flat())].join(' | ')}\n  pdfium ${pages(pd)} ${[...new Set([...pd.distrusted.values()].flat())].join(' | ')}\n`);
  }
}
process.stdout.write(`${tally.docs} PDFs: same verdict ${tally.same}, distrusted by pdf.js only ${tally.missed}, by PDFium only ${tally.extra}\n`);
process.exit(0);
