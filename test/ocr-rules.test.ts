import { describe, expect, it } from 'vitest';
import type { OcrWord } from '../parsers/ocr/cache';
import { correctNumberText, correctWord } from '../parsers/ocr/correct-numbers';
import { measureSkew, rotateImage } from '../parsers/ocr/deskew';
import { settleBrackets } from '../parsers/ocr/brackets';
import { despeckle } from '../parsers/ocr/despeckle';
import { settlePunctuationWidth } from '../parsers/ocr/punctuation-width';
import { cellLines, isShort } from '../parsers/ocr/cell-lines';
import { binarise, detectRules, eraseRules, otsuThreshold } from '../parsers/ocr/detect-rules';
import { grayHistogram, type GrayImage } from '../parsers/ocr/gray-image';
import { joinWords } from '../parsers/ocr/join-words';
import { unreadCells } from '../parsers/ocr/unread-ink';
import { carriedLabelFindings, looksLikeMisreadMark, looksMisread, looksMisreadLevelLabel } from '../pipeline/reports/ocr-findings';
import type { Finding } from '../schemas/dataset';

/** A word as the reader gave it, from symbols `[text, x0, x1]` (and optional y0, y1). */
function word(symbols: Array<[string, number, number, number?, number?]>, line = 1): OcrWord {
  const s = symbols.map(([text, x0, x1, y0 = 0, y1 = 23]) => ({ text, x0, x1, y0, y1 }));
  return {
    text: s.map((x) => x.text).join(''),
    confidence: 90,
    x0: Math.min(...s.map((x) => x.x0)),
    x1: Math.max(...s.map((x) => x.x1)),
    y0: Math.min(...s.map((x) => x.y0)),
    y1: Math.max(...s.map((x) => x.y1)),
    lineHeight: 30,
    line,
    symbols: s,
  };
}

describe('number post-correction (real misreads of the scanned corpus)', () => {
  it('reads a serif % split into "9%6" as one % (symbol boxes from 002, page 1)', () => {
    // tesseract.js read 26.51% as `26.519%6`: the 9 and the 6 lie inside the % glyph's box.
    const w = word([['2', 870, 884], ['6', 887, 901], ['.', 904, 926], ['5', 920, 932], ['1', 930, 942], ['9', 947, 956], ['%', 945, 971], ['6', 962, 971], ['。', 973, 983]]);
    const { word: fixed, correction } = correctWord(w);
    expect(fixed.text).toBe('26.51%。');
    expect(correction).toBe('26.519%6。 → 26.51%。');
  });

  it('gives ≥ back its bar: a `>` as tall as the digits and on their baseline (002, page 2)', () => {
    // `≥70%` read as `>709%6`: the bar is dropped and the % split; boxes as the reader gave them.
    const w = word([['>', 664, 679, 1023, 1042], ['7', 683, 697, 1020, 1042], ['0', 698, 713, 1020, 1043], ['9', 713, 724, 1020, 1043], ['%', 723, 729, 1020, 1043], ['6', 715, 741, 1020, 1043]]);
    expect(correctWord(w).word.text).toBe('≥70%');
  });

  it('leaves a real > alone: short, above the baseline', () => {
    const w = word([['>', 664, 679, 1027, 1037], ['9', 683, 697, 1020, 1042], ['0', 698, 713, 1020, 1042]]);
    expect(correctWord(w).word.text).toBe('>90');
    expect(correctWord(w).correction).toBeNull();
  });

  it('keeps digits that merely touch (78.60%: the point overlaps nothing)', () => {
    const w = word([['7', 798, 812], ['8', 814, 828], ['.', 831, 835], ['6', 839, 853], ['0', 855, 870], ['%', 872, 898]]);
    expect(correctWord(w)).toEqual({ word: w, correction: null });
  });

  it('fixes letters and marks inside numbers only', () => {
    expect(correctNumberText('1O0%')).toBe('100%');
    expect(correctNumberText('l00')).toBe('100');
    expect(correctNumberText('95，64')).toBe('95.64');
    expect(correctNumberText('≧95％')).toBe('≥95%');
    expect(correctNumberText('1,234')).toBe('1,234');
    expect(correctNumberText('1,2,3')).toBe('1,2,3');
    expect(correctNumberText('OCR')).toBe('OCR');
    expect(correctNumberText('达到70，')).toBe('达到70，');
  });

  it('leaves words without digits alone (prose is not guessed at)', () => {
    const w = word([['有', 0, 30], ['所', 32, 62], ['提', 64, 94]]);
    expect(correctWord(w).correction).toBeNull();
  });
});

