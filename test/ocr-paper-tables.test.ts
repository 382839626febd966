import { describe, expect, it } from 'vitest';
import { blur, grain, random, shadow, tilt, type Page } from '../corpus/build/degrade-ops';
import { measureSkew, rotateImage } from '../parsers/ocr/deskew';
import { binarise, detectRules, otsuThreshold, ruleThreshold } from '../parsers/ocr/detect-rules';
import { flattenPaper } from '../parsers/ocr/flatten-paper';
import { inferRows } from '../parsers/ocr/inferred-rows';
import { toPoints, type GrayImage } from '../parsers/ocr/gray-image';
import { pageTables, withoutDust } from '../parsers/ocr/table-cells';

/**
 * A page (8 × 5.5 in at `dpi`) with a table the page break cuts: rules 0.75 pt wide, three
 * closed rows, then a last row whose text runs on to the foot margin with no rule under it
 * (browsers print long prose cells so). Each row holds a line of character-like strokes.
 */
function cutTable(dpi: number): Page {
  const width = Math.round(8 * dpi);
  const height = Math.round(5.5 * dpi);
  const data = new Uint8Array(width * height).fill(255);
  const px = (inches: number) => Math.round(inches * dpi);
  const stroke = Math.max(1, Math.round((0.75 / 72) * dpi));
  const fill = (x0: number, y0: number, x1: number, y1: number, level: number) => {
    for (let y = y0; y < y1; y++) data.fill(level, y * width + x0, y * width + x1);
  };
  const [left, right, top, foot] = [px(0.5), px(7.5), px(0.5), px(4.9)];
  const columns = [left, px(1.5), px(4.5), right];
  const rows = [top, px(1), px(1.5), px(2)];
  for (const y of rows) fill(left, y, right + stroke, y + stroke, 60);
  for (const x of columns) fill(x, top, x + stroke, foot, 60);
  // Text: 0.16-in glyphs of a few strokes, one line a row and several in the cut row.
  const glyph = (x: number, y: number) => {
    const size = px(0.16);
    const w = Math.max(1, Math.round(size / 10));
    fill(x, y + Math.round(size / 2), x + size, y + Math.round(size / 2) + w, 30);
    fill(x + Math.round(size / 2), y, x + Math.round(size / 2) + w, y + size, 30);
    fill(x + 2 * w, y + w, x + size - 2 * w, y + 2 * w, 30);
  };
  for (let c = 0; c < columns.length - 1; c++) {
    for (const y of [...rows.slice(0, -1).map((r) => r + px(0.15)), ...[2.15, 2.45, 2.75, 3.05, 3.35, 3.65, 3.95, 4.25, 4.55].map(px)]) {
      for (let x = columns[c]! + px(0.1); x + px(0.2) < columns[c + 1]!; x += px(0.2)) glyph(x, y);
    }
  }
  return { width, height, dpi, planes: [data] };
}

/** A binding-edge shadow: the paper's level, the side, the shadow's width (share of the page) and depth (share of the paper). */
type Shade = readonly [paper: number, side: 'left' | 'right', width: number, depth: number];
/** The grid's shadow family. */
const GRID_SHADE: Shade = [205, 'left', 0.1, 0.35];

/** The page scanned back: tilted, softened, grainy, and (with `shade`) on gray paper with a binding-edge shadow. */
function scanned(page: Page, degrees: number, shade: Shade | null): GrayImage {
  const next = random(7);
  let p = shade ? shadow(page, ...shade) : page;
  p = grain(blur(tilt(p, degrees), 0.6), next, 5);
  return { width: p.width, height: p.height, dpi: p.dpi, data: p.planes[0]! };
}

