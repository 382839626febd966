import Decimal from 'decimal.js';
import type { Evidence, Indicator, Place, Report } from '../../schemas/dataset';
import { lowConfidence } from '../vocabulary/confidence';
import { FORM_KEY_INSIDE, HEAD_FIELDS, joinedLevelNames, PLACEHOLDER } from '../vocabulary/lexicon';
import { compact, foldWidth } from '../text';
import type { Check } from './check';
import { checkExecution } from './execution';
import type { DoubtfulRead } from './doubtful-reads';
import { observe, type Observation } from './findings';
import { showPlace } from './show-place';
import { checkPrintedLevels, levelWeights, printedLevels } from './structure';
import { weightTotal } from './totals';
import { unruledDoubts } from './unruled-checks';

/**
 * Structural self-checks, made before the arithmetic: shapes a sound read of a form has and a
 * misread (shifted columns, lost merged cells, values in the wrong column) breaks. A document
 * may slip once (one level weight off); a read that fails these is doubted as a whole, so that
 * its arithmetic findings are not taken for the document's.
 */

const CJK = /[\u3400-\u9fff]/g;
/** The budget block's figures B / A is checked on. */
const BUDGET_FIGURES = new Set(['budget_annual', 'budget_executed', 'execution_rate_printed']);
const NUMBER_ONLY = /^[<>≤≥=~]?\s*-?\d+(\.\d+)?\s*%?$/;