describe('joining words into text as printed', () => {
  const noRules = { horizontal: [], vertical: [] };
  it('joins Chinese characters without the spaces the reader puts between them', () => {
    const words = [word([['医', 0, 28]]), word([['疗', 32, 60]]), word([['2023', 66, 120]]), word([['年', 124, 152]])];
    expect(joinWords(words, noRules).map((w) => w.text)).toEqual(['医疗2023年']);
  });

  it('keeps a space between Latin words and never joins over a rule', () => {
    const words = [word([['DIP', 0, 40]]), word([['pay', 52, 90]]), word([['分', 130, 158]])];
    const rule = { x0: 110, x1: 110, y0: -10, y1: 40, thickness: 2, from: 109, to: 111 };
    expect(joinWords(words, { horizontal: [], vertical: [rule] }).map((w) => w.text)).toEqual(['DIP pay', '分']);
  });
});

/** A white page with a ruled grid (3 × 3 cells) and a few character-like blobs. */
function gridPage(): GrayImage {
  const width = 800;
  const height = 600;
  const data = new Uint8Array(width * height).fill(250);
  const ink = (x0: number, y0: number, x1: number, y1: number) => {
    for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) data[y * width + x] = 20;
  };
  for (const y of [100, 200, 300, 400]) ink(100, y, 700, y + 1);
  for (const x of [100, 300, 500, 700]) ink(x, 100, x + 1, 401);
  // "Characters": short strokes inside the cells, never long enough to be rules.
  for (const [x, y] of [[130, 140], [330, 240], [530, 340]] as const) {
    ink(x, y, x + 28, y + 2);
    ink(x + 12, y - 10, x + 14, y + 20);
  }
  return { width, height, data, dpi: 200 };
}

describe('thresholds and histograms counted a word at a time', () => {
  // Every level, in an odd-length run, also as a view starting off a word boundary.
  const levels = new Uint8Array(4099).map((_, i) => (i * 37 + (i >> 8)) % 256);
  const images = [levels, levels.subarray(1), levels.subarray(2, 4001)];
  it('marks exactly the pixels at or below the threshold, at every threshold', () => {
    for (const data of images) {
      const image = { width: data.length, height: 1, data, dpi: 200 };
      for (const threshold of [-1, 0, 1, 127.5, 128, 200, 254, 255, 300]) {
        expect([...binarise(image, threshold)]).toEqual([...data].map((v) => (v <= threshold ? 1 : 0)));
      }
    }
  });
  it('counts each level as one at a time would', () => {
    for (const data of images) {
      const counts = new Array<number>(256).fill(0);
      for (const v of data) counts[v]!++;
      expect([...grayHistogram(data)]).toEqual(counts);
    }
  });
});

describe('page images: skew and ruling lines', () => {
  it('measures a tilt from the rules and straightens it', () => {
    const page = gridPage();
    const tilted = rotateImage(page, -1.2);
    const skew = measureSkew(tilted, binarise(tilted));
    expect(skew).toBeGreaterThan(1.1);
    expect(skew).toBeLessThan(1.3);
    expect(Math.abs(measureSkew(page, binarise(page)))).toBeLessThan(0.05);
  });

  it('finds the grid and not the strokes of characters, and erases the grid only', () => {
    const page = gridPage();
    const mask = binarise(page, otsuThreshold(page));
    const rules = detectRules(page, mask);
    expect(rules.horizontal.map((h) => h.y0)).toEqual([100.5, 200.5, 300.5, 400.5]);
    expect(rules.vertical).toHaveLength(4);
    const clean = eraseRules(page, rules);
    expect(clean.data[200 * 800 + 400]).toBe(255); // on a rule
    expect(clean.data[141 * 800 + 140]).toBe(20); // a character stroke
  });
});