/** As the OCR path does it: paper flattened, tilt measured and corrected, rules found, cells cut. */
function readRules(image: GrayImage) {
  const flat = flattenPaper(image);
  const upright = rotateImage(flat, measureSkew(flat, binarise(flat)));
  const rules = detectRules(upright, binarise(upright, ruleThreshold(upright, otsuThreshold(upright))));
  const pt = (v: number) => toPoints(v, upright.dpi);
  const segments = [
    ...rules.horizontal.map((h) => ({ x0: pt(h.x0), x1: pt(h.x1), y0: pt(h.y0), y1: pt(h.y0) })),
    ...rules.vertical.map((v) => ({ x0: pt(v.x0), x1: pt(v.x0), y0: pt(v.y0), y1: pt(v.y1) })),
  ];
  return { rules, cells: pageTables(upright, segments, 1).cells, dpi: upright.dpi };
}

describe('a table the page cuts, scanned at any resolution', () => {
  for (const dpi of [150, 200, 300]) {
    for (const [shade, what] of [[null, ''], [GRID_SHADE, ', gray paper and shadow']] as const) {
      it(`keeps the borders that run to the page's foot and the cut row's cells (${dpi} dpi${what})`, () => {
        const { rules, cells } = readRules(scanned(cutTable(dpi), 1.6, shade));
        // All four borders, each from the top rule to near the foot (not only the closed rows).
        const tall = rules.vertical.filter((v) => v.y1 - v.y0 > 4 * dpi);
        expect(tall).toHaveLength(4);
        // Three closed rows and the open one, three columns each.
        expect(cells).toHaveLength(12);
        const cut = cells.filter((c) => c.y1 > 4.5 * dpi);
        expect(cut).toHaveLength(3);
      });
    }
  }

  it('keeps the borders beside a deep shadow that runs out to white beyond the sheet (a tilted scan’s corner)', () => {
    // Darker paper, a wide shadow down to 15 % of it, and the scanner's white lid showing past the
    // sheet's edge over the top half: the shadow's darkest tiles lie between white and the slope.
    const dpi = 200;
    const page = shadow(cutTable(dpi), 180, 'left', 0.2, 0.15);
    const lid = Math.round(0.15 * dpi);
    for (let y = 0; y < page.height / 2; y++) page.planes[0]!.fill(255, y * page.width, y * page.width + lid);
    const image = scanned(page, 1.6, null);
    const { rules, cells } = readRules(image);
    expect(rules.vertical.filter((v) => v.y1 - v.y0 > 4 * dpi)).toHaveLength(4);
    expect(cells).toHaveLength(12);
  });

  it('still takes no short vertical stroke that meets a rule at one end for a border', () => {
    // A 0.3-in stroke hanging from a rule (a character's stroke touching a rule) is no border.
    const dpi = 200;
    const page = cutTable(dpi);
    const data = page.planes[0]!;
    for (let y = 200; y < 260; y++) data.fill(30, y * page.width + 800, y * page.width + 803);
    const { rules } = readRules({ width: page.width, height: page.height, dpi, data });
    expect(rules.vertical.filter((v) => Math.abs(v.x0 - 801) < 4)).toHaveLength(0);
  });
});

/** A white page's pixels and a pen that fills rectangles on it at gray `level`. */
function whitePage(width: number, height: number, level: number) {
  const data = new Uint8Array(width * height).fill(255);
  const fill = (x0: number, y0: number, x1: number, y1: number) => {
    for (let y = y0; y < y1; y++) data.fill(level, y * width + x0, y * width + x1);
  };
  return { data, fill };
}

describe('a rule whose edge is broken by dropouts', () => {
  it('comes out as one rule, not as two side by side', () => {
    // A 200-dpi table, verticals 6 px wide whose first column of pixels is broken every 0.8 in
    // (a rule resampled from 150 dpi and straightened leaves such an edge): the next column's
    // unbroken run belongs to all the pieces at once.
    const dpi = 200;
    const [width, height] = [1200, 1000];
    const { data, fill } = whitePage(width, height, 60);
    for (const y of [100, 500, 900]) fill(100, y, 1106, y + 3);
    for (const x of [100, 600, 1100]) {
      fill(x, 100, x + 6, 903);
      for (let y = 260; y < 903; y += 160) data.fill(255, y * width + x, y * width + x + 1).fill(255, (y + 1) * width + x, (y + 1) * width + x + 1).fill(255, (y + 2) * width + x, (y + 2) * width + x + 1);
    }
    const rules = detectRules({ width, height, data, dpi }, binarise({ width, height, data, dpi }, 128));
    expect(rules.vertical.map((v) => [Math.round(v.x0 - 2.5), v.y0, v.y1])).toEqual([100, 600, 1100].map((x) => [x, 100, 902]));
  });
});