export function selfCheckDoubts(report: Report, rows: Indicator[], evidence: Evidence): string[] {
  const doubts: string[] = [];
  if (rows.length === 0) return projectRowDoubts(evidence);

  // Level columns the header has but no row fills: the labels were lost or read elsewhere.
  for (const level of ['level1', 'level2'] as const) {
    if (evidence.columns.includes(level) && !evidence.cells.some((c) => c.field === level)) {
      doubts.push(`the header has a ${level === 'level1' ? '一级指标' : '二级指标'} column, but no row has a label in it`);
    }
  }

  // A level weight is printed in its label's cell: read without the label, the cell was split
  // (a block cut by a page break, its label on one side and its weight on the other).
  for (const level of ['level1', 'level2'] as const) {
    const weight = level === 'level1' ? 'level1_weight' : 'level2_weight';
    const bare = rows.filter((r) => r[weight] !== null && (r[level] === null || r[level] === ''));
    if (bare.length > 0) {
      doubts.push(`${bare.length} row${bare.length === 1 ? ' has' : 's have'} a ${level === 'level1' ? '一级指标' : '二级指标'} weight but no label (row ${bare[0]!.row_index}: ${bare[0]![weight]})`);
    }
  }

  // A level-2 label carried past its level-1 block: merged cells nest, so a 二级指标 printed in one
  // 一级指标 block names none of the next one's rows. Rows past the change with no level-2 cell of
  // their own took a label not theirs: the read lost their level-2 cells (a column lost at a page
  // break), and the label's cells above may be as wrong (wrongly ended, or carried, too).
  const carried = carriedAcrossLevel1(rows, evidence);
  if (carried) {
    doubts.push(`a 二级指标 label runs on past its 一级指标 block, on rows with no 二级指标 cell of their own (row ${carried.row_index}: ${carried.level1} / ${carried.level2}): the read lost their 二级指标 cells`);
  }

  // A level label read as two names run together (`效益指标满意度指标`), one of which labels no row of its own: the
  // block printed under that name has no record, its rows read into the rows of the block beside it (a row bound
  // lost across the form, so that two printed rows may be one record): the read lost rows, and no row says which.
  const unowned = blocksWithoutRows(rows);
  if (unowned) {
    doubts.push(`the ${unowned.level === 'level1' ? '一级指标' : '二级指标'} 「${unowned.label}」 reads as level names run together, and ${unowned.names.map((n) => `「${n}」`).join(', ')} ${unowned.names.length === 1 ? 'labels' : 'label'} no row of its own (row ${unowned.row_index}): the rows printed under it were read into other rows, and may be lost or joined to them`);
  }

  // Values of the wrong kind: a sentence where a number belongs, a bare number as a name.
  const sentences = evidence.number_texts.filter((t) => !PLACEHOLDER.test(t.printed) && (t.printed.match(CJK)?.length ?? 0) >= 2);
  if (sentences.length > 0) {
    const t = sentences[0]!;
    doubts.push(`${sentences.length} text${sentences.length === 1 ? '' : 's'} in a number column (row ${t.row_index} ${t.field}: 「${t.printed.slice(0, 20)}」)`);
  }
  const numericNames = rows.filter((r) => r.level3 !== null && NUMBER_ONLY.test(r.level3));
  if (numericNames.length > 0) doubts.push(`${numericNames.length} indicator name${numericNames.length === 1 ? ' is' : 's are'} a bare number (row ${numericNames[0]!.row_index}: ${numericNames[0]!.level3})`);

  // A head field holding a form key (`主管部门及代码…实施单位…` as the department): the head's key and value
  // cells were read as one text, and its other fields (the budget block beside them) are as unsure.
  const keyed = HEAD_FIELDS.find((f) => FORM_KEY_INSIDE.test(report[f] ?? ''));
  if (keyed) doubts.push(`the form's head was read with a key inside the ${keyed} (「${report[keyed]!.slice(0, 30)}」): its key and value cells ran together, so the head's fields are a guess`);

  // Fragments: a name with nothing measured beside it, in a table that prints weights.
  const weighted = rows.some((r) => r.weight !== null);
  const fragments = rows.filter((r) => weighted && r.level3 !== null && [r.target_raw, r.actual_raw, r.weight, r.score].every((v) => v === null));
  if (fragments.length > 0) doubts.push(`${fragments.length} row${fragments.length === 1 ? '' : 's'} with a name and nothing else (row ${fragments[0]!.row_index}: ${fragments[0]!.level3})`);

  // Weights against the whole: no row can weigh more than the form, nor all rows twice it.
  const whole = new Decimal(evidence.weight_total?.printed ?? 100);
  const weights = rows.flatMap((r) => (r.weight === null ? [] : [new Decimal(r.weight)]));
  const heavy = weights.find((w) => w.gt(whole));
  const sum = weights.reduce((a, w) => a.plus(w), new Decimal(report.execution_weight ?? 0));
  if (heavy) doubts.push(`a row weighs ${heavy}, more than the whole form (${whole})`);
  else if (sum.gt(whole.times(2))) doubts.push(`the weights add up to ${sum}, over twice the whole form (${whole})`);
  // A row OCR lost (a page break it did not read across, a row it merged) takes its weight with it: on a scan, every row
  // weighted and the weights short of the whole are as likely the read's loss as the document's slip.
  else if (report.extraction_method === 'pdf_ocr') {
    // The validator's own sum (WEIGHTS_NOT_100), levels printed with a weight and no rows included (seed 003's 满意度指标 10).
    const extraWeight = checkPrintedLevels(rows, printedLevels(evidence)).extraWeight;
    const weighed = weightTotal(report, rows, evidence.merged_blocks, extraWeight);
    if (weighed?.lt(whole)) doubts.push(`the rows' weights add up to ${weighed} of the form's ${whole}, read by OCR: rows may have been lost by the read`);
    // Some weights unread (a cell OCR left empty) leave the sum unknown, but bounded: a row weighs no more than the heaviest
    // read. Short of the whole even so, the read lost rows (a report cut at a page break, its rest read as another report).
    else if (weighed === null) {
      const most = weightCeiling(report, rows, evidence, extraWeight);
      if (most?.lt(whole)) doubts.push(`the rows' weights add up to at most ${most} of the form's ${whole} (rows whose weight was not read counted at the heaviest weight read), read by OCR: rows may have been lost by the read`);
    }
  }

  // Level weights against their rows: one label off is the document's slip, most of them a misread.
  const levels = levelWeights(rows).map((l) => ({ name: l.name, holds: l.held.equals(l.printed) }));
  const off = levels.filter((l) => !l.holds);
  if (off.length >= 2 && off.length * 2 > levels.length) doubts.push(`${off.length} of ${levels.length} level weights differ from their rows (${off.map((l) => l.name).join(', ')})`);

  // A number the read put into the text cell beside its empty column: the cell's text ran over the rule.
  const spilled = spilledNumbers(rows, evidence);
  if (spilled.length > 0) {
    const s = spilled[0]!;
    doubts.push(
      `${spilled.length} row${spilled.length === 1 ? ' has' : 's have'} an empty number column beside a text ending or starting with a lone number, the number's cell read into its neighbour (row ${s.rowIndex}: ${s.field} empty, ${s.beside} 「${s.text.slice(-20)}」)`,
    );
  }

  // Rows the paper's edge cut, with nothing going on on the next page: part of them was never printed.
  const cut = evidence.past_page_edge;
  if (cut.length > 0) {
    const first = cut[0]!;
    doubts.push(`${cut.length} row${cut.length === 1 ? ' runs' : 's run'} past the paper's edge, not continued on the next page (row ${first.row_index}, page ${first.at.page ?? '?'}): what ${cut.length === 1 ? 'it' : 'they'} printed there, a name or values, is not in the document and may be missing or joined to another row`);
  }

  // An evaluation table printed beside this report that no report holds: part of the document went unread.
  const unread = evidence.unread_tables;
  if (unread.length > 0) {
    const first = unread[0]!;
    doubts.push(`${unread.length} evaluation table${unread.length === 1 ? '' : 's'} printed beside this report went unread (${where(first.at)}: 「${first.printed.slice(0, 40)}」): no row of ${unread.length === 1 ? 'it' : 'them'} was read (a header with nothing read under it, or table-like text that could not be put into columns and was read as text), so the document's tables were not all read as they are printed`);
  }

  // Text the table prints in its body that no record holds: a row or a cell the read lost.
  const lost = lostRows(evidence);
  if (lost.length > 0) {
    const texts = lost.flatMap((l) => l.texts).length;
    doubts.push(`${texts} text${texts === 1 ? '' : 's'} printed in the table on ${lost.length} row${lost.length === 1 ? '' : 's'} ${texts === 1 ? 'is' : 'are'} in no record (${where(lost[0]!.at)}: 「${lost[0]!.texts[0]!.slice(0, 20)}」)`);
  }
  doubts.push(...unruledDoubts(report, rows, evidence));
  // Budget figures that fail B / A where one was read by OCR unsure of it: the disagreement may be the read's, not the document's.
  const unsure = evidence.cells.find((c) => c.row_index === null && BUDGET_FIGURES.has(c.field) && lowConfidence(c.confidence));
  if (unsure && checkExecution(report).findings.some((f) => f.code === 'EXEC_RATE_MISMATCH')) {
    doubts.push(`the budget figures fail B / A and ${unsure.field} was read by OCR with confidence ${unsure.confidence} (${where(unsure)}): the figures may be misread`);
  }
  return doubts;
}