describe('rules that come out in pieces (a hairline at a resampled resolution, a fax page)', () => {
  /** A 200-dpi page with one table: 3 rows × 2 columns, every rule drawn in dashes with gaps. */
  function dashedTable(dash: number, gap: number): GrayImage {
    const width = 1200;
    const height = 800;
    const data = new Uint8Array(width * height).fill(255);
    const dashed = (from: number, to: number, put: (k: number) => void) => {
      for (let k = from; k <= to; k++) if ((k - from) % (dash + gap) < dash) put(k);
    };
    // The outer rules end in a whole dash (a dash too short to count would leave them short).
    for (const y of [100, 300, 500, 689]) dashed(100, 1039, (x) => (data[y * width + x] = 60));
    for (const x of [100, 570, 1039]) dashed(100, 689, (y) => (data[y * width + x] = 60));
    return { width, height, data, dpi: 200 };
  }
  /** Rules as found, rounded: where horizontal ones lie and how far they reach. */
  const found = (page: GrayImage) => {
    const rules = detectRules(page, binarise(page, 128));
    return {
      horizontal: rules.horizontal.map((h) => [Math.round(h.y0), h.x0, h.x1]),
      vertical: rules.vertical.map((v) => [Math.round(v.x0), v.y0, v.y1]),
    };
  };

  it('joins the dashes of each rule into one rule from end to end', () => {
    // Dashes of 0.25 in with gaps of 0.2 in: none as long as a rule (0.4 in) on its own.
    const rules = found(dashedTable(50, 40));
    expect(rules.horizontal).toEqual([100, 300, 500, 689].map((y) => [y, 100, 1039]));
    expect(rules.vertical).toEqual([100, 570, 1039].map((x) => [x, 100, 689]));
  });

  it('leaves dashes too far apart as they are (not a rule: a dotted leader, a row of marks)', () => {
    const rules = found(dashedTable(50, 120));
    expect(rules.horizontal).toEqual([]);
    expect(rules.vertical).toEqual([]);
  });

  it('does not take the strokes of a line of characters run together for a rule', () => {
    // A row of blurred glyphs: the middle strokes of each pair touch into a thin run as long as
    // a piece of a rule, the rest of each glyph lies above and below it; a real rule under them
    // is kept.
    const width = 1200;
    const height = 400;
    const data = new Uint8Array(width * height).fill(255);
    for (let x = 100; x < 700; x++) if ((x - 100) % 68 < 62) data[200 * width + x] = 40;
    const strokes = [2, 8, 14, 20, 26];
    for (let g = 100; g < 700; g += 34) for (const s of strokes) for (let y = 185; y <= 215; y++) for (let x = g + s; x < g + s + 4; x++) data[y * width + x] = 40;
    for (let x = 100; x < 1100; x++) data[300 * width + x] = 60;
    const page = { width, height, data, dpi: 200 };
    expect(found(page).horizontal).toEqual([[300, 100, 1099]]);
  });

  it('does not run a border up through a title stroke that stands on its line above the table (heldout4 heavy, page 1)', () => {
    // A title glyph's vertical stroke (0.25 in, bold) 0.1 in above the table's top rule, in line
    // with a column border: joined to it across the gap, it drew the border up through the title
    // and cut the title into cells of the table. A border that runs on unbroken past the last
    // rule (a table cut by the page) keeps its length.
    const width = 1200;
    const height = 800;
    const data = new Uint8Array(width * height).fill(255);
    for (const y of [200, 400]) for (let x = 100; x <= 1100; x++) data[y * width + x] = data[(y + 1) * width + x] = 40;
    for (const x of [100, 500, 1100]) for (let y = 200; y <= 401; y++) data[y * width + x] = data[y * width + x + 1] = 40;
    for (let y = 400; y <= 700; y++) data[y * width + 1100] = data[y * width + 1101] = 40;
    for (let y = 130; y <= 180; y++) for (let x = 497; x <= 505; x++) data[y * width + x] = 40;
    const rules = found({ width, height, data, dpi: 200 });
    expect(rules.vertical.sort((a, b) => a[0]! - b[0]!)).toEqual([
      [101, 200, 401],
      [501, 200, 401],
      [1101, 200, 700],
    ]);
  });
});

