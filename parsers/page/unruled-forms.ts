import type { TextRun } from '../../schemas/page';
import { indicatorHeaderOf, isLevelName, LABEL_WEIGHT, type IndicatorField } from '../../pipeline/vocabulary/lexicon';
import { compact, foldWidth } from '../../pipeline/text';
import type { Chunk } from './aligned-tables';
import { splitAtRules, splitAtSpaces, type PlacedCell, type RuledTable } from './ruled-tables';
import { BREAK_DOUBT, labelBlocks, type LabelBlock } from './unruled-labels';
import { markLines, range, splitRows, type Line, type PlacedChunk, type UnruledRow } from './unruled-rows';
import { headerWords, pageLines, SAME_START, HEADER_LINES, stacksOf, type StackWord } from './unruled-stacks';
import { joinLines } from './text-lines';
import { doubtClippedCells } from './unruled-clipped';

/**
 * Evaluation forms printed without rules (a spreadsheet printed without cell borders, a Word
 * table exported borderless): the columns come from the header row, found by the vocabulary's
 * header words, its cells' text set flush left at each column's start; the rows from the text
 * lines under it (`unruled-rows.ts`), the level labels' blocks from where the labels stand
 * (`unruled-labels.ts`). Every cell says it was read so, and what the read could not decide: a
 * table without rules is a guess where rules would have decided, and the report's self-checks
 * hold it to stricter shapes.
 */

/** Header columns of a form: at least this many, one a level and one a value. */
const MIN_HEADER_COLUMNS = 3;
/** A blank this wide (font sizes) between two runs parts words; glyphs set side by side touch. */
const WORD_GAP = 0.1;
/** A chunk reaching this many font sizes over a column edge is no cell of the table (a title, a paragraph). */
const STRADDLE = 1;
/** A blank this many font sizes high ends a table. */
const TABLE_GAP = 4;

const LEVELS: ReadonlySet<IndicatorField | 'points'> = new Set(['level1', 'level2', 'level3']);
const LABELS: ReadonlySet<IndicatorField | 'points'> = new Set(['section', 'level1', 'level2']);
const VALUES: ReadonlySet<IndicatorField | 'points'> = new Set(['target', 'actual', 'points', 'score', 'weight', 'share']);
/** Columns that print one short value on each row, in the order they are trusted to mark rows. */
const ROW_MARKS: ReadonlyArray<IndicatorField | 'points'> = ['points', 'weight', 'share', 'score', 'review_score'];

type HeaderField = IndicatorField | 'points';
const headerField = (text: string): HeaderField | undefined => indicatorHeaderOf(text)?.field;
type HeaderWord = StackWord<HeaderField>;

/** What a table found on one page hands to the next: its columns, to read a continuation without a header. */
export interface UnruledColumns {
  edges: number[];
  fields: Array<HeaderField | null>;
  /** The page ended on the header itself: no row, and no level block, goes on from above. */
  headerOnly?: boolean;
  /** The page ended on a row cut under its first line: its rest may start the next page. */
  cutAtTop?: boolean;
  /** The page ended on the top of a row whose mark is on the next page: the next page's first row is its rest. */
  beforeMark?: boolean;
}

export interface UnruledResult {
  tables: RuledTable[];
  rest: TextRun[];
  /** The columns of the page's last table when it reaches the page's last line of text. */
  ending: UnruledColumns | null;
  /** A form's header was found under which no row was read, and that does not end the page. */
  unread: boolean;
  /** The page went on with the table of `carried`. */
  continued: boolean;
}

/**
 * Header rows: words on overlapping or adjacent lines, in several columns, naming a level and a
 * value. A section label (`绩效指标`) is a cell merged down beside the header and its rows: set in
 * a column one character wide, its characters stand one a line down past the header into the
 * rows, so it joins the band its lines cross but does not stretch it.
 */
function headerBands(words: Array<HeaderWord>): Array<{ top: number; bottom: number; words: Array<HeaderWord> }> {
  const bands: Array<{ top: number; bottom: number; words: Array<HeaderWord> }> = [];
  // A word under the band joins it where a word of the band wraps on down to its lines, each cell
  // in its own column (a paragraph's lines over the header run over other words' columns).
  const crosses = (word: HeaderWord, band: { top: number; bottom: number; words: Array<HeaderWord> }) =>
    (word.top <= band.bottom + 1 && word.bottom >= band.top - 1) ||
    (band.words.some((u) => reach(u, words) >= word.top && reach(u, words) <= word.bottom) && band.words.every((u) => apart(u, word, words)));
  for (const word of words.filter((w) => w.field !== 'section')) {
    const band = bands.find((b) => crosses(word, b));
    if (band) {
      band.words.push(word);
      band.top = Math.min(band.top, word.top);
      band.bottom = Math.max(band.bottom, word.bottom);
    } else bands.push({ top: word.top, bottom: word.bottom, words: [word] });
  }
  for (const word of words.filter((w) => w.field === 'section')) bands.find((b) => crosses(word, b))?.words.push(word);
  return bands.filter((b) => {
    const starts = new Set(b.words.map((w) => Math.round(w.x0 / SAME_START)));
    return starts.size >= MIN_HEADER_COLUMNS && b.words.some((w) => LEVELS.has(w.field)) && b.words.some((w) => VALUES.has(w.field));
  });
}