/**
 * A report with no indicator row is one row of a project list (a `summary` report): the project's
 * name is all that tells it from its neighbours. A name OCR was unsure of may be a misread, or a
 * piece of a title or of another row taken for a project: the report is not passed off as sound.
 */
function projectRowDoubts(evidence: Evidence): string[] {
  const unsure = evidence.cells.find((c) => c.row_index === null && c.field === 'project_name' && lowConfidence(c.confidence));
  return unsure ? [`the report has no indicator row, and its project name was read by OCR with confidence ${unsure.confidence} (${where(unsure)}): it may be misread, or a piece of a title or of another row`] : [];
}

/**
 * The most a form's weights can add up to when some rows' weights were not read: those read
 * (`weightTotal` over the rows with a weight or a block's), and each unread one at the heaviest
 * row weight read. Null where most rows have no weight (a form that prints weights by level only).
 */
function weightCeiling(report: Report, rows: Indicator[], evidence: Evidence, extraWeight: Decimal): Decimal | null {
  const blocked = new Set(evidence.merged_blocks.filter((b) => b.field === 'weight').flatMap((b) => b.row_indexes));
  const weighed = rows.filter((r) => r.weight !== null || blocked.has(r.row_index));
  const unread = rows.length - weighed.length;
  const heaviest = Decimal.max(0, ...rows.flatMap((r) => (r.weight === null ? [] : [r.weight])));
  if (unread * 2 > rows.length || heaviest.isZero()) return null;
  return weightTotal(report, weighed, evidence.merged_blocks, extraWeight)?.plus(heaviest.times(unread)) ?? null;
}