describe('a cell with ink and no word read', () => {
  it('is told apart from an empty cell and from a cell whose words were read', () => {
    const width = 400;
    const ink = new Uint8Array(width * 100);
    // A digit's worth of ink (a 4 × 20 stroke) in the first two cells, a speck in the third.
    for (const x0 of [20, 120]) for (let y = 40; y < 60; y++) for (let x = x0; x < x0 + 4; x++) ink[y * width + x] = 1;
    ink[50 * width + 220] = 1;
    const cells = [0, 100, 200, 300].map((x0) => ({ x0: x0 + 3, x1: x0 + 96, y0: 3, y1: 96 }));
    const read = [{ text: '2', confidence: 99, x0: 118, x1: 126, y0: 38, y1: 62, lineHeight: 30, line: 1, symbols: [] }];
    expect(unreadCells(ink, width, cells, read, 30)).toEqual([cells[0]]);
  });
});

describe('a confident read one character from a framework level name', () => {
  it('is suspect; the names themselves and other words are not', () => {
    expect(looksMisread('的效指标')).toBe(true);
    expect(looksMisread('绩效自标')).toBe(true);
    expect(['时效指标', '绩效目标', '社会效益指标', '决策依据', '资金分配', '合计'].filter(looksMisread)).toEqual([]);
  });
  it('is suspect in a level column as a label of one character (a merged label read in pieces) or with its column\'s header word in it; whole labels are not', () => {
    expect(['标', '指'].filter(looksMisreadLevelLabel)).toEqual(['标', '指']);
    expect(['一级指标产出指标', '二级指标 数量指标'].filter(looksMisreadLevelLabel)).toEqual(['一级指标产出指标', '二级指标 数量指标']);
    expect(['成本指标', '产出', '效益指标(30分)', '效益指标(30分)满意度指标(10分)'].filter(looksMisreadLevelLabel)).toEqual(['效益指标(30分)满意度指标(10分)']);
  });
  it('is suspect with characters lost inside it; a name printed short at its end is not', () => {
    expect(looksMisread('益标')).toBe(true);
    expect(looksMisread('社会益指标')).toBe(true);
    expect(['效益', '产出', '满意度', '成本', '社会效益', '数量', '决策'].filter(looksMisread)).toEqual([]);
  });
});

describe('a comparison mark read as a letter', () => {
  it('is suspect in a target or actual cell: a capital alone, or opening a value against its number, or a Greek letter', () => {
    expect(['M', 'Λ', 'V58.6万人', 'Λ101400元', 'M 90%', '≥Λ5'].filter(looksLikeMisreadMark)).toEqual(['M', 'Λ', 'V58.6万人', 'Λ101400元', 'M 90%', '≥Λ5']);
    expect(['≥', '≥58.6万人', '≤101400元', '100%', 't', 'kg', 'DIP支付', 'GDP增长6%'].filter(looksLikeMisreadMark)).toEqual([]);
  });
});

describe('a level label carried past a page break', () => {
  // Rows 1 and 2 are past the break: neither printed the level-1 label it shows.
  const labels = [{ level1: '益标', level2: '社会效益指标' }, { level1: '益标', level2: '社会效益指标' }, { level1: '益标', level2: '可持续影响指标' }];
  const doubt = (row: number, field: string, code: string): Finding => ({
    report_id: 'r', row_index: row, field, printed: '益标', expected: null, origin: 'extraction', code, severity: 'warning', message: 'm', page: 3, table_index: 0, source_row: 5, source_column: 0, bbox: null,
  });
  it('takes the doubts of the label from the row above that shows it, pointing at the cell that printed it', () => {
    const found = carriedLabelFindings(labels, [doubt(0, 'level1', 'OCR_SUSPECT_TEXT'), doubt(0, 'level1', 'OCR_LOW_CONFIDENCE')]);
    expect(found.map((f) => [f.row_index, f.field, f.code, f.page, f.source_row])).toEqual([
      [1, 'level1', 'OCR_SUSPECT_TEXT', 3, 5],
      [1, 'level1', 'OCR_LOW_CONFIDENCE', 3, 5],
      [2, 'level1', 'OCR_SUSPECT_TEXT', 3, 5],
      [2, 'level1', 'OCR_LOW_CONFIDENCE', 3, 5],
    ]);
  });
  it('leaves rows that carry their own doubt of it, other labels, and labels read without doubt', () => {
    expect(carriedLabelFindings(labels, [doubt(0, 'level2', 'OCR_SUSPECT_TEXT'), doubt(1, 'level1', 'OCR_SUSPECT_TEXT')]).map((f) => [f.row_index, f.field])).toEqual([
      [1, 'level2'],
      [2, 'level1'],
    ]);
    expect(carriedLabelFindings(labels, [])).toEqual([]);
    // The row's inferred structure is not a doubt of its label.
    expect(carriedLabelFindings(labels, [doubt(0, 'level1', 'OCR_ROWS_INFERRED')])).toEqual([]);
  });
});

