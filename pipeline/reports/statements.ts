import type { Evidence, Statement } from '../../schemas/dataset';
import { plainText } from '../vocabulary/quantity';
import type { TextLine } from './assemble';
import { placeOf } from './places';

/**
 * Scores stated in prose (seed 003: `——推进一体化经办扎实有效指标分值2分，本项得1分`; seed 001:
 * `4.绩效目标设置科学得分2分`), each with the name it is about, its words and its line. Which
 * row a name means is the validator's business; this reads only what is printed.
 */

/** A line that opens an item of its own: `(1)`, `——`, `3.`, `二、`. */
const OPENS_ITEM = /^(\(|——|\d+[.、]|[一二三四五六七八九十]+、)/;

interface Joined {
  text: string;
  /** Start offset of each line in `text`, for the line a match begins on. */
  starts: Array<{ offset: number; line: TextLine }>;
}

/**
 * Lines joined into one text, `|` between them; a line cut mid-sentence by a page break (a long
 * line ending in a character, the next not opening an item) runs on into the next.
 */
function joinLines(lines: TextLine[]): Joined {
  const joined: Joined = { text: '', starts: [] };
  for (const line of lines) {
    const t = plainText(line.text.replace(/[*#]/g, ''));
    const { text } = joined;
    const runsOn = text.length > 0 && !line.heading && /[\u4e00-\u9fa5]$/.test(text) && text.length - text.lastIndexOf('|') > 20 && !OPENS_ITEM.test(t);
    joined.text += runsOn ? t : `|${t}`;
    joined.starts.push({ offset: text.length + (runsOn ? 0 : 1), line });
  }
  return joined;
}

const lineAt = (joined: Joined, offset: number) => [...joined.starts].reverse().find((s) => s.offset <= offset)?.line ?? null;
const at = (joined: Joined, offset: number) => {
  const line = lineAt(joined, offset);
  return line ? placeOf(line.prov) : null;
};

const NUMBERING = /^(?:——|--)?[(]?[0-9一二三四五六七八九十]+[)）.、]?(?=[\u4e00-\u9fa5])|^——/;
const cleanName = (s: string) => s.replace(NUMBERING, '').replace(/^(——)+/, '');

/** Every score statement in the text. */
export function readStatements(lines: TextLine[]): Statement[] {
  const joined = joinLines(lines);
  const { text } = joined;
  const out: Statement[] = [];
  const clauseBefore = (end: number) => {
    const head = text.slice(0, end);
    const start = Math.max(...['|', '。', '；', ';', ',', '，', '——'].map((d) => head.lastIndexOf(d) + d.length));
    return cleanName(head.slice(start));
  };
  const heading = (end: number) => [...text.slice(0, end).matchAll(/([\u4e00-\u9fa5]{2,8}?)情况分析/g)].pop()?.[1] ?? '';
  // 003: `…指标分值 4 分，本项得 3 分` / `…指标共6分，本项不扣分` / `…指标分值 20 分，评价得分 20 分`.
  for (const m of text.matchAll(/指标(?:分值|共)(\d+(?:\.\d+)?)分[,，](?:本项目?|评价)(不扣分|不得分|得分?(\d+(?:\.\d+)?)分)/g)) {
    const weight = m[1]!;
    const score = m[2] === '不扣分' ? weight : m[2] === '不得分' ? '0' : m[3]!;
    const name = clauseBefore(m.index) || heading(m.index);
    if (name) out.push({ name, weight, score, quote: m[0], at: at(joined, m.index) });
  }
  // 001: `（一）项目决策得分18分`, `3.决策程序规范得分2分`.
  for (const m of text.matchAll(/得分为?(\d+(?:\.\d+)?)分/g)) {
    if (/(评价|综合)$/.test(text.slice(0, m.index))) continue;
    const name = clauseBefore(m.index);
    if (name) out.push({ name, weight: null, score: m[1]!, quote: `${name}${m[0]}`, at: at(joined, m.index) });
  }
  return out;
}

/**
 * `综合得分96分`, `专项资金得分为98分`: the report's total in prose, read only from the text before
 * the report (text after it may already be the next report's).
 */
export function readStatedTotal(before: TextLine[]): Evidence['stated_total'] {
  const joined = joinLines(before);
  const m = /(?:综合(?:绩效评价)?得分|(?:资金|项目)得分为)(\d+(?:\.\d+)?)分/.exec(joined.text);
  return m ? { value: m[1]!, quote: m[0], at: at(joined, m.index) } : null;
}
