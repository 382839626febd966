import { describe, expect, it } from 'vitest';
import { bleedThrough, shadow, type Page } from '../corpus/build/degrade-ops';
import { binarise, detectRules, otsuThreshold, ruleThreshold } from '../parsers/ocr/detect-rules';
import { flattenPaper } from '../parsers/ocr/flatten-paper';
import { grayFromRgba, type GrayImage } from '../parsers/ocr/gray-image';
import { turnImage } from '../parsers/ocr/orientation';

// The scan defects of the scan grid (corpus/build/degrade.ts) that the page preparation must
// undo before anything is read: a binding-edge shadow on gray paper, a red seal, a turned sheet.

/** A 200-dpi page with a ruled grid (hairlines 1 px, a gray of 90); its rows run to the right edge's shadow. */
function gridPage(): GrayImage {
  const width = 1200;
  const height = 900;
  const data = new Uint8Array(width * height).fill(255);
  for (let y = 100; y <= 800; y += 100) data.fill(90, y * width + 60, y * width + 1140);
  for (let x = 60; x <= 1020; x += 240) for (let y = 100; y <= 800; y++) data[y * width + x] = 90;
  return { width, height, dpi: 200, data };
}
const asPage = (g: GrayImage): Page => ({ width: g.width, height: g.height, dpi: g.dpi, planes: [g.data] });
const asGray = (p: Page): GrayImage => ({ width: p.width, height: p.height, dpi: p.dpi, data: p.planes[0]! });
/** Same size and pixels (a deep comparison of a million pixels is slow). */
const same = (a: GrayImage, b: GrayImage) => a.width === b.width && a.height === b.height && Buffer.from(a.data).equals(Buffer.from(b.data));
const rulesOf = (g: GrayImage) => detectRules(g, binarise(g, ruleThreshold(g, otsuThreshold(g))));

describe('gray paper and a binding-edge shadow', () => {
  const shaded = asGray(shadow(asPage(gridPage()), 205, 'right', 0.12, 0.3));

  it('hide the rules that the shadow reaches unless the paper is flattened first', () => {
    expect(rulesOf(gridPage()).horizontal).toHaveLength(8);
    expect(rulesOf(shaded).horizontal.length).toBeLessThan(8);
    const flat = rulesOf(flattenPaper(shaded));
    expect(flat.horizontal).toHaveLength(8);
    expect(flat.vertical).toHaveLength(5);
  });

  it('flattening leaves a clean page as it is and keeps the back page’s show-through faint', () => {
    const clean = gridPage();
    expect(same(flattenPaper(clean), clean)).toBe(true);
    const back = asGray(bleedThrough(asPage(clean), asPage(gridPage()), 0.2));
    expect(rulesOf(flattenPaper(back)).horizontal).toHaveLength(8);
  });
});

describe('a red seal over black print', () => {
  it('drops out of the gray image while the print under it stays black', () => {
    const rgba = new Uint8ClampedArray([
      // red ink on paper, black print under red ink, plain black print, paper, blue print
      214, 38, 48, 255, 0, 0, 0, 255, 20, 20, 20, 255, 250, 250, 250, 255, 30, 40, 160, 255,
    ]);
    const gray = grayFromRgba(rgba, 5, 1, 200).data;
    expect(gray[0]).toBeGreaterThan(200);
    expect(gray[1]).toBe(0);
    expect(gray[2]).toBeLessThan(30);
    expect(gray[3]).toBe(250);
    expect(gray[4]).toBeLessThan(80);
  });
});

describe('quarter turns', () => {
  it('come back to the page after four, and a turn and its opposite undo each other', () => {
    const page = gridPage();
    page.data[5 * page.width + 7] = 0;
    const turned = turnImage(page, 1);
    expect([turned.width, turned.height]).toEqual([page.height, page.width]);
    expect(turned.data[7 * turned.width + (page.height - 1 - 5)]).toBe(0);
    expect(same(turnImage(turned, 3), page)).toBe(true);
    expect(same(turnImage(turnImage(page, 2), 2), page)).toBe(true);
  });
});