describe('a % read as two digits drawn over each other (s004, page 2)', () => {
  it('reads `>9096` as ≥90%: the 9 and the 6 share one %-wide box, the > stands on the baseline', () => {
    const w = word([['>', 1069, 1085, 313, 332], ['9', 1087, 1102, 310, 332], ['0', 1104, 1119, 310, 333], ['9', 1118, 1131, 310, 333], ['6', 1120, 1146, 310, 333]]);
    expect(correctWord(w).word.text).toBe('≥90%');
  });
  it('keeps two real digits side by side (95%: 9 and 5 do not overlap)', () => {
    const w = word([['9', 1356, 1371, 439, 462], ['5', 1374, 1387, 439, 461], ['%', 1389, 1415, 439, 462]]);
    expect(correctWord(w).correction).toBeNull();
  });
});

describe('two real digits whose boxes overlap (s004, page 6)', () => {
  it('keeps 45.44: each 4 is digit-wide, so the pair is not a %', () => {
    const w = word([['4', 1069, 1084], ['5', 1086, 1100], ['.', 1103, 1108], ['4', 1110, 1128], ['4', 1120, 1143]]);
    expect(correctWord(w).word.text).toBe('45.44');
  });
});

describe('a unit after the number (s004, page 7)', () => {
  it('keeps 45.44万元 even when the reader draws the last 4 wide: a % is not followed by 万元', () => {
    const w = word([['4', 100, 114], ['5', 116, 130], ['.', 132, 136], ['4', 138, 152], ['4', 146, 176], ['万', 180, 208], ['元', 210, 238]]);
    expect(correctWord(w).word.text).toBe('45.44万元');
  });
});

describe('≥ read as a 2 (s004, page 7)', () => {
  it('reads `290%` as ≥90% when the 2 reaches far below the digits’ baseline', () => {
    const w = word([['2', 1069, 1085, 1019, 1055], ['9', 1087, 1102, 1016, 1039], ['0', 1104, 1119, 1016, 1039], ['%', 1120, 1146, 1016, 1039]]);
    expect(correctWord(w).word.text).toBe('≥90%');
  });
  it('keeps a real 25%: its 2 is as tall as the 5', () => {
    const w = word([['2', 1069, 1084, 1016, 1039], ['5', 1087, 1102, 1016, 1039], ['%', 1104, 1130, 1016, 1039]]);
    expect(correctWord(w).correction).toBeNull();
  });
});

describe('a % never follows a decimal point (s004, page 5)', () => {
  it('keeps 45.44 when one 4 is read over the other in a %-wide box', () => {
    // Read alone, the cell gave the second 4 a box as wide as both: once `45.%`.
    const w = word([['4', 1069, 1084], ['5', 1086, 1100], ['.', 1103, 1108], ['4', 1110, 1128], ['4', 1110, 1143]]);
    expect(correctWord(w).word.text).toBe('45.44');
  });
});

describe('a Chinese character over a digit’s box (s004, page 2)', () => {
  it('reads `>15个` as ≥15个: the 5’s box reaching over 个 does not make them one glyph', () => {
    const w = word([['>', 1037, 1053, 1301, 1320], ['1', 1057, 1068, 1298, 1320], ['5', 1073, 1126, 1292, 1323], ['个', 1101, 1130, 1286, 1336]]);
    expect(correctWord(w).word.text).toBe('≥15个');
  });
});

