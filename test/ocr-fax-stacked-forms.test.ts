import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { isBilevel } from '../parsers/ocr/bilevel';
import { measureSkew, rotateImage } from '../parsers/ocr/deskew';
import { despeckle } from '../parsers/ocr/despeckle';
import { binarise, eraseRules, otsuThreshold, ruleThreshold, type DetectedRules } from '../parsers/ocr/detect-rules';
import { flattenPaper } from '../parsers/ocr/flatten-paper';
import { stretchLevels, type GrayImage } from '../parsers/ocr/gray-image';
import { inferRows, type InferredRows } from '../parsers/ocr/inferred-rows';
import { pageRules } from '../parsers/ocr/page-rules';
import { withoutDust } from '../parsers/ocr/table-cells';
import { withPdf } from '../parsers/pdf/open';
import { renderPdfPage } from '../parsers/pdf/render-page';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'scan-flags', 'stacked-forms-fax.pdf');

describe('a fax page of two forms one under another that kept only their sides (rules as the OCR path finds them)', () => {
  // Page 1 of heldout16's fax scan of layout L06 (100 lines per inch; corpus/build/scan-page-cuts.ts). Every
  // hairline was averaged with the paper and thresholded away but the forms' sides, which run down the page past
  // both forms, the first form's label border, the budget block's column borders, and the rule where the two
  // frames meet. No other border runs beside the sides over most of their length, so they were dropped; found,
  // the frame they make is crossed from side to side by the rule between the forms, which kept it from having
  // its rows inferred (as a table whose rules were found): every row of each form's head was one cell.
  let image: GrayImage;
  let rules: DetectedRules;
  let rows: InferredRows;
  beforeAll(async () => {
    const scanned = await withPdf(new Uint8Array(readFileSync(FIXTURE)), 'stacked-forms-fax.pdf', async (doc) => renderPdfPage(await doc.getPage(1), 200));
    expect(isBilevel(scanned)).toBe(true);
    const flat = flattenPaper(despeckle(scanned));
    const level = otsuThreshold(flat);
    image = rotateImage(flat, measureSkew(flat, binarise(flat, level), () => binarise(flat, ruleThreshold(flat, level))));
    rules = pageRules(image, otsuThreshold(image), true);
    const clean = withoutDust(despeckle(stretchLevels(eraseRules(image, rules))));
    rows = inferRows(binarise(clean, otsuThreshold(clean)), clean.width, clean.height, rules, clean.dpi);
  }, 120_000);

  const inches = (n: number) => n * image.dpi;
  /** The rule between the two forms: the one horizontal left that runs from side to side, in the page's lower half. */
  const between = () => rules.horizontal.find((h) => h.y0 > image.height / 2 && h.x1 - h.x0 > image.width / 2)!;

  it('keeps both sides of the forms as column borders, each running past the rule between them', () => {
    const y = between().y0;
    // Only the sides run on past the rule between the forms: the first form's inner borders end on it.
    const sides = rules.vertical.filter((v) => v.y0 < y - inches(2) && v.y1 > y + inches(1));
    expect(sides).toHaveLength(2);
    const [left, right] = [...sides].sort((a, b) => a.x0 - b.x0);
    expect(left!.x0).toBeLessThan(inches(1));
    expect(right!.x0).toBeGreaterThan(image.width - inches(1));
  });

  it('infers the rows of each form apart, the first form parted under its title row and under 项目名称', () => {
    const y = between().y0;
    expect(rows.tables).toHaveLength(2);
    const [upper, lower] = [...rows.tables].sort((a, b) => a.y0 - b.y0);
    expect(upper!.y1).toBeLessThanOrEqual(y + 2);
    expect(lower!.y0).toBeGreaterThanOrEqual(y - 2);
    // The first form's head: 部门预算项目支出绩效自评表(2023年度) over 项目名称 over 主管部门, each a row of its
    // label column (a row's height is some 0.2 in here), parted within the first inch under the form's top.
    const labelRows = rows.horizontal.filter((h) => h.x0 < upper!.x0 + inches(0.1) && h.y0 > upper!.y0 + 4 && h.y0 < upper!.y0 + inches(1));
    expect(labelRows.length).toBeGreaterThanOrEqual(2);
  });
});
