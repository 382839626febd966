import { compact, foldWidth } from '../../pipeline/text';
import { indicatorHeaderOf, isLevelName, LABEL_WEIGHT, WEIGHT_ONLY_LABEL } from '../../pipeline/vocabulary/lexicon';
import type { Cell } from '../../schemas/document';
import type { PlacedCell, RuledTable } from './ruled-tables';

/** Column edges closer than this (points) are the same edge on two pages. */
const EDGE_TOLERANCE = 3;

/**
 * The column edges of both tables together, and where each table's edges sit among them; null
 * when the tables do not share their outer edges (not one table). A continuation with no rule
 * over it (a browser's, cut from the part above) may start at an inner edge of the part above:
 * a browser printing cells that draw their own borders draws no cell in the label columns of a
 * page where a merged block only goes on, and the part starts at the first column it draws.
 */
function unionEdges(first: number[], next: number[], nextRuledOver: boolean, nextOpenOverCell: boolean, scanned: boolean): { edges: number[]; firstMap: number[]; nextMap: number[] } | null {
  const near = (a: number, b: number) => Math.abs(a - b) <= EDGE_TOLERANCE;
  // A part ruled over goes on too when its rule leaves a cell of its first row open, and every
  // edge it has is one of the part above's: a scan that lost the frame's outer line (a hairline
  // binarised away on a fax page) starts the part at an inner column, the block that goes on in
  // the label column with no border left of it nor over it. A new table's top border runs over
  // all its cells.
  const sameGrid = nextOpenOverCell && next.every((x) => first.some((e) => near(e, x)));
  const startsInside = (!nextRuledOver || sameGrid) && next[0]! > first[0]! && first.some((x) => near(x, next[0]!));
  const leftEdgeLost = scanned && onlyFirstColumnDiffers(first, next, near);
  if (!(near(first[0]!, next[0]!) || startsInside || leftEdgeLost) || !near(first[first.length - 1]!, next[next.length - 1]!)) return null;
  const edges: number[] = [];
  for (const x of [...first, ...next].sort((a, b) => a - b)) if (!edges.some((e) => near(e, x))) edges.push(x);
  const at = (x: number) => edges.findIndex((e) => near(e, x));
  return { edges, firstMap: first.map(at), nextMap: next.map(at) };
}

/**
 * Two scanned parts that agree on every column edge right of their first shared one, at least
 * three columns shared, and differ left of it: one table whose outer label column the scan lost on
 * one page (its frame's line in a binding's shadow, the column gone or cut by a stroke of its
 * label read as a rule).
 */
function onlyFirstColumnDiffers(first: number[], next: number[], near: (a: number, b: number) => boolean): boolean {
  const from = first.findIndex((x) => next.some((e) => near(e, x)));
  if (from < 0) return false;
  const start = first[from]!;
  const innerFirst = first.slice(from);
  const innerNext = next.filter((x) => x > start - EDGE_TOLERANCE);
  const differsLeft = from > 0 || innerNext.length < next.length;
  return differsLeft && innerFirst.length >= 4 && innerFirst.length === innerNext.length && innerFirst.every((x, i) => near(x, innerNext[i]!));
}

/** Farthest (points) a scanner sets one page's print off another's. */
const FEED_SHIFT = 8;

/**
 * How far (points) the next scanned page sets the same columns off this one: the shift under
 * which most of its column edges, at least four, stand on this page's; 0 when none does. A
 * scanner feeds, and a deskew turns, each page a little differently.
 */
function feedShift(first: number[], next: number[]): number {
  let best = { shift: 0, on: 0 };
  for (const a of first) {
    for (const b of next) {
      const shift = a - b;
      if (Math.abs(shift) > FEED_SHIFT) continue;
      const on = next.filter((x) => first.some((e) => Math.abs(e - x - shift) <= EDGE_TOLERANCE / 2)).length;
      if (on > best.on || (on === best.on && Math.abs(shift) < Math.abs(best.shift))) best = { shift, on };
    }
  }
  return best.on >= 4 ? best.shift : 0;
}

