import Decimal from 'decimal.js';
import {
  FAMILY_HOLDS,
  joinsLevelNames,
  CODED_LABEL_WEIGHT,
  LABEL_WEIGHT,
  LEVEL1_NAMES,
  LEVEL2_NAMES,
  STANDARD_LEVEL1_OF,
  type Family,
} from '../vocabulary/lexicon';
import { cleanText, compact, foldWidth } from '../text';
import { parseDecimal } from '../values';
import type { LevelLabel, MappedRow } from './rows';

/** The level-1 and level-2 that cover a row, filled down over merged cells. */
export interface RowLevels {
  level1: string | null;
  level1Weight: string | null;
  level2: string | null;
  level2Weight: string | null;
}

export interface LevelNote {
  row: number;
  code: 'LEVEL1_INFERRED' | 'LEVEL_SPAN_ADJUSTED' | 'LEVEL2_DISPLACED' | 'LEVEL_CARRIED_PAST_RULE' | 'LEVEL_FAMILY_MISMATCH' | 'LEVEL_LABELS_JOINED';
  message: string;
}

interface Occurrence {
  name: string;
  weight: string | null;
  /** Rows the printed label covers (one row for a label in a text extraction). */
  core: number[];
}
interface Group {
  name: string;
  occurrences: Occurrence[];
}

/** A weight printed without brackets after the name, as `18分` on a line of its own comes out. */
const LABEL_WEIGHT_BARE = /^(.*?[^\d.\s])\s*(\d+(?:\.\d+)?)\s*分$/;

/** Splits `项目决策 (18分)`, `项目决策（18 分）` or `项目决策` / `18分` into name and weight; the level's weight column is the fallback. */
function readLabel(label: LevelLabel, weightCell: string | undefined): { name: string; weight: string | null } {
  const text = cleanText(label.text);
  const m = LABEL_WEIGHT.exec(foldWidth(text)) ?? CODED_LABEL_WEIGHT.exec(compact(foldWidth(text))) ?? LABEL_WEIGHT_BARE.exec(foldWidth(text));
  if (m) return { name: cleanText(m[1]!), weight: new Decimal(m[2]!).toString() };
  return { name: text, weight: parseDecimal(weightCell ?? null) };
}

function occurrencesOf(rows: MappedRow[], level: 'level1' | 'level2'): Occurrence[] {
  const out: Occurrence[] = [];
  let lastAnchor: number | undefined;
  rows.forEach((row, i) => {
    const label = row[level];
    if (!label) return;
    const last = out[out.length - 1];
    if (last && lastAnchor === label.anchorRow && last.core[last.core.length - 1] === i - 1 && rows[i - 1]!.tableIndex === row.tableIndex) {
      last.core.push(i);
      return;
    }
    const weightCell = level === 'level1' ? row.values.level1_weight : row.values.level2_weight;
    out.push({ ...readLabel(label, weightCell), core: [i] });
    lastAnchor = label.anchorRow;
  });
  return out;
}

/** Labels repeated on each page (`项目产出（50分）` four times) are one level. */
function groupsOf(occurrences: Occurrence[]): Group[] {
  const groups: Group[] = [];
  for (const occ of occurrences) {
    const last = groups[groups.length - 1];
    if (last && compact(last.name) === compact(occ.name)) last.occurrences.push(occ);
    else groups.push({ name: occ.name, occurrences: [occ] });
  }
  return groups;
}

const groupWeight = (g: Group): string | null => {
  const weights = new Set(g.occurrences.map((o) => o.weight));
  return weights.size === 1 ? [...weights][0]! : null;
};
const firstCore = (g: Group) => g.occurrences[0]!.core[0]!;
const lastCore = (g: Group) => {
  const o = g.occurrences[g.occurrences.length - 1]!;
  return o.core[o.core.length - 1]!;
};

/**
 * Where each level's rows begin. A label printed in a text extraction sits anywhere in its
 * merged cell: at its top, in its middle, or on the last row of the level before. The default is
 * the label's row (or, for a label on a row that continues a level-2 block, that block's start);
 * when the level's printed weight does not match the default, the boundary that makes the
 * weights add up is taken instead.
 */