/**
 * The last line a header word's cell reaches: its stack's lines on each next line of the page,
 * where the stack ends with them (a header cell set to its top whose name wraps on, `预期指标值` /
 * `（包含数字及` / `文字描述）`, beside cells whose one-line names print on its last line, a blank
 * under them all). A stack going on past them holds a row's lines (a value right under its
 * name): the word reaches no further than its own lines. The band is joined across a word's
 * reach, not stretched by it.
 */
function reach(word: HeaderWord, words: Array<HeaderWord>): number {
  let last = word.bottom;
  for (const item of word.stack.items) if (item.line === last + 1 && last + 1 < word.top + HEADER_LINES) last = item.line;
  const ends = word.stack.items[word.stack.items.length - 1]!.line === last;
  // Another header word under it in its column (a paragraph's line over the header, `得分 20 分…`, over `一级指标`) is no wrapped line of its cell.
  const named = words.some((w) => w !== word && w.stack === word.stack && w.top > word.bottom && w.top <= last);
  return ends && !named ? last : word.bottom;
}

/** How far right a header word's cell prints, down to its reach. */
const rightOf = (word: HeaderWord, words: Array<HeaderWord>) => Math.max(...word.stack.items.filter((it) => it.line >= word.top && it.line <= reach(word, words)).map((it) => it.chunk.x1));
/** Two header words whose cells, down to their reach, stand side by side. */
const apart = (a: HeaderWord, b: HeaderWord, words: Array<HeaderWord>) => rightOf(a, words) <= b.x0 || rightOf(b, words) <= a.x0;

/**
 * The columns `above` when the band is their header printed again: each of its words stands at
 * one of their starts and names that column's field, and they are most of its named columns
 * (words two columns' cells run into are read as the first's). Null when it is another header.
 */
function repeats(band: { words: Array<HeaderWord> }, above: UnruledColumns | null): UnruledColumns | null {
  if (!above) return null;
  const at = (w: HeaderWord) => above.edges.findIndex((e, k) => k < above.fields.length && Math.abs(e - w.x0) <= SAME_START);
  const matched = new Set(band.words.map((w) => (above.fields[at(w)] === w.field ? at(w) : -1)));
  if (matched.has(-1)) return null;
  return 2 * matched.size >= above.fields.filter((f) => f !== null).length ? above : null;
}

/**
 * The header's last line, where the lines under it to the page's foot print nothing but the rest
 * of its words' cells (`未完成` / `原因和` / `改进措` / `施`, `实际完成值` / `(B)`: a word read in its
 * first lines, its cell wrapping on, the header set to its cells' top): a header ending its page,
 * its rows on the next. A header cell holds `HEADER_LINES` lines at most: a column's lines running
 * on past that are a row's (a long cell printing alone on its first lines, set to its row's
 * middle). Elsewhere than at the foot fewer such lines may be a row's too, so the band is taken
 * as its words make it.
 */
function wrappedToFoot(lines: Line[], band: { bottom: number; words: Array<HeaderWord> }, stop: number): number {
  const rest = new Set(band.words.flatMap((w) => w.stack.items.filter((it) => it.line > w.bottom && it.line < w.top + HEADER_LINES).map((it) => it.chunk)));
  let last = band.bottom;
  while (last + 1 < stop && lines[last + 1]!.chunks.every((c) => rest.has(c))) last++;
  return last > band.bottom && endsPage(lines, last) ? last : band.bottom;
}

/** A table that ends the page's text (but for a line under it: a foot no other page repeats) may go on. */
const endsPage = (lines: Line[], line: number) => line >= lines.length - 2;

/** A run across a column edge: text set over the columns, no cell's. */
const straddles = (run: TextRun, edges: number[]) => edges.slice(1, -1).some((e) => run.x0 < e - run.size * STRADDLE && run.x1 > e + run.size * STRADDLE);
/**
 * A body run's cells' texts: a run a column edge crosses cut at its spaces (a print giving one
 * line of a row, across its cells, as one string: `保结算县(市)数量 12个`, the level-3 name's last
 * line and the target beside it).
 */
const cellRuns = (run: TextRun, edges: number[]) => splitAtRules(run, edges.slice(1, -1));
const columnOf = (box: { x0: number; x1: number }, edges: number[]) => {
  const cx = (box.x0 + box.x1) / 2;
  const i = edges.findIndex((e, k) => k > 0 && cx < e);
  return i < 0 ? edges.length - 2 : Math.max(0, i - 1);
};