describe('specks', () => {
  it('turns dust to paper and keeps a decimal point and strokes', () => {
    const width = 120;
    const height = 60;
    const data = new Uint8Array(width * height).fill(250);
    const ink = (x0: number, y0: number, x1: number, y1: number) => {
      for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) data[y * width + x] = 0;
    };
    ink(10, 10, 30, 40); // a character
    ink(40, 36, 43, 39); // a decimal point: 16 px
    ink(70, 20, 70, 20); // dust: 1 px
    ink(90, 30, 91, 31); // dust: 4 px
    const clean = despeckle({ width, height, data, dpi: 200 });
    expect(clean.data[20 * width + 20]).toBe(0);
    expect(clean.data[37 * width + 41]).toBe(0);
    expect(clean.data[20 * width + 70]).toBe(255);
    expect(clean.data[30 * width + 90]).toBe(255);
  });
});

describe('the width of a mark, from the void beside its ink (002 is set full-width, 004 half-width)', () => {
  // A line of ink 30 px high: a character, a narrow mark, a character; symbols as the reader
  // boxed them (loosely: the mark's box is wider than its ink).
  function line(markText: string, nextAt: number) {
    const width = 200;
    const ink = new Uint8Array(width * 40);
    const fill = (x0: number, x1: number, y0 = 5, y1 = 34) => {
      for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) ink[y * width + x] = 1;
    };
    fill(10, 37); // 中
    fill(42, 45, 14, 30); // the mark
    fill(nextAt, nextAt + 27); // 中
    const w = word([['中', 10, 38, 5, 35], [markText, 40, 52, 14, 31], ['中', nextAt, nextAt + 28, 5, 35]]);
    return settlePunctuationWidth({ ...w, y0: 5, y1: 35 }, ink, width);
  }

  it('makes a mark with an em of white after it full-width (`人;累` as printed `人；累`)', () => {
    expect(line(';', 72).text).toBe('中；中');
    expect(line(':', 72).text).toBe('中：中');
  });
  it('makes a mark with little white half-width (`部署，确` as printed `部署,确`)', () => {
    expect(line('，', 50).text).toBe('中,中');
  });
  it('leaves a mark whose white says neither as read', () => {
    expect(line(';', 62).text).toBe('中;中');
    expect(line('；', 62).text).toBe('中；中');
  });

  // `中(1分)` ending the line: a character, an opening bracket (its ink 4 px wide), a digit, a
  // character, a closing bracket with nothing after it to measure against.
  function bracketed(openAt: number) {
    const width = 240;
    const ink = new Uint8Array(width * 40);
    const fill = (x0: number, x1: number, y0 = 5, y1 = 34) => {
      for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) ink[y * width + x] = 1;
    };
    fill(10, 37); // 中
    fill(openAt, openAt + 3); // (
    fill(openAt + 10, openAt + 22, 8, 34); // 1
    fill(openAt + 28, openAt + 55); // 分
    fill(openAt + 60, openAt + 63); // )
    const w = word([['中', 10, 38, 5, 35], ['(', openAt - 2, openAt + 6, 5, 35], ['1', openAt + 9, openAt + 23, 8, 35], ['分', openAt + 28, openAt + 56, 5, 35], [')', openAt + 58, openAt + 66, 5, 35]]);
    return settlePunctuationWidth({ ...w, y0: 5, y1: 35 }, ink, width);
  }
  it('measures an opening bracket before a digit, and gives its closing bracket at the line end the same width (`（1分）` wrapped in a cell)', () => {
    expect(bracketed(62).text).toBe('中（1分）');
    expect(bracketed(41).text).toBe('中(1分)');
  });
});

describe('brackets that pair', () => {
  it('gives a document number’s year its 〔〕 (GB/T 9704), however the brackets were read', () => {
    expect(settleBrackets('〈桂政办发(2022) 5\n号）、').text).toBe('（桂政办发〔2022〕5号）、');
    expect(settleBrackets('(桂医保发【2023] 12号)等').text).toBe('(桂医保发〔2023〕12号)等');
  });
  it('makes an opener that a parenthesis closes a parenthesis, and says what it changed', () => {
    expect(settleBrackets('追回〈含拒付）医保')).toEqual({ text: '追回（含拒付）医保', changes: ['〈含拒付） → （含拒付）'] });
    expect(settleBrackets('《基准《试行）》').text).toBe('《基准（试行）》');
  });
  it('leaves brackets that pair as read', () => {
    for (const t of ['（2023年度）', '(A)', '《通知》', '第(1)项', '2023年(上半年)']) expect(settleBrackets(t)).toEqual({ text: t, changes: [] });
  });
});

