import { compact, foldWidth } from '../../pipeline/text';
import { FRAMEWORK_LEVEL_NAMES } from '../../pipeline/vocabulary/lexicon';
import type { CorrectedWord } from './correct-numbers';
import { rewritten } from './level-headers';

const CHINESE = /[\u3400-\u9fff]/;

/**
 * A line's characters, each run of marks, letters and digits one slot: what is left of a broken
 * character may be read as two marks (`绩效!！标`).
 */
const chars = (line: CorrectedWord) =>
  [...compact(foldWidth(line.word.text))].reduce<string[]>((slots, c) => {
    const last = slots[slots.length - 1];
    if (last !== undefined && !CHINESE.test(c) && !CHINESE.test(last)) slots[slots.length - 1] = last + c;
    else slots.push(c);
    return slots;
  }, []);

/** The one framework level name `read` (slots) is but for one character read as marks, letters or digits; else null. */
function nameOf(read: string[]): string | null {
  const fits = FRAMEWORK_LEVEL_NAMES.filter((name) => {
    const printed = [...name];
    if (printed.length !== read.length) return false;
    const off = read.filter((c, i) => c !== printed[i]);
    return off.length === 1 && !CHINESE.test(off[0]!);
  });
  return fits.length === 1 ? fits[0]! : null;
}

/**
 * The line wrapped under `line` in its cell: the next line down, overlapping it across, less than
 * a line's height below (a narrow level cell sets `绩效！` over `标`).
 */
function wrappedUnder(line: CorrectedWord, lines: CorrectedWord[]): CorrectedWord | undefined {
  const w = line.word;
  return lines
    .filter((o) => o !== line && o.word.x0 < w.x1 && w.x0 < o.word.x1 && o.word.y0 >= (w.y0 + w.y1) / 2 && o.word.y0 - w.y1 < w.lineHeight)
    .sort((a, b) => a.word.y0 - b.word.y0)[0];
}

/**
 * A framework level name with one character read as a mark, a letter or a digit (`绩效！标` for
 * `绩效目标`: a binarised scan breaks a character's thin strokes, and the reader takes what is
 * left for punctuation), on one line or wrapped over two in its cell. A name printed
 * differently differs by a Chinese character, which is left as read (`的效指标` may be another
 * name, and is flagged as a suspect read instead). Mended only where exactly one name fits;
 * each change is a correction (`read → kept`), reported on the row.
 */
export function settleLevelNames(lines: CorrectedWord[]): CorrectedWord[] {
  const out = [...lines];
  lines.forEach((line, i) => {
    const alone = nameOf(chars(line));
    if (alone) {
      out[i] = rewritten(out[i]!, alone);
      return;
    }
    const under = wrappedUnder(line, lines);
    if (!under) return;
    const name = nameOf([...chars(line), ...chars(under)]);
    if (!name) return;
    const split = chars(line).length;
    const [top, bottom] = [[...name].slice(0, split).join(''), [...name].slice(split).join('')];
    const j = lines.indexOf(under);
    if (top !== chars(line).join('')) out[i] = rewritten(out[i]!, top);
    if (bottom !== chars(under).join('')) out[j] = rewritten(out[j]!, bottom);
  });
  return out;
}