/**
 * The first row whose 一级指标 differs from the row above's while its 二级指标, the same as above,
 * comes from no cell of its own: the level-2 label was carried over a level-1 change. Only where
 * the read placed level-2 cells at all (evidence with no cells, a dataset from before they were
 * kept, tells nothing).
 */
function carriedAcrossLevel1(rows: Indicator[], evidence: Evidence): Indicator | undefined {
  const ownLevel2 = new Set(evidence.cells.filter((c) => c.field === 'level2' && c.row_index !== null).map((c) => c.row_index));
  if (ownLevel2.size === 0) return undefined;
  return rows.find((row, i) => {
    const above = rows[i - 1];
    return (
      above !== undefined &&
      !ownLevel2.has(row.row_index) &&
      row.level2 !== null &&
      row.level2 === above.level2 &&
      row.level1 !== null &&
      above.level1 !== null &&
      row.level1 !== above.level1
    );
  });
}

/**
 * The first row whose level-1 (else level-2) label is level names run together, some of which no
 * row has as its own label: a printed block whose rows the read did not keep apart. Where each
 * name has rows of its own, the joined label is a cell read across one bound, its rows kept
 * (LEVEL_LABELS_JOINED says so on the row).
 */
function blocksWithoutRows(rows: Indicator[]): { level: 'level1' | 'level2'; row_index: number; label: string; names: string[] } | null {
  for (const level of ['level1', 'level2'] as const) {
    const key = (row: Indicator) => compact(foldWidth(row[level] ?? ''));
    const own = new Set(rows.filter((r) => joinedLevelNames(key(r)) === null).map(key));
    for (const row of rows) {
      const names = joinedLevelNames(key(row))?.filter((n) => !own.has(n)) ?? [];
      if (names.length > 0) return { level, row_index: row.row_index, label: row[level]!, names };
    }
  }
  return null;
}

const NUMBER_COLUMNS = ['weight', 'score', 'review_score', 'deduction'] as const;
/** A bare number set apart by white space at a text's end or start: another cell's value. */
const TRAILING_NUMBER = /\S\s+-?\d+(\.\d+)?$/;
const LEADING_NUMBER = /^-?\d+(\.\d+)?\s+\S/;

/**
 * Rows whose number column (weight, score…) is empty, not by a merged block, while the text cell
 * just left of that column ends with a lone number (or the one right of it starts with one): one
 * box of text drawn across the column rule (`125万册(份) 5`, a converter joining two cells' words)
 * put the number's cell into its neighbour. The column is the row's own cell for it, else where
 * most of the table's rows have it.
 */
function spilledNumbers(rows: Indicator[], evidence: Evidence): Array<{ rowIndex: number; field: string; beside: string; text: string }> {
  const inBlock = new Set(evidence.merged_blocks.flatMap((b) => b.row_indexes.map((i) => `${b.field}:${i}`)));
  // Where each table prints a field: the column most of its rows have it in.
  const seen = new Map<string, Map<number, number>>();
  for (const c of evidence.cells) {
    if (c.row_index === null || c.column === null) continue;
    const key = `${c.table_index}:${c.field}`;
    const counts = seen.get(key) ?? new Map<number, number>();
    seen.set(key, counts.set(c.column, (counts.get(c.column) ?? 0) + 1));
  }
  const usual = (key: string) => [...(seen.get(key) ?? new Map<number, number>())].sort((a, b) => b[1] - a[1])[0]?.[0];
  return rows.flatMap((row) =>
    NUMBER_COLUMNS.flatMap((field) => {
      if (row[field] !== null || inBlock.has(`${field}:${row.row_index}`)) return [];
      const cells = evidence.cells.filter((c) => c.row_index === row.row_index && c.column !== null);
      for (const cell of cells) {
        const column = cells.find((c) => c.field === field && c.table_index === cell.table_index)?.column ?? usual(`${cell.table_index}:${field}`);
        const text = row[cell.field as keyof Indicator];
        if (column === undefined || typeof text !== 'string') continue;
        if ((cell.column === column - 1 && TRAILING_NUMBER.test(text)) || (cell.column === column + 1 && LEADING_NUMBER.test(text))) {
          return [{ rowIndex: row.row_index, field, beside: cell.field, text }];
        }
      }
      return [];
    }),
  );
}