/**
 * Finds the unruled evaluation forms among a page's runs (a page without rules). `carried`: the
 * columns the page before ended its table on, for a continuation printed without its header; `scanned`: a page read by OCR.
 */
export function findUnruledForms(runs: TextRun[], page: number, carried: UnruledColumns | null, scanned = false, clipped: readonly TextRun[] = []): UnruledResult {
  const lines = pageLines(runs);
  const words = headerWords(stacksOf(lines), headerField);
  const bands = headerBands(words);
  const result: UnruledResult = { tables: [], rest: [], ending: null, unread: false, continued: false };
  const used = new Set<TextRun>();
  const useLines = (indices: Iterable<number>) => {
    for (const i of indices) lines[i]!.chunks.forEach((c) => c.runs.forEach((r) => used.add(r)));
  };
  // Each table's lines and columns, for a header printed again under it.
  const tableLines = new Map<RuledTable, number[]>();
  const columnsAbove = new Map<RuledTable, UnruledColumns>();
  const take = (table: { table: RuledTable; lines: number[]; columns: UnruledColumns } | null) => {
    if (!table) return;
    result.tables.push(table.table);
    tableLines.set(table.table, table.lines);
    columnsAbove.set(table.table, table.columns);
    useLines(table.lines);
    result.ending = endsPage(lines, Math.max(...table.lines)) ? table.columns : null;
  };
  if (carried && (bands.length === 0 || bands[0]!.top > 0)) {
    // The continuation starts the page (a sheet's title over it aside).
    const first = lines.findIndex((l) => l.chunks.every((c) => c.runs.every((r) => !straddles(r, carried.edges))));
    const starts = first >= 0 && first <= 1;
    const read = starts ? readBody(lines, first, bands[0]?.top ?? lines.length, carried, page, null, scanned, clipped) : null;
    result.continued = read !== null;
    take(read);
    // A page of the table's columns to its foot, no row ending on it: the middle of a row taller
    // than the page (Calc prints it on past the paper's edge, its 分值 and its end printed nowhere).
    // The row is lost, and the page says so; the table goes on on the next page.
    const through = starts && read === null && bands.length === 0 ? bodyLines(lines, first, lines.length, carried, null) : [];
    if (through.length > 0 && endsPage(lines, through[through.length - 1]!)) {
      useLines(through);
      result.ending = carried;
      result.continued = true;
      result.unread = true;
    }
  }
  bands.forEach((band, b) => {
    const stop = bands[b + 1]?.top ?? lines.length;
    // The header printed again right under the table above, or at the top of a page going on with
    // the page before's (a sheet that repeats its header rows in its data where a page of the
    // original broke): the rows under it go on with that table, in its columns.
    const above = result.tables[result.tables.length - 1];
    const from = above ? Math.max(...tableLines.get(above)!) + 1 : 0;
    const again = band.top === from ? repeats(band, above ? columnsAbove.get(above)! : carried) : null;
    if (again) {
      const read = readBody(lines, band.bottom + 1, stop, { ...again, cutAtTop: false, beforeMark: false }, page, null, scanned, clipped);
      if (read) {
        read.table.underHeaderAgain = true;
        useLines(range(band.top, band.bottom));
        const joined = above ? appendUnruled(above, read.table) : null;
        if (joined) {
          result.tables[result.tables.length - 1] = joined;
          columnsAbove.set(joined, read.columns);
          tableLines.set(joined, [...tableLines.get(above!)!, ...range(band.top, band.bottom), ...read.lines]);
          useLines(read.lines);
          result.ending = endsPage(lines, Math.max(...read.lines)) ? read.columns : null;
        } else {
          take({ ...read, lines: [...range(band.top, band.bottom), ...read.lines] });
          result.continued = true;
        }
        return;
      }
    }
    const columns = withSection(columnsOf(lines, band, lines.slice(band.bottom + 1, stop)), words, band.bottom, stop);
    const header = { top: band.top, bottom: band.bottom };
    const body = readBody(lines, band.bottom + 1, stop, columns, page, header, scanned, clipped);
    // Lines under the header that only go on with its words' cells are no row's top.
    const read = body?.columns.beforeMark === true && wrappedToFoot(lines, band, stop) > band.bottom ? null : body;
    // A header with no rows read under it is a table of its header alone: where it ends the page
    // (Calc's rows taller than what is left of it, or the rest of its words' wrapped lines) its
    // rows may go on on the next, else the read lost them, and the header says where.
    const alone = read === null ? { ...band, bottom: wrappedToFoot(lines, band, stop) } : band;
    take(read ?? headerPart(lines, alone, columns, page));
    if (read === null && !endsPage(lines, alone.bottom)) result.unread = true;
  });
  result.rest = runs.filter((r) => !used.has(r));
  return result;
}