describe('a % read in pieces by the tessdata model (boxes as read from 002 and s004)', () => {
  const cases: Array<[string, Array<[string, number, number, number, number]>, string]> = [
    ['a %-wide 9 and a half-height 6 at its foot', [['1', 799, 810, 208, 230], ['0', 814, 828, 208, 230], ['0', 830, 845, 208, 231], ['9', 847, 873, 208, 231], ['6', 874, 884, 223, 233], ['。', 883, 884, 208, 233]], '100%。'],
    ['the same, a 0 read over the 9', [['1', 939, 968, 544, 566], ['0', 970, 985, 544, 566], ['0', 979, 996, 544, 572], ['9', 987, 1013, 544, 567], ['6', 1016, 1021, 562, 572], [',', 1020, 1021, 544, 572], ['与', 1056, 1077, 538, 569]], '100%,与'],
    ['a narrow 0 inside the % box', [['9', 1308, 1322, 687, 709], ['0', 1325, 1339, 687, 710], ['0', 1340, 1349, 687, 710], ['%', 1342, 1367, 687, 710], ['6', 1355, 1367, 687, 710]], '90%'],
    ['a letter inside the % box', [['9', 1308, 1323, 992, 1015], ['0', 1325, 1339, 992, 1015], ['0', 1340, 1349, 992, 1015], ['%', 1341, 1367, 992, 1015], ['f', 1355, 1367, 992, 1015]], '90%'],
    ['a 6 of another height right after the %', [['8', 1090, 1093, 1376, 1399], ['5', 1096, 1110, 1376, 1399], ['%', 1112, 1138, 1376, 1399], ['6', 1139, 1151, 1370, 1401], ['提', 1154, 1192, 1370, 1401]], '85%提'],
    ['a % alone on its line, read as two digits over each other', [['0', 1463, 1474, 1057, 1080], ['6', 1463, 1489, 1057, 1080]], '%'],
  ];
  it.each(cases)('%s', (_, symbols, kept) => {
    expect(correctWord(word(symbols.map(([t, x0, x1, y0, y1]) => [t, x0, x1, y0, y1]))).word.text).toBe(kept);
  });

  it('keeps a digit that only touches the % (100%: the second 0 is not a piece of it)', () => {
    const w = word([['1', 1106, 1135, 1768, 1790], ['0', 1137, 1151, 1768, 1791], ['0', 1145, 1164, 1762, 1793], ['%', 1153, 1179, 1768, 1791], ['。', 1181, 1191, 1783, 1793]]);
    expect(correctWord(w).word.text).toBe('100%。');
  });
});

describe('the lines of a cell (s004: `台` under `异地就医联网结算平`)', () => {
  it('puts a glyph’s two parts together into one line, and tells the short line from the full one', () => {
    const width = 300;
    const ink = new Uint8Array(width * 120);
    const fill = (x0: number, x1: number, y0: number, y1: number) => {
      for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) ink[y * width + x] = 1;
    };
    fill(10, 280, 10, 39); // 异地就医联网结算平: a full line, 30 px high
    fill(12, 38, 50, 61); // 台: its top part…
    fill(12, 38, 65, 78); // …and its box below, 3 px apart
    const lines = cellLines(ink, width, { x0: 5, y0: 5, x1: 290, y1: 115 });
    expect(lines).toEqual([
      { x0: 10, x1: 280, y0: 10, y1: 39 },
      { x0: 12, x1: 38, y0: 50, y1: 78 },
    ]);
    expect(lines.map(isShort)).toEqual([false, true]);
  });
  it('finds no lines in a cell of one line', () => {
    const width = 100;
    const ink = new Uint8Array(width * 50);
    for (let y = 10; y <= 39; y++) for (let x = 10; x <= 40; x++) ink[y * width + x] = 1;
    expect(cellLines(ink, width, { x0: 0, y0: 0, x1: 99, y1: 49 })).toEqual([]);
  });
});