function boundaries(
  groups: Group[],
  rows: MappedRow[],
  weights: Array<string | null>,
  backExtend: boolean,
  notes: LevelNote[],
): number[] {
  const starts: number[] = [];
  groups.forEach((group, j) => {
    if (j === 0) {
      // Rows above the first level-1 label are under it: the label sits lower in its merged cell.
      starts.push(backExtend ? 0 : firstCore(group));
      if (backExtend && firstCore(group) > 0) {
        notes.push({ row: 0, code: 'LEVEL_SPAN_ADJUSTED', message: `${group.name} starts on the first row; its label is printed lower` });
      }
      return;
    }
    const previous = groups[j - 1]!;
    const s = firstCore(group);
    const lowest = lastCore(previous) + 1;
    let preferred = s;
    if (backExtend && !rows[s]!.level2) {
      for (let t = s - 1; t >= lowest; t--) {
        if (rows[t]!.level2) {
          preferred = t;
          break;
        }
      }
    }
    const target = groupWeight(previous);
    const from = starts[j - 1]!;
    const sumTo = (k: number) => weights.slice(from, k).reduce((acc, w) => acc.plus(w ?? 0), new Decimal(0));
    let start = preferred;
    let reason = preferred === s ? null : `its label sits inside the level-2 block that begins here`;
    // A row with no printed weight (a cell the conversion lost) leaves the sums undecided: the label's row stands.
    const weighed = weights.slice(from, s + 1).every((w) => w !== null);
    if (target !== null && weighed && !sumTo(preferred).equals(target)) {
      // The label may sit on the last row of the level before, inside the same table only.
      const mayTrail =
        group.occurrences[0]!.core.length === 1 &&
        s + 1 < rows.length &&
        rows[s]!.tableIndex === rows[s - 1]?.tableIndex &&
        !(groups[j + 1] && firstCore(groups[j + 1]!) <= s + 1);
      const highest = mayTrail ? s + 1 : s;
      const candidates: number[] = [];
      for (let k = lowest; k <= highest; k++) if (sumTo(k).equals(target)) candidates.push(k);
      candidates.sort((a, b) => Math.abs(a - preferred) - Math.abs(b - preferred));
      if (candidates[0] !== undefined) {
        start = candidates[0];
        reason = `${previous.name}'s weights add up to its printed ${target} only then`;
      }
    }
    if (start !== s && reason) {
      notes.push({ row: start, code: 'LEVEL_SPAN_ADJUSTED', message: `${group.name} starts on this row, not on its label's row: ${reason}` });
    }
    starts.push(start);
  });
  return starts;
}

/** A level assigned to a row: the label's name and weight, its group, and the row that printed it. */
interface Assigned {
  name: string;
  weight: string | null;
  group: number;
  from: number;
}

function assign(groups: Group[], starts: number[], count: number): Array<Assigned | null> {
  const out: Array<Assigned | null> = Array(count).fill(null);
  groups.forEach((group, j) => {
    const end = j + 1 < groups.length ? starts[j + 1]! : count;
    for (let i = starts[j]!; i < end; i++) {
      const covering = [...group.occurrences].reverse().find((o) => o.core[0]! <= i) ?? group.occurrences[0]!;
      out[i] = { name: group.name, weight: covering.weight, group: j, from: covering.core[0]! };
    }
  });
  return out;
}

const familyOf = (name: string, table: ReadonlyArray<{ family: Family; pattern: RegExp }>) =>
  table.find((n) => n.pattern.test(compact(foldWidth(name))))?.family;

/** A level-2 label displaced to the row above moves to the first drifted row below it, else the next row. */
function placeDisplacedLabels(rows: MappedRow[], level1Group: Array<number | undefined>, notes: LevelNote[]): void {
  rows.forEach((row, i) => {
    if (!row.displacedLevel2) return;
    const candidates: number[] = [];
    for (let j = i + 1; j < rows.length && level1Group[j] === level1Group[i] && !rows[j]!.level2; j++) candidates.push(j);
    const target = candidates.find((j) => rows[j]!.realigned) ?? candidates[0];
    if (target === undefined) return;
    rows[target]!.level2 = { text: row.displacedLevel2, anchorRow: rows[target]!.sourceRow };
    notes.push({
      row: target,
      code: 'LEVEL2_DISPLACED',
      message: `level-2 label ${cleanText(row.displacedLevel2)} was printed on row ${row.sourceRow}; placed here`,
    });
  });
}