/**
 * Column starts from the header band's chunks; the fields its words name. A header chunk two
 * columns' words run into (`实际值(2022年)评分标准`, each filling its cell) is cut where the
 * lines under it start their text (`aligned`): each part then names its own column.
 */
function columnsOf(lines: Line[], band: { top: number; bottom: number; words: Array<HeaderWord> }, body: Line[]): UnruledColumns {
  const starts: number[] = [];
  const cuts: number[] = [];
  let x1 = 0;
  const aligned = alignedStarts(body);
  const textOf = (runs: TextRun[]) => runs.map((r) => r.text).join('');
  // The band's words, a run printing several (`分值 实际完成情况`, a space between them) cut at its spaces.
  const bandWords = range(band.top, band.bottom).flatMap((i) => lines[i]!.chunks.flatMap((c) => c.runs.flatMap(splitAtSpaces)));
  const middle = (r: TextRun) => (r.x0 + r.x1) / 2;
  // A cut crosses no word of the band and names a header word on each side (a right-aligned number
  // under a header word's middle does not), each side read with the band's lines over and under it (`分` over `值 指标说明`:
  // a narrow column's word wrapped, set to its middle, beside the next column's).
  const cutsWords = (c: Chunk, x: number) =>
    !bandWords.some((r) => r.x0 < x - 0.5 && r.x1 > x + 0.5) &&
    headerField(textOf(bandWords.filter((r) => middle(r) >= c.x0 - SAME_START && middle(r) < x))) !== undefined &&
    headerField(textOf(bandWords.filter((r) => middle(r) >= x && middle(r) <= c.x1))) !== undefined;
  for (let i = band.top; i <= band.bottom; i++) {
    for (const c of lines[i]!.chunks) {
      if (!starts.some((s) => Math.abs(s - c.x0) <= SAME_START)) starts.push(c.x0);
      // Where a chunk may be two cells: where the lines under it start their text, and where a word
      // of it starts after a blank (columns set so tight that two header cells' texts all but touch).
      const inner = [...aligned, ...wordsAfterBlank(c)];
      for (const x of inner) if (x > c.x0 + SAME_START && x < c.x1 - SAME_START && !cuts.some((k) => Math.abs(k - x) <= SAME_START) && cutsWords(c, x)) cuts.push(x);
      x1 = Math.max(x1, c.x1);
    }
  }
  for (const x of cuts) if (!starts.some((s) => Math.abs(s - x) <= SAME_START)) starts.push(x);
  starts.sort((a, b) => a - b);
  const headerRuns = headerRunsOf(lines, band, cuts);
  const fields = starts.map((s, k) => {
    // A column beside a cut: its field from its own part of the header's text.
    const cut = cuts.some((x) => Math.abs(x - s) <= SAME_START || Math.abs(x - (starts[k + 1] ?? Infinity)) <= SAME_START);
    if (cut) return headerField(textOf(headerRuns.filter((r) => (r.x0 + r.x1) / 2 >= s && (r.x0 + r.x1) / 2 < (starts[k + 1] ?? Infinity)))) ?? null;
    return band.words.find((w) => Math.abs(w.x0 - s) <= SAME_START)?.field ?? null;
  });
  return { edges: [...starts.map((s, k) => (k === 0 ? s : s - 0.5)), x1], fields };
}

/**
 * Where a chunk's words start after a blank: after a space inside a run, or after a gap between
 * runs. Glyphs of one word set side by side (a browser's print, a run a glyph) touch.
 */
function wordsAfterBlank(chunk: Chunk): number[] {
  const words = [...chunk.runs].sort((a, b) => a.x0 - b.x0).flatMap(splitAtSpaces);
  return words.flatMap((w, k) => (k > 0 && w.x0 - words[k - 1]!.x1 > w.size * WORD_GAP ? [w.x0] : []));
}

/** The header's runs, a run that prints the words of two columns (a space between them) cut where the column edge crosses it. */
const headerRunsOf = (lines: Line[], header: { top: number; bottom: number }, edges: number[]) =>
  range(header.top, header.bottom).flatMap((i) => lines[i]!.chunks.flatMap((c) => c.runs.flatMap((r) => splitAtRules(r, edges))));

/** Lines under a header that start a chunk at one place for a column to start there. */
const ALIGNED_LINES = 3;

/** Places where text starts on several lines: the left edges of columns set flush left. */
function alignedStarts(body: Line[]): number[] {
  const xs = body.flatMap((l) => l.chunks.map((c) => c.x0));
  const out: number[] = [];
  for (const x of xs) {
    if (out.some((o) => Math.abs(o - x) <= SAME_START)) continue;
    if (body.filter((l) => l.chunks.some((c) => Math.abs(c.x0 - x) <= SAME_START)).length >= ALIGNED_LINES) out.push(x);
  }
  return out;
}