describe('dust around the tables', () => {
  /** A 200-dpi page: a small ruled table, and around it what `extra` draws. */
  function pageWith(extra: (dot: (x: number, y: number, size: number) => void) => void): GrayImage {
    const dpi = 200;
    const [width, height] = [1000, 800];
    const data = new Uint8Array(width * height).fill(255);
    const dot = (x: number, y: number, size: number) => {
      for (let dy = 0; dy < size; dy++) data.fill(50, (y + dy) * width + x, (y + dy) * width + x + size);
    };
    for (const y of [300, 400, 500]) for (let x = 100; x <= 900; x++) data[y * width + x] = 40;
    for (const x of [100, 500, 900]) for (let y = 300; y <= 500; y++) data[y * width + x] = 40;
    extra(dot);
    return { width, height, data, dpi };
  }
  const tablesOf = (image: GrayImage) => {
    const rules = detectRules(image, binarise(image, 128));
    const pt = (v: number) => toPoints(v, image.dpi);
    const segments = [
      ...rules.horizontal.map((h) => ({ x0: pt(h.x0), x1: pt(h.x1), y0: pt(h.y0), y1: pt(h.y0) })),
      ...rules.vertical.map((v) => ({ x0: pt(v.x0), x1: pt(v.x0), y0: pt(v.y0), y1: pt(v.y1) })),
    ];
    return pageTables(withoutDust(image), segments, 1);
  };

  it('leaves nothing to read when only specks lie around the tables', () => {
    // Specks of 2–4 px (0.01–0.02 in), one pair side by side, as a scanner's dust and grain make them.
    const page = pageWith((dot) => [[120, 620, 3], [140, 622, 4], [700, 150, 2], [400, 700, 3], [860, 90, 4]].forEach(([x, y, s]) => dot(x!, y!, s!)));
    expect(tablesOf(page).around).toBeNull();
  });

  it('leaves nothing to read when only a shadow’s rim runs along the sheet’s edge, and keeps print clear of it', () => {
    // What flattening leaves of a shadow at the very edge: 16 px (0.08 in) from 110 up to paper.
    const rim = (page: GrayImage) => {
      for (let y = 0; y < page.height; y++) for (let x = 0; x < 16; x++) page.data[y * page.width + x] = Math.min(page.data[y * page.width + x]!, 110 + 8 * x);
      return page;
    };
    expect(tablesOf(rim(pageWith(() => {}))).around).toBeNull();
    // A line of glyph-sized blocks 0.2 in in from the edge is print, and stays.
    const printed = tablesOf(rim(pageWith((dot) => { for (let x = 40; x < 300; x += 34) dot(x, 150, 26); })));
    expect(printed.around?.data[160 * 1000 + 50]).toBe(50);
  });

  it('takes a speck out of an empty cell and keeps a decimal point between its digits', () => {
    const page = pageWith((dot) => {
      dot(300, 440, 3); // alone in the empty cell below
      for (const x of [600, 640]) dot(x, 320, 24); // `0.5`: two digit-sized blocks…
      dot(628, 340, 4); // …and the point between them
    });
    const clean = withoutDust(page);
    expect(clean.data[441 * 1000 + 301]).toBe(255);
    expect(clean.data[341 * 1000 + 629]).toBe(50);
  });

  it('keeps text around the tables with the full stop beside it', () => {
    const page = pageWith((dot) => {
      for (let x = 150; x < 450; x += 34) dot(x, 150, 26); // a line of glyph-sized blocks
      dot(456, 172, 4); // its full stop, a few pixels after the last glyph
    });
    const around = tablesOf(page).around;
    expect(around).not.toBeNull();
    expect(around!.data[173 * 1000 + 457]).toBe(50);
    expect(around!.data[160 * 1000 + 160]).toBe(50);
  });
});