/** A table's cells moved onto other column edges. */
const remap = (cells: PlacedCell[], map: number[]) =>
  cells.map((c) => ({ ...c, col: map[c.col]!, cell: { ...c.cell, colSpan: map[c.col + c.cell.colSpan]! - map[c.col]! } }));

const rowKey = (cells: PlacedCell[], row: number) =>
  cells
    .filter((c) => c.row === row)
    .sort((a, b) => a.col - b.col)
    .map((c) => c.cell.text.replace(/\s+/g, ''))
    .join('|');

/** How many brackets a text leaves open: `项目资金（万` one; `（18分）` none. */
function openBrackets(text: string): number {
  let open = 0;
  for (const ch of text) {
    if (OPENING.includes(ch)) open++;
    else if (CLOSING.includes(ch) && open > 0) open--;
  }
  return open;
}
const OPENING = '(（[【〔《';
const CLOSING = ')）]】〕》';
/** A text that closes a bracket before it opens one: the rest of a text cut after its opening bracket. */
const closesFirst = (text: string) => {
  const close = [...text].findIndex((ch) => CLOSING.includes(ch));
  const open = [...text].findIndex((ch) => OPENING.includes(ch));
  return close >= 0 && (open < 0 || close < open);
};

/**
 * A level label's weight alone (`（50分）`) under a name printed without one (`产出指标`): the rest
 * of one label, which its producer set where it fitted, the name at the foot of the block's part
 * on one page and the weight in its part on the next. A weight is no label of its own.
 */
const weightAfterName = (head: string, tail: string) => {
  const name = compact(foldWidth(head));
  return WEIGHT_ONLY_LABEL.test(compact(foldWidth(tail))) && /[\u4e00-\u9fa5]/.test(name) && !LABEL_WEIGHT.test(name);
};

/** A text that names an indicator level (`产出指标`, `数量指标（20分）`). */
const namesLevel = (text: string) => isLevelName(compact(foldWidth(text)));

/**
 * A level name the page cut inside its words (`产出` at the foot of the block's part on one page,
 * `指标` at the head of its part on the next: Writer sets a narrow label a character a line and
 * rules both sides of the break): the part below names no level of its own, the two together do.
 */
const cutInsideName = (head: string, tail: string) => compact(tail) !== '' && !namesLevel(tail) && namesLevel(`${head}${tail}`);

/** A text that names an indicator table's column whole (`三级指标`, `年度指标值（A）`, `分值`). */
const namesColumn = (text: string) => indicatorHeaderOf(text) !== undefined;

/**
 * Whether the next page's first row (`next`, on the column edges of both pages) is the first
 * row's header read again on a scanned page. A scan misreads a header word on one page and not on
 * the other (`得分` read `得`): the two rows have their cells in the same columns, at least three of
 * them naming a column alike, and each cell that differs names no column on one of the pages.
 */
function headerAgain(first: PlacedCell[], next: PlacedCell[]): boolean {
  const pairs = sameCellsOfFirstRow(first, next).map(([a, b]) => [compact(foldWidth(a.cell.text)), compact(foldWidth(b.cell.text))] as const);
  if (pairs.length === 0 || pairs.length !== first.filter((c) => c.row === 0).length || pairs.length !== next.filter((c) => c.row === 0).length) return false;
  const alike = pairs.filter(([a, b]) => a === b && namesColumn(a)).length;
  return alike >= 3 && pairs.every(([a, b]) => a === b || !namesColumn(a) || !namesColumn(b));
}

/** The cells of two tables' first rows that stand in the same columns (on shared column edges), paired. */
const sameCellsOfFirstRow = (first: PlacedCell[], next: PlacedCell[]): Array<[PlacedCell, PlacedCell]> =>
  first.flatMap((a) => {
    const b = a.row === 0 ? next.find((c) => c.row === 0 && c.col === a.col && c.cell.colSpan === a.cell.colSpan) : undefined;
    return b ? [[a, b] as [PlacedCell, PlacedCell]] : [];
  });