/**
 * A section label (`年度绩效指标`) merged down the form's left side, beside the header and its
 * rows, printed left of the header's first column: a column of its own.
 */
function withSection(columns: UnruledColumns, words: Array<HeaderWord>, from: number, to: number): UnruledColumns {
  const section = words.find((w) => w.field === 'section' && w.x0 < columns.edges[0]! - SAME_START && w.bottom >= from - HEADER_LINES && w.top < to);
  return section ? { edges: [section.x0, ...columns.edges.map((e, k) => (k === 0 ? e - 0.5 : e))], fields: ['section', ...columns.fields] } : columns;
}

/** The lines from `start` on that a table of these columns prints: up to a paragraph over the columns, or a wide blank. */
function bodyLines(lines: Line[], start: number, stop: number, columns: UnruledColumns, header: { bottom: number } | null): number[] {
  const body: number[] = [];
  for (let i = start; i < stop; i++) {
    const line = lines[i]!;
    const previous = lines[body[body.length - 1] ?? header?.bottom ?? -1];
    if (previous && line.y0 - previous.y1 > line.size * TABLE_GAP && !inColumns(line, columns.edges)) break;
    if (line.chunks.some((c) => (c.x0 < columns.edges[0]! - line.size && !asideSection(c, columns.edges)) || c.runs.some((r) => cellRuns(r, columns.edges).some((piece) => straddles(piece, columns.edges))))) break;
    body.push(i);
  }
  return body;
}

/**
 * A line whose every cell's text is set in its column, flush left at its start or flush right at
 * its end (a number): a row of the table under a wide blank (a sheet's row saved
 * taller than its text, which is set to the row's bottom), not a paragraph (which `bodyLines` ends
 * the table on where it runs over a column's edge). The line's chunks are cut into cells by the
 * columns first: a right-aligned number touching the next column's left-aligned text is one chunk.
 */
function inColumns(line: Line, edges: number[]): boolean {
  const near = (a: number, b: number) => Math.abs(a - b) <= SAME_START;
  return cellsOfLine(line, edges).every(({ chunk, col }) => {
    const [x0, x1] = [edges[col]!, edges[col + 1]!];
    return near(chunk.x0, x0) || near(chunk.x1, x1);
  });
}

/**
 * A section label (`绩效指标`) printed left of the table's first column, beside its rows: the
 * cell merged down the form's left side, its header no column's (Calc sets it on a row's line).
 * The line it stands on goes on with the table; the label is no cell of it.
 */
const asideSection = (chunk: Chunk, edges: number[]) => chunk.x1 <= edges[0]! && headerField(chunk.runs.map((r) => r.text).join('')) === 'section';

/**
 * The table under a header (or continuing the page before's): its body lines, from `start` to
 * the first line that no table of these columns prints (a paragraph over the columns, a wide
 * blank), cut into rows; null when no rows can be told apart.
 */