/**
 * Rows a label was carried down onto past the rule that closes its block: the label printed in a
 * cell merged over a block of rows above, the row's own cell in that column empty and left open at
 * the foot of its page over a label at the top of the next. Which of the two labels is the cut
 * block's the rules do not say: the one filled down, or the one after the break (centred in the
 * block's part on the next page).
 */
function carriedPastRule(rows: MappedRow[], assigned: Array<Assigned | null>, level: 'level1' | 'level2', notes: LevelNote[]): void {
  rows.forEach((row, i) => {
    const a = assigned[i];
    if (!a || row[level] || !row.labelPastBreak?.includes(level) || a.from >= i) return;
    const source = rows[a.from]!;
    if (source.tableIndex !== row.tableIndex || !source[level]?.tall) return;
    notes.push({
      row: i,
      code: 'LEVEL_CARRIED_PAST_RULE',
      message: `${level === 'level1' ? 'level-1' : 'level-2'} ${a.name} was filled down from row ${a.from}, whose merged cell ends above this row; this row's own cell prints no label and the page left it open over another label at the top of the next page, which may be this row's: check it against the document`,
    });
  });
}

/** Fills level-1 and level-2 down over the rows, resolving where each label's merged cell spans. */
export function resolveLevels(rows: MappedRow[]): { levels: RowLevels[]; notes: LevelNote[] } {
  const notes: LevelNote[] = [];
  const weights = rows.map((r) => parseDecimal(r.values.weight ?? null));
  const l1Groups = groupsOf(occurrencesOf(rows, 'level1'));
  const l1 = assign(l1Groups, boundaries(l1Groups, rows, weights, true, notes), rows.length);

  placeDisplacedLabels(rows, l1.map((a) => a?.group), notes);
  const l2Groups = groupsOf(occurrencesOf(rows, 'level2'));
  const l2 = assign(l2Groups, boundaries(l2Groups, rows, weights, false, notes), rows.length);

  carriedPastRule(rows, l1, 'level1', notes);
  carriedPastRule(rows, l2, 'level2', notes);

  const cores = new Set(l1Groups.flatMap((g) => g.occurrences.flatMap((o) => o.core)));
  const levels = rows.map((_, i): RowLevels => {
    let level1 = l1[i]?.name ?? null;
    let level1Weight = l1[i]?.weight ?? null;
    const level2 = l2[i]?.name ?? null;
    const f2 = level2 ? familyOf(level2, LEVEL2_NAMES) : undefined;
    const f1 = level1 ? familyOf(level1, LEVEL1_NAMES) : undefined;
    if (f2 && !cores.has(i) && (level1 === null || (f1 && !FAMILY_HOLDS[f1].includes(f2)))) {
      // No level-1 label covers this row, and the one filled down cannot hold its level-2.
      level1 = STANDARD_LEVEL1_OF[f2];
      level1Weight = null;
      notes.push({ row: i, code: 'LEVEL1_INFERRED', message: `level-1 not printed; ${level1} inferred from level-2 ${level2}` });
    } else if (f1 && f2 && !FAMILY_HOLDS[f1].includes(f2)) {
      // A level-1 label printed over this row whose kind cannot hold the row's level-2 (效益指标 over
      // 数量指标): the read kept what the rules say, but a merged cell whose borders the producer drew
      // round its text only (WeasyPrint, a span cut by a page break) puts a label over rows it does not
      // cover, and nothing else in the read tells. A doubt, not a correction: documents do print odd
      // pairs, and the label is printed.
      notes.push({ row: i, code: 'LEVEL_FAMILY_MISMATCH', message: `level-1 ${level1} does not hold level-2 ${level2} in the indicator system: the merged label may have been read over rows it does not cover, check this row's levels against the document` });
    }
    const joined = [level1, level2].filter((name): name is string => name !== null && joinsLevelNames(compact(foldWidth(name))));
    if (joined.length > 0) {
      notes.push({ row: i, code: 'LEVEL_LABELS_JOINED', message: `${joined.join(' and ')} reads as two level labels run together: two merged cells were read as one, check this row's levels against the document` });
    }
    return { level1, level1Weight, level2, level2Weight: l2[i]?.weight ?? null };
  });
  return { levels, notes };
}