describe('strokes of blurred characters beside a border', () => {
  it('are not a short border, even when they start at a vertical', () => {
    // A merged cell 1 in wide holding a line of glyphs whose bottom strokes run together from
    // the cell's left border for 0.45 in (150-dpi print brought to 200 dpi): above and below the
    // run lies the rest of each glyph. The table's real rules are all found, that run is not.
    const dpi = 200;
    const [width, height] = [1000, 700];
    const data = new Uint8Array(width * height).fill(255);
    const fill = (x0: number, y0: number, x1: number, y1: number, level = 40) => {
      for (let y = y0; y < y1; y++) data.fill(level, y * width + x0, y * width + x1);
    };
    for (const y of [100, 300, 500]) fill(100, y, 902, y + 2);
    for (const x of [100, 300, 900]) fill(x, 100, x + 2, 502);
    fill(300, 400, 600, 402); // a border of the right-hand cells only: starts at a vertical, reaches the next column
    fill(600, 300, 602, 502);
    fill(102, 330, 192, 332); // the glyphs' bottom strokes, run together from the border
    for (let g = 104; g < 190; g += 22) {
      for (const s of [0, 5, 10, 15]) fill(g + s, 306 + s / 5, g + s + 4, 340 - s / 5);
      fill(g + 2, 312, g + 18, 314);
    }
    const image = { width, height, data, dpi };
    const rules = detectRules(image, binarise(image, 128));
    const found = rules.horizontal.map((h) => [Math.round(h.y0), h.x0, h.x1]).sort((a, b) => a[0]! - b[0]!);
    expect(found).toEqual([
      [101, 100, 901],
      [301, 100, 901],
      [401, 300, 601],
      [501, 100, 901],
    ]);
  });
});

describe('a ruled table of long prose', () => {
  it('keeps its own rows: gaps in its tall rows and stacked header glyphs are not lost rules', () => {
    // 200 dpi, five columns, rules at the top, under the header and at the foot only: a header
    // whose first cell stacks a glyph a line (a narrow `一级指标`) beside one-line cells, then one
    // tall row where the fourth column wraps twenty lines of prose and the others print a line or two.
    const dpi = 200;
    const [width, height] = [1400, 1500];
    const { data, fill } = whitePage(width, height, 30);
    const columns = [100, 200, 400, 600, 1000, 1300];
    const [top, head, foot] = [100, 330, 1400];
    for (const y of [top, head, foot]) fill(columns[0]!, y, columns[5]! + 2, y + 2);
    for (const x of columns) fill(x, top, x + 2, foot + 2);
    const glyph = (x: number, y: number) => {
      fill(x, y + 12, x + 28, y + 15);
      fill(x + 13, y, x + 16, y + 28);
    };
    const line = (c: number, y: number) => {
      for (let x = columns[c]! + 10; x + 30 < columns[c + 1]!; x += 34) glyph(x, y);
    };
    for (let k = 0; k < 4; k++) glyph(135, 120 + 52 * k);
    for (const c of [1, 2, 3, 4]) line(c, 200);
    for (let k = 0; k < 20; k++) line(3, 360 + 50 * k);
    for (const c of [1, 2, 4]) line(c, 800);
    line(2, 850);
    const image = { width, height, dpi, data };
    const ink = binarise(image, 128);
    const rules = detectRules(image, ink);
    expect(rules.horizontal).toHaveLength(3);
    expect(inferRows(ink, width, height, rules, dpi).horizontal).toHaveLength(0);
  });
});