function readBody(
  lines: Line[],
  start: number,
  stop: number,
  columns: UnruledColumns,
  page: number,
  header: { top: number; bottom: number } | null,
  scanned: boolean,
  clipped: readonly TextRun[],
): { table: RuledTable; lines: number[]; columns: UnruledColumns } | null {
  const body = bodyLines(lines, start, stop, columns, header);
  if (body.length === 0) return null;
  // The right edge is the text's: a number set flush right in the last column ends there.
  const edges = [...columns.edges];
  edges[edges.length - 1] = Math.max(edges[edges.length - 1]!, ...body.flatMap((i) => lines[i]!.chunks.map((c) => c.x1)));
  // A level's label, and the 分值 printed beside it (the level's weight), are merged down its block.
  const isLabel = (col: number) => {
    const f = columns.fields[col];
    const before = columns.fields[col - 1];
    return f != null && (LABELS.has(f) || (f === 'points' && before != null && LABELS.has(before)));
  };
  const placed = body.flatMap((i) => {
    const line = lines[i]!;
    return cellsOfLine({ ...line, chunks: line.chunks.filter((c) => !asideSection(c, edges)) }, edges).map(({ chunk, col }) => ({ line: i, chunk, col }));
  });
  const mark = markColumn(
    columns.fields.map((f, k) => (isLabel(k) ? null : f)),
    placed,
  );
  const toFoot = endsPage(lines, body[body.length - 1]!);
  const split = (by: number | undefined) =>
    splitRows(
      lines,
      placed.filter((p) => !isLabel(p.col)),
      by,
      toFoot,
      header !== null ? null : columns.cutAtTop === true ? 'top' : columns.beforeMark === true ? 'mark' : null,
      nameColumn(columns.fields),
      header !== null,
      // Rows set to their foot or top around the names (`unruled-set-rows.ts`) are read on scanned pages, where they were measured.
      scanned ? edges : undefined,
    );
  // A form that prints no 分值 (指标值, 实际完成值, 未完成原因 only), read no other way: its note
  // column says `无` on each row, one line set to the row's foot as a 分值 is, and marks the rows
  // where it prints such a line (a page printing none reads no row by it).
  const note = columns.fields.indexOf('note');
  const rows = split(mark) ?? (mark === undefined && note >= 0 && markLines(placed, note).size > 0 ? split(note) : null);
  if (rows === null || rows.rows.length === 0) return null;
  // Text in the label columns past the last row is not the table's (a note under it, in the first
  // column), but for the labels of blocks the page's break cuts, set to the page's foot (`footLabels`).
  const bottom = rows.rows[rows.rows.length - 1]!.y1;
  const atFoot = toFoot ? footLabels(lines, body, placed, bottom, isLabel) : new Set<number>();
  const labelled = placed.filter((p) => isLabel(p.col) && (lines[p.line]!.y0 < bottom || atFoot.has(p.line)));
  const labelColumns = columns.fields.flatMap((f, k) => (isLabel(k) ? [k] : []));
  const blocks = labelBlocks(lines, labelled, rows.rows, labelColumns, header === null && !columns.headerOnly, toFoot && rows.touching === true, rows.centred === true);
  const tableLines = body.filter((i) => lines[i]!.y0 < bottom || atFoot.has(i));
  const table = assemble(lines, header, tableLines, edges, rows.rows, blocks.blocks, [...rows.doubts, ...blocks.doubts], page, columns.fields.indexOf('section'));
  doubtClippedCells(table, clipped, header ? 1 : 0, labelColumns);
  table.openRows = blocks.lastBlocks.map((r) => r + (header ? 1 : 0));
  table.labelColumns = labelColumns;
  // A row the page's foot cuts under its first line (a browser's: its cells set to its top) may be the top of a block going on past the break.
  const cutLast = (col: number) => rows.cutAtTop === true && blocks.blocks.some((b) => b.col === col && b.last === rows.rows.length - 1);
  table.closedLabels = blocks.closedColumns.filter((col) => !cutLast(col));
  table.restOfAbove = rows.restOfAbove;
  return { table, lines: header ? [...range(header.top, header.bottom), ...tableLines] : tableLines, columns: { edges, fields: columns.fields, cutAtTop: rows.cutAtTop, beforeMark: rows.beforeMark } };
}

/**
 * The body's lines under its last row that are the labels of blocks the page's break cuts: a
 * merged cell the break cuts is laid down to the page's foot, and its text, set to the cell's
 * foot, prints there, under a blank as tall as the rows' text that did not reach the foot
 * (WeasyPrint's print of a sheet whose labels are set to their blocks' foot). They are the page's
 * last lines, print in label columns only, and name a level (a note under the table does not).
 */
function footLabels(lines: Line[], body: number[], placed: PlacedChunk[], bottom: number, isLabel: (col: number) => boolean): Set<number> {
  const under = body.filter((i) => lines[i]!.y0 >= bottom);
  const on = (i: number) => placed.filter((p) => p.line === i);
  const text = (p: PlacedChunk) => compact(foldWidth(p.chunk.runs.map((r) => r.text).join('')));
  const labels = under.length > 0 && endsPage(lines, under[under.length - 1]!) && under.every((i) => on(i).length > 0 && on(i).every((p) => isLabel(p.col)));
  return labels && under.some((i) => on(i).some((p) => isLevelName(text(p)))) ? new Set(under) : new Set();
}

/** The column of the level-3 names, which every row prints. */
const nameColumn = (fields: Array<HeaderField | null>) => (fields.includes('level3') ? fields.indexOf('level3') : undefined);

/** A header with no row read under it: a table of its one row, its columns handed on. */
function headerPart(lines: Line[], header: { top: number; bottom: number }, columns: UnruledColumns, page: number): { table: RuledTable; lines: number[]; columns: UnruledColumns } {
  const edges = [...columns.edges];
  const table = assemble(lines, header, [], edges, [], [], [], page);
  return { table, lines: range(header.top, header.bottom), columns: { ...columns, headerOnly: true } };
}

/**
 * The column that marks the rows: of the columns whose header names a value printed once a row,
 * the one printing such a value on the most lines (a scoring sheet prints each level's 分值, the
 * level-1's once for its block, the level-3's on every row); the more trusted on a tie.
 */
function markColumn(fields: Array<HeaderField | null>, placed: PlacedChunk[]): number | undefined {
  const candidates = ROW_MARKS.flatMap((f) => fields.flatMap((g, k) => (g === f ? [k] : [])));
  const counts = candidates.map((col) => markLines(placed, col).size);
  const best = Math.max(0, ...counts);
  return best === 0 ? candidates[0] : candidates[counts.indexOf(best)];
}

