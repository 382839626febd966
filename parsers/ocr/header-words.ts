import { compact, foldWidth } from '../../pipeline/text';
import { FRAMEWORK_LEVEL_NAMES, INDICATOR_HEADERS, isLevelName, VALUE_PARTS } from '../../pipeline/vocabulary/lexicon';
import type { CorrectedWord } from './correct-numbers';
import { onOneLine, rewritten } from './level-headers';

/** A header word shorter than this is not mended: one character changed in `满分` makes `得分`. */
const MIN_CHARACTERS = 3;
/** Nor one this long: a header cell holds a few words, not a sentence. */
const MAX_CHARACTERS = 8;

const key = (text: string) => compact(foldWidth(text));
const isHeader = (text: string) => INDICATOR_HEADERS.some((h) => h.pattern.test(key(text)));
/** A header word of the vocabulary, a value's part included (`指标性质`, `度量单位`). */
const isHeaderWord = (text: string) => isHeader(text) || VALUE_PARTS.some((p) => p.pattern.test(key(text)));

/**
 * The line under `line` in its column, where a header word wrapped in its cell goes on: it starts
 * within a line height below, and under the word's first half.
 */
function lineUnder(line: CorrectedWord['word'], lines: CorrectedWord[]): CorrectedWord['word'] | undefined {
  return lines
    .map((l) => l.word)
    .filter((w) => w.y0 >= (line.y0 + line.y1) / 2 && w.y0 <= line.y1 + line.lineHeight && w.x0 >= line.x0 - line.lineHeight / 2 && w.x0 <= (line.x0 + line.x1) / 2)
    .sort((a, b) => a.y0 - b.y0)[0];
}
/** The Chinese characters the header vocabulary is written in: a misread header word is one of them away. */
const VOCABULARY = [...new Set(INDICATOR_HEADERS.flatMap((h) => [...h.pattern.source].filter((c) => /[\u3400-\u9fff]/.test(c))))];

/**
 * Header words with one character misread (`抑分总计` for `扣分总计`: a fax thins the strokes the
 * reader tells characters by), in a row of the page that holds a header word read whole. The
 * word is mended only to a header word the same page prints elsewhere, whole or wrapped
 * (`扣分总` over `计` in the table above): one character of the vocabulary may make several
 * header words (`扣分总计`, `得分总计`), and a form's tables repeat their header. A table whose
 * header misses a word loses the column's field, and its signature no longer matches the table
 * it continues. Each change is a correction (`read → kept`), which every row under the header
 * reports.
 */
export function settleHeaderWords(lines: CorrectedWord[]): CorrectedWord[] {
  const headers = lines.filter((l) => isHeader(l.word.text));
  const printed = lines.map((l) => key(l.word.text)).filter((t) => t.length >= MIN_CHARACTERS);
  return lines.map((line) => {
    const chars = [...key(line.word.text)];
    if (chars.length < MIN_CHARACTERS || chars.length > MAX_CHARACTERS || isHeader(line.word.text)) return line;
    // A level name read whole (`时效指标`, a level-2 cell level with the section label `绩效指标`
    // merged down beside it) is a word of its own column, not a header word one character off.
    if (isLevelName(key(line.word.text)) || FRAMEWORK_LEVEL_NAMES.includes(key(line.word.text))) return line;
    if (!headers.some((h) => onOneLine(h.word, line.word))) return line;
    // The first line of a header word wrapped in its cell is as printed (`指标性` over `质`), not
    // one character off another (`指标值`).
    const under = lineUnder(line.word, lines);
    if (under && isHeaderWord(line.word.text + under.text)) return line;
    const mended = new Set<string>();
    chars.forEach((c, i) => {
      for (const v of VOCABULARY) {
        const text = [...chars.slice(0, i), v, ...chars.slice(i + 1)].join('');
        if (v !== c && isHeader(text) && printed.some((p) => text.startsWith(p) || p.startsWith(text))) mended.add(text);
      }
    });
    if (mended.size !== 1) return line;
    return rewritten(line, [...mended][0]!);
  });
}