/** The unplaced texts by the printed row they are on, each row at its first such cell. */
function lostRows(evidence: Evidence): Array<{ rowIndex: number | null; at: Place | null; texts: string[] }> {
  const rows = new Map<string, { rowIndex: number | null; at: Place | null; texts: string[] }>();
  for (const u of evidence.unplaced) {
    const id = `${u.at?.page ?? ''}:${u.at?.table_index ?? ''}:${u.at?.row ?? ''}`;
    const row = rows.get(id);
    if (row) row.texts.push(u.printed);
    else rows.set(id, { rowIndex: u.row_index, at: u.at, texts: [u.printed] });
  }
  return [...rows.values()];
}

/**
 * A form whose head extraction found lost (HEAD_UNREAD: no head field read, while the document's other
 * forms under the same header read theirs): the report's fields are not what it prints, whatever its rows say.
 */
function lostHeadDoubts(doubtful: ReadonlyArray<DoubtfulRead>): string[] {
  const lost = doubtful.filter((d) => d.row_index === null && d.code === 'HEAD_UNREAD').map((d) => d.field);
  return lost.length === 0 ? [] : [`the form's head was not read (${lost.join(', ')} left empty), while the document's other forms under the same header print theirs: it was likely lost by the read`];
}

/** Where a doubt's first instance is printed; a format with no places has it in the table. */
const where = (at: Place | null) => showPlace(at) || 'in the table';

export const selfCheck: Check = {
  name: 'structural self-checks of the read',
  reads: ['indicators.*', 'report.execution_weight', 'evidence.columns', 'evidence.cells', 'evidence.number_texts', 'evidence.weight_total', 'evidence.merged_blocks', 'evidence.past_page_edge', 'evidence.unruled', 'evidence.unplaced', 'evidence.unread_tables'],
  emits: {
    EXTRACTION_SUSPECT: {
      origin: 'extraction',
      severity: ['warning'],
      when: 'the read fails a structural self-check; once for each printed row with text the read placed in no record, at that row; and once for each evaluation table printed beside the report from which no report was read, at its header',
    },
  },
  run(ctx): Observation[] {
    ctx.doubts = [...selfCheckDoubts(ctx.report, ctx.rows, ctx.evidence), ...lostHeadDoubts(ctx.doubtful)];
    if (ctx.doubts.length === 0) return [];
    return [
      observe(null, 'EXTRACTION_SUSPECT', 'warning', {
        field: null,
        printed: null,
        expected: null,
        message: `the read of this table looks wrong: ${ctx.doubts.join('; ')}; its figures and the findings on them may come from a misread, check them against the document`,
      }),
      ...lostRows(ctx.evidence).map((l) => ({
        ...observe(null, 'EXTRACTION_SUSPECT', 'warning', {
          field: null,
          printed: l.texts.join(' | '),
          expected: null,
          message:
            l.rowIndex === null
              ? `printed in the table here but in no record: 「${l.texts.join('」「')}」; the read lost this row (dropped, or cut off from its table), check the rows around it against the document`
              : `printed on this row's line of the table but in none of its fields: 「${l.texts.join('」「')}」; the read dropped this cell (outside every column, a second cell for one field, a page-break tail's text in a number column), check the row against the document`,
          at: l.at,
        }),
        row_index: l.rowIndex,
      })),
      ...ctx.evidence.unread_tables.map((u) =>
        observe(null, 'EXTRACTION_SUSPECT', 'warning', {
          field: null,
          printed: u.printed,
          expected: null,
          message: `an evaluation table's header is printed here, but no report was read from it (no row under it was read): this table is missing from the dataset, check this page against the document`,
          at: u.at,
        }),
      ),
    ];
  },
};