/** A body line's runs by the column their middle stands in, each column's one chunk. */
function cellsOfLine(line: Line, edges: number[]): Array<{ chunk: Chunk; col: number }> {
  const byColumn = new Map<number, TextRun[]>();
  for (const run of line.chunks.flatMap((c) => c.runs.flatMap((r) => cellRuns(r, edges)))) {
    const col = columnOf(run, edges);
    byColumn.set(col, [...(byColumn.get(col) ?? []), run]);
  }
  return [...byColumn].map(([col, runs]) => ({ col, chunk: { x0: Math.min(...runs.map((r) => r.x0)), x1: Math.max(...runs.map((r) => r.x1)), runs } }));
}

/** The table: a header row (when printed on this page), the body rows, the labels merged down their blocks. */
function assemble(
  lines: Line[],
  header: { top: number; bottom: number } | null,
  body: number[],
  edges: number[],
  rows: UnruledRow[],
  blocks: LabelBlock[],
  doubts: Array<{ row: number | null; doubt: string }>,
  page: number,
  section = -1,
): RuledTable {
  const offset = header ? 1 : 0;
  const doubtOf = (row: number) => doubts.filter((d) => d.row === null || d.row === row).map((d) => d.doubt).join('; ');
  const cells: PlacedCell[] = [];
  const cell = (runs: TextRun[], row: number, col: number, rowSpan: number, y0: number, y1: number, doubt: string): PlacedCell => ({
    cell: { text: joinLines(runs), rowSpan, colSpan: 1, prov: { page, bbox: [edges[col]!, y0, edges[col + 1]!, y1], unruled: doubt } },
    row,
    col,
    cut: false,
  });
  const headerRuns = header ? headerRunsOf(lines, header, edges.slice(1, -1)) : [];
  // The section label (`绩效指标`) merged down the form's left side beside its header and its rows,
  // the header printing nothing in its column, or only the label's first characters (`绩效`, the
  // rest set a character a line down into the rows): one cell from the header's row on, as a ruled print has it.
  const sectionHead = headerRuns.filter((r) => columnOf(r, edges) === section);
  const besideHeader =
    header !== null && headerField(sectionHead.map((r) => r.text).join('')) !== 'section' && blocks.some((b) => b.col === section && b.first === 0);
  if (header) {
    for (let col = 0; col < edges.length - 1; col++) {
      const inside = headerRuns.filter((r) => columnOf(r, edges) === col);
      if (!(besideHeader && col === section)) cells.push(cell(inside, 0, col, 1, lines[header.top]!.y0, lines[header.bottom]!.y1, doubtOf(-1)));
    }
  }
  rows.forEach((row, r) => {
    for (const [col, runs] of row.cells) cells.push(cell(runs, r + offset, col, 1, row.y0, row.y1, doubtOf(r)));
  });
  for (const block of blocks) {
    const doubt = range(block.first, block.last).map(doubtOf).filter((d) => d !== '')[0] ?? '';
    const up = besideHeader && block.col === section && block.first === 0 ? 1 : 0;
    const y0 = up === 1 ? lines[header!.top]!.y0 : rows[block.first]!.y0;
    cells.push(cell(up === 1 ? [...sectionHead, ...block.runs] : block.runs, block.first + offset - up, block.col, block.last - block.first + 1 + up, y0, rows[block.last]!.y1, doubt));
  }
  const y0 = header ? lines[header.top]!.y0 : rows[0]!.y0;
  const y1 = Math.max(...rows.slice(-1).map((r) => r.y1), ...body.map((i) => lines[i]!.y1), header ? lines[header.bottom]!.y1 : -Infinity);
  return { cells, rowCount: rows.length + offset, columns: edges, topRuled: false, unruled: true, x0: edges[0]!, y0, x1: edges[edges.length - 1]!, y1 };
}

/**
 * A table without rules going on at the top of the next page, in the same columns: its rows
 * after the page before's. The rows on both sides of the break say they may be one row cut, and
 * the rows of the last level blocks above it that those blocks may go on below.
 */
export function appendUnruled(above: RuledTable, below: RuledTable): RuledTable | null {
  if (!above.unruled || !below.unruled || above.columns.length !== below.columns.length) return null;
  const doubt = (c: PlacedCell) => {
    c.cell.prov.unruled = c.cell.prov.unruled ? `${c.cell.prov.unruled}; ${BREAK_DOUBT}` : BREAK_DOUBT;
  };
  // A page that ended on the header (a read table has a row at least, `readBody`) cut no row.
  if (above.rowCount > 1) {
    const open = new Set([above.rowCount - 1, ...(above.openRows ?? [])]);
    above.cells.filter((c) => open.has(c.row) || c.row + c.cell.rowSpan === above.rowCount).forEach(doubt);
    below.cells.filter((c) => c.row === 0).forEach(doubt);
  }
  const rest = below.restOfAbove && above.rowCount > 1 ? joinRest(above, below) : below;
  const joined = joinedLabels(above, rest);
  const raised = below.underHeaderAgain ? new Map<PlacedCell, number>() : raisedLabels(above, rest);
  return {
    ...above,
    cells: [
      ...above.cells,
      ...rest.cells.filter((c) => !joined.has(c)).map((c) => {
        const from = raised.get(c);
        return from === undefined ? { ...c, row: c.row + above.rowCount } : { ...c, row: from, cell: { ...c.cell, rowSpan: c.cell.rowSpan + above.rowCount - from } };
      }),
    ],
    rowCount: above.rowCount + rest.rowCount,
    openRows: (rest.openRows ?? []).map((r) => r + above.rowCount),
    closedLabels: closedAfter(above, below),
    underHeaderAgain: false,
    y1: below.y1,
  };
}