/** A weight, score or rate as a cell prints it whole: `3`, `0.5`, `100%`. */
const WHOLE_NUMBER = /^\d+(\.\d+)?%?$/;

const join = (a: string, b: string) => (a === '' ? b : b === '' ? a : `${a}\n${b}`);

/**
 * Joins a table that continues at the top of the next page onto the one that ends the page
 * before. Its repeated header row goes; both tables' columns are put on their edges together (a
 * continuation that lost an empty column, or a first part of merged cells only, still lines up); a row split by the page break (text
 * cut at the bottom edge) is one row again; a merged cell cut by the page break is one cell.
 * `cutsUnruled`: the document has a page break that cut a table with no rule on either side.
 * `marksCuts`: the document's rules mark at a page break which cells it cut (`rulesMarkEachCut`).
 * Returns null when `next` does not continue `first`.
 */
export function stitchTables(first: RuledTable, next: RuledTable, endsAtPageBottom: boolean, cutsUnruled = false, marksCuts = false, scanned = false): RuledTable | null {
  const openOverCell = next.cells.some((c) => c.row === 0 && c.openTop === true);
  // Only parts that do not line up as printed are lined up with the feed's shift.
  const union =
    unionEdges(first.columns, next.columns, next.topRuled, openOverCell, scanned) ??
    (scanned ? unionEdges(first.columns, next.columns.map((x) => x + feedShift(first.columns, next.columns)), next.topRuled, openOverCell, scanned) : null);
  if (!union) return null;
  const cells = remap(first.cells, union.firstMap);
  const nextCells = remap(next.cells, union.nextMap);
  const headerAsPrinted = rowKey(next.cells, 0) === rowKey(first.cells, 0);
  const misreadHeader = scanned && !headerAsPrinted && headerAgain(cells, nextCells);
  const dropHeader = next.rowCount > 0 && (headerAsPrinted || misreadHeader);
  const skip = dropHeader ? 1 : 0;
  // The header read again names a column where the first read of it named none: the same printed
  // word, read on one page and missed on the other.
  if (misreadHeader) for (const [c, again] of sameCellsOfFirstRow(cells, nextCells)) if (!namesColumn(c.cell.text) && namesColumn(again.cell.text)) c.cell.text = again.cell.text;
  const last = first.rowCount - 1;
  const covering = (col: number) => cells.find((c) => c.row <= last && c.row + c.cell.rowSpan > last && c.col <= col && col < c.col + c.cell.colSpan);
  const incoming = nextCells
    .filter((c) => c.row >= skip)
    .map((c) => ({ ...c, row: c.row - skip }));
  // The last row was split when one of its own cells had its text cut at the page's edge, or
  // when the table fills the page and the next page starts with a tail: a few of that row's
  // texts, nothing in its other cells.
  const ownLast = cells.filter((c) => c.row === last && c.cell.rowSpan === 1);
  const filled = (list: PlacedCell[]) => new Set(list.filter((c) => c.cell.text !== '').map((c) => c.col));
  const lastFilled = filled(ownLast);
  const tailFilled = filled(incoming.filter((c) => c.row === 0));
  // A tail goes on a text that wrapped: when every text of the last row above the would-be tail
  // stops short of its cell's width, each ended there (`资金使用合规性`, `6`), and what prints
  // below is a row of its own.
  const wraps = (col: number) => ownLast.find((c) => c.col === col)?.endsFull !== false;
  // A few texts go on, or more: every one under a line that ran to its cell's edge, while a text
  // of the row that ended short has nothing below it (Writer puts a wrapped row's first line at
  // the foot of the page and the rest of its name, rule and notes on the next, its target and
  // weights ended above).
  const fewOrWrapped = tailFilled.size * 2 <= lastFilled.size || (tailFilled.size < lastFilled.size && [...tailFilled].every(wraps));
  const tail = tailFilled.size > 0 && fewOrWrapped && [...tailFilled].every((col) => lastFilled.has(col)) && [...tailFilled].some(wraps);
  // A rule under the last row's cells, the next part starting with none (the border drawn once,
  // as browsers draw it): that row ended on this page; a cell of it left open is a merged block
  // that goes on (a row the page cut is open under all its cells). A producer that frames each
  // page's part (Writer) rules both sides of the cut, and the rules say nothing.
  const lastRowClosed = (!next.topRuled && ownLast.some((c) => c.openBottom === false)) || marksCuts;
  // No rule under the last row and none above the next part: the page cut through that row.
  const cutUnruled = first.bottomRuled === false && !next.topRuled;
  // The page ends on the table's header printed again (a header row the document repeats inside
  // its table): nothing above it goes on below, and the rows below start afresh under it.
  const endsOnHeader = last > 0 && rowKey(first.cells, last) === rowKey(first.cells, 0);
  // A row the page cut goes on in the same cells: a first row that splits a cell of the row above
  // (a header row under a goal row that spans its columns) starts a row of its own, whatever the rules say
  // (WeasyPrint rules neither side of any page break).
  const sameCells = incoming.filter((c) => c.row === 0).every((c) => {
    // Its edges are edges of the row above (a tail drawn without the inner rules may span several).
    const left = covering(c.col);
    const right = covering(c.col + c.cell.colSpan - 1);
    return left !== undefined && right !== undefined && left.col === c.col && right.col + right.cell.colSpan === c.col + c.cell.colSpan;
  });
  // A producer that leaves a cut unruled on both sides (WeasyPrint; a browser rules a row's
  // bottom once, on its own page) rules both sides of a break between rows: no row goes on
  // there (a merged block's text still may).
  const ruledBreak = cutsUnruled && first.bottomRuled === true && next.topRuled;
  // Each cell of the next part's first row under the cell of this row's last row that starts in
  // its column: what the two print tells whether that row ended.
  const stacked = incoming.flatMap((below) => {
    const above = below.row === 0 ? ownLast.find((a) => a.col === below.col) : undefined;
    return above ? [{ above, below }] : [];
  });
  // A number printed whole under which the next page prints a number again: the row above ended
  // (its weight and score), whatever its text's nearness to the edge says (WeasyPrint pads a
  // one-line row by 3 pt: its full lines look cut).
  const numberAgain = stacked.some(({ above, below }) => WHOLE_NUMBER.test(above.cell.text.trim()) && WHOLE_NUMBER.test(below.cell.text.trim()));
  // Both sides of the break ruled (Writer), a text set whole on this page in a cell of the last
  // row (room under it, or centred in its cell) and text under it on the next page: what prints
  // there is the next row's, however near the bottom the row's other texts run.
  const textUnderSettled = first.bottomRuled === true && next.topRuled && stacked.some(({ above, below }) => above.settled === true && below.cell.text.trim() !== '');
  // The page ends on the indicator table's header row, every text with text under it a column's
  // name set whole (none cut at the page's edge): the row ended, and what the next page prints
  // under it is the table's first row, however near their cells' edges the names run (Writer
  // fills a narrow header cell with `年度指标值(A)`). A name the page cut (`一级` over `指标`) names
  // no column yet, and the header goes on.
  const headerEnded =
    stacked.filter(({ below }) => below.cell.text.trim() !== '').length >= 2 &&
    stacked.every(({ above, below }) => below.cell.text.trim() === '' || (!above.cut && namesColumn(above.cell.text)));
  const rowEnded = ruledBreak || numberAgain || textUnderSettled || headerEnded;
  // The page ends on the indicator table's header band: every text in a cell that reaches the
  // page's last row a column's name set whole, three at least (a header merged down over a sliver
  // row, which the section label's block, going on past the break, opens under it). No body is
  // under it on this page: the next page's first cells are the body's first row, and an empty one
  // under a name is a row's empty cell, not the rest of the name's (WeasyPrint draws no rule over
  // the next page's part, and `未完成原因分析` would be read as the first row's note).
  const reaching = new Set(union.edges.slice(1).flatMap((_, col) => covering(col) ?? []).filter((c) => c.cell.text.trim() !== ''));
  const headerAtFoot = reaching.size >= 3 && [...reaching].every((c) => !c.cut && namesColumn(c.cell.text));
  const nameAtFoot = (above: PlacedCell) => headerAtFoot && above.cell.text.trim() !== '';
  const rowSplit = !endsOnHeader && sameCells && !lastRowClosed && !rowEnded && (cutUnruled || ownLast.some((c) => c.cut) || (endsAtPageBottom && tail));
  let shift = first.rowCount;
  if (rowSplit) shift -= 1;
  const aboveOf = new Map<PlacedCell, PlacedCell>();
  for (const c of incoming) {
    const above = c.row === 0 && !endsOnHeader ? covering(c.col) : undefined;
    if (above && above.col === c.col && above.cell.colSpan === c.cell.colSpan) aboveOf.set(c, above);
  }
  // A block that printed nothing on this page, closed above by a rule and left open at the page's
  // foot (the page cut every cell: no rule under any), goes on in the next page's cell that nothing
  // rules over, where its label is printed: centred in the whole block, the label falls in its
  // larger part (wkhtmltopdf).
  const labelOnNextPage = (c: PlacedCell, above: PlacedCell) =>
    above.cell.text === '' &&
    first.bottomRuled === false &&
    c.openTop === true &&
    c.cell.text !== '' &&
    c.cell.rowSpan > 1 &&
    c.cell.rowSpan >= above.cell.rowSpan;
  // A merged block the page break cut (no rule under it on this page) goes on in the next; so
  // does a label whose text the break cut, whatever the rules say (Writer rules both sides, and a
  // row ending at the break says nothing of the blocks beside it): cut inside its brackets
  // (`项目资金（万` over the page's foot, `元）` at the next page's head), before its weight, or
  // inside a level's name.
  const cutInBrackets = (c: PlacedCell, above: PlacedCell) => above.endsFull === true && openBrackets(above.cell.text) > 0 && closesFirst(c.cell.text);
  const cutBeforeWeight = (c: PlacedCell, above: PlacedCell) => weightAfterName(above.cell.text, c.cell.text);
  const cutInLabel = (c: PlacedCell, above: PlacedCell) => cutInsideName(above.cell.text, c.cell.text);
  const goesOn = new Set(
    [...aboveOf]
      .filter(
        ([c, above]) =>
          rowSplit ||
          (above.cut && !lastRowClosed && !(rowEnded && above.cell.rowSpan === 1)) ||
          above.openBottom === true ||
          (!marksCuts && c.cell.text === '' && (above.cell.rowSpan > 1 || c.cell.rowSpan > 1) && !nameAtFoot(above)) ||
          (!marksCuts && labelOnNextPage(c, above)) ||
          // A row that ran past the page (no rule under any of it) hides where its merged blocks
          // end: a block still without its text goes on (Calc sets a block's label at its foot).
          (marksCuts && first.bottomRuled === false && above.cell.rowSpan > 1 && above.cell.text === '') ||
          cutInBrackets(c, above) ||
          cutBeforeWeight(c, above) ||
          cutInLabel(c, above),
      )
      .map(([c]) => c),
  );
  // Labels nest: a block that goes on below the break goes on under every label cell to its left
  // that holds it on both pages (Writer rules both sides of the cut, and a label's second line,
  // `完成指` / `标`, prints on the next page). A block: text that goes on, or a merged cell on the
  // next page too; an empty single cell under a merged one says nothing of the cells beside it
  // (Chromium's rowspan fragment can end inside the page's last row, merging that row's cells
  // with a sliver under them: the total row printed next must not join them).
  const block = (d: PlacedCell) => d.cell.text !== '' || d.cell.rowSpan > 1;
  for (const [c, above] of [...aboveOf].sort(([a], [b]) => b.col - a.col)) {
    if (goesOn.has(c) || marksCuts || nameAtFoot(above)) continue;
    const holds = [...goesOn].some((d) => block(d) && d.col > c.col && d.cell.rowSpan <= c.cell.rowSpan && aboveOf.get(d)!.row >= above.row);
    if (holds) goesOn.add(c);
  }
  // An empty cell the page cut (no rule under any cell) that does not go on under the label below
  // it: which block it is part of, the rules do not say.
  for (const [c, above] of aboveOf) {
    if (!goesOn.has(c) && first.bottomRuled === false && above.cell.text === '' && c.cell.text !== '') above.cell.prov = { ...above.cell.prov, cutBeforeLabel: true };
  }
  for (const c of incoming) {
    const above = aboveOf.get(c);
    if (above && goesOn.has(c)) {
      above.cell.text = join(above.cell.text, c.cell.text);
      above.cell.rowSpan += c.cell.rowSpan - (rowSplit ? 1 : 0);
      above.cut = c.cut;
      above.openBottom = c.openBottom;
      continue;
    }
    cells.push({ ...c, row: c.row + shift });
  }
  return {
    cells,
    rowCount: shift + next.rowCount - skip,
    columns: union.edges,
    topRuled: first.topRuled,
    ...(next.bottomRuled === undefined ? {} : { bottomRuled: next.bottomRuled }),
    x0: first.x0,
    y0: first.y0,
    x1: first.x1,
    y1: next.y1,
  };
}

/**
 * Whether the rules at a page break mark, cell by cell, which cells the break cut (Calc): the cells
 * left open under the page's last row are the ones left open over the next part's first row, the
 * others ruled on both sides, and some of each. A producer that marks its cuts so marks them all:
 * a cell ruled under its page's part ended there, however near its edge its text runs (Calc sets
 * a cell's text at its foot), and a cell open over the next part's top starts there when nothing
 * open stands above it.
 */
export function rulesMarkEachCut(first: RuledTable, next: RuledTable): boolean {
  const last = first.rowCount - 1;
  const under = first.cells.filter((c) => c.row <= last && c.row + c.cell.rowSpan > last && c.openBottom !== undefined && c.cell.prov.bbox);
  const over = next.cells.filter((c) => c.row === 0 && c.openTop !== undefined && c.cell.prov.bbox);
  if (under.length === 0 || over.length === 0) return false;
  let cut = 0;
  let ended = 0;
  for (const c of under) {
    const [x0, , x1] = c.cell.prov.bbox!;
    const middle = (x0 + x1) / 2;
    const below = over.find((o) => o.cell.prov.bbox![0] < middle && middle < o.cell.prov.bbox![2]);
    if (!below || below.openTop !== c.openBottom) return false;
    if (c.openBottom) cut++;
    else ended++;
  }
  return cut > 0 && ended > 0;
}

/** Rows of cells in column order, an empty cell wherever no cell covers a position. */
export function toRows(table: RuledTable): Cell[][] {
  const nCols = table.columns.length - 1;
  const covered = Array.from({ length: table.rowCount }, () => new Set<number>());
  for (const { cell, col, row } of table.cells) {
    for (let dr = 0; dr < cell.rowSpan && row + dr < table.rowCount; dr++) for (let dc = 0; dc < cell.colSpan; dc++) covered[row + dr]!.add(col + dc);
  }
  return Array.from({ length: table.rowCount }, (_, r) => {
    const own = table.cells.filter((c) => c.row === r).map((c) => ({ cell: c.cell, col: c.col }));
    const page = own[0]?.cell.prov.page;
    for (let c = 0; c < nCols; c++) {
      if (!covered[r]!.has(c)) own.push({ cell: { text: '', rowSpan: 1, colSpan: 1, prov: page ? { page } : {} }, col: c });
    }
    return own.sort((a, b) => a.col - b.col).map((a) => a.cell);
  });
}