/**
 * The label columns closed after the break: as the page below left them, or, where it prints no
 * label in one, as the table above did (under a header printed again, such a column's block goes on).
 */
function closedAfter(above: RuledTable, below: RuledTable): number[] {
  const columns = [...new Set([...(above.labelColumns ?? []), ...(below.labelColumns ?? [])])];
  const labelled = (col: number) => below.cells.some((c) => c.col === col && c.cell.text.trim() !== '');
  return columns.filter((col) => (labelled(col) ? below.closedLabels?.includes(col) === true : below.underHeaderAgain !== true && above.closedLabels?.includes(col) === true));
}

/**
 * Labels set to their blocks' foot whose blocks began on the pages before: where the column's
 * last block above the break ended on its label (`closedLabels`), rows after it that print no
 * label (a block's rows, its label further down, as Calc prints a merged cell across pages) are
 * in the block of the first label under the break. Returned: each such label cell of `below` (on
 * its first row) and the row above the break its block starts on.
 */
function raisedLabels(above: RuledTable, below: RuledTable): Map<PlacedCell, number> {
  const raised = new Map<PlacedCell, number>();
  for (const col of above.closedLabels ?? []) {
    const from = Math.max(0, ...above.cells.filter((c) => c.col === col).map((c) => c.row + c.cell.rowSpan));
    const first = below.cells.find((c) => c.col === col && c.row === 0 && c.cell.text.trim() !== '');
    if (first && from > 0 && from < above.rowCount) raised.set(first, from);
  }
  return raised;
}

/**
 * The page's first row as the rest of the row the page before cut (`restOfAbove`): its cells'
 * text goes on the text of that row's cells in their columns, a block from it on starts a row
 * lower; returned is the page's table without that row.
 */
function joinRest(above: RuledTable, below: RuledTable): RuledTable {
  const last = above.rowCount - 1;
  const cells: PlacedCell[] = [];
  for (const c of below.cells) {
    if (c.row > 0) cells.push({ ...c, row: c.row - 1 });
    else if (c.cell.rowSpan > 1) cells.push({ ...c, cell: { ...c.cell, rowSpan: c.cell.rowSpan - 1 } });
    else {
      const into = above.cells.find((a) => a.col === c.col && a.row <= last && a.row + a.cell.rowSpan > last);
      if (into) into.cell = { ...into.cell, text: into.cell.text === '' ? c.cell.text : c.cell.text === '' ? into.cell.text : `${into.cell.text}\n${c.cell.text}` };
      else above.cells.push({ ...c, row: last });
    }
  }
  return { ...below, cells, rowCount: below.rowCount - 1, openRows: below.openRows?.flatMap((r) => (r > 0 ? [r - 1] : [])) };
}

/**
 * Level labels one block across the page break: Calc prints a merged label cut by the break on
 * both pages, its name on each and its weight on one (`产出指标` at the foot of one page,
 * `产出指标` / `（50分）` at the top of the next). The label above the break takes the block's rows
 * below it and the text that names its weight; the cells below that it took are returned.
 */
function joinedLabels(above: RuledTable, below: RuledTable): Set<PlacedCell> {
  const joined = new Set<PlacedCell>();
  for (const col of above.labelColumns ?? []) {
    const upper = above.cells.find((c) => c.col === col && c.row + c.cell.rowSpan === above.rowCount);
    const lower = below.cells.find((c) => c.col === col && c.row === 0);
    if (!upper || !lower || !below.labelColumns?.includes(col)) continue;
    const name = (c: PlacedCell) => compact(foldWidth(c.cell.text)).replace(LABEL_WEIGHT, '$1');
    if (name(upper) === '' || name(upper) !== name(lower)) continue;
    upper.cell = { ...upper.cell, rowSpan: upper.cell.rowSpan + lower.cell.rowSpan, text: LABEL_WEIGHT.test(compact(foldWidth(lower.cell.text))) ? lower.cell.text : upper.cell.text };
    joined.add(lower);
  }
  return joined;
}
