/**
 * A deliberately small reader of a PDF's plain objects (`N G obj … endobj` written out in the
 * file), for the one thing pdf.js does not give: an image's encoded bytes. It reads nothing it is
 * unsure of: an object defined more than once (incremental updates), kept in an object stream, a
 * string inside a dictionary, an encrypted file: each answers null, and the caller falls back to
 * pdf.js.
 */
export type RawValue = { kind: 'dict'; text: string } | { kind: 'ref'; num: number; gen: number } | { kind: 'other'; text: string };

/** How far into an object its dictionary may reach (an image dictionary is a few hundred bytes). */
const DICT_WINDOW = 16_384;
const WHITE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);

/** Files already indexed, so that each scanned page of a document does not search the whole file again. */
const indexed = new WeakMap<Uint8Array, RawPdf>();

export class RawPdf {
  private readonly buf: Buffer;
  readonly encrypted: boolean;
  /** Where each object's body starts, by `num gen`; null for one written more than once. */
  private readonly starts = new Map<string, number | null>();

  constructor(bytes: Uint8Array) {
    this.buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.encrypted = this.buf.includes('/Encrypt');
    if (this.encrypted) return;
    // One pass over the file for every object's header (`12 0 obj`, after white space or at
    // the file's start), read back from each ` obj`: no copy of the file as text.
    for (let at = this.buf.indexOf(' obj'); at >= 0; at = this.buf.indexOf(' obj', at + 4)) {
      const gen = this.digitsBefore(at);
      if (gen === at || this.buf[gen - 1] !== 0x20) continue;
      const num = this.digitsBefore(gen - 1);
      if (num === gen - 1 || (num > 0 && !WHITE.has(this.buf[num - 1]!))) continue;
      const key = `${this.buf.toString('latin1', num, gen - 1)} ${this.buf.toString('latin1', gen, at)}`;
      this.starts.set(key, this.starts.has(key) ? null : at + 4);
    }
  }

  /** Where the run of digits that ends at `end` starts (`end` itself when there is none). */
  private digitsBefore(end: number): number {
    let at = end;
    while (at > 0 && this.buf[at - 1]! >= 0x30 && this.buf[at - 1]! <= 0x39) at--;
    return at;
  }

  /** The reader of a file's bytes, made once for those bytes. */
  static of(bytes: Uint8Array): RawPdf {
    let raw = indexed.get(bytes);
    if (!raw) indexed.set(bytes, (raw = new RawPdf(bytes)));
    return raw;
  }

  /** Where object `num gen` starts its body, when the file writes it out exactly once. */
  private objectStart(num: number, gen: number): number | null {
    return this.starts.get(`${num} ${gen}`) ?? null;
  }

  /** The dictionary object `num gen` starts with, its text (latin1) and where the text after it starts. */
  dictionary(num: number, gen: number): { text: string; end: number } | null {
    const start = this.objectStart(num, gen);
    if (start === null) return null;
    const window = this.buf.toString('latin1', start, Math.min(this.buf.length, start + DICT_WINDOW));
    const open = window.search(/\S/);
    if (open < 0 || !window.startsWith('<<', open)) return null;
    const text = balanced(window, open);
    return text === null ? null : { text, end: start + open + text.length };
  }

  /** A whole number, written directly or as the only content of object `num gen`. */
  integer(value: RawValue | null): number | null {
    if (value?.kind === 'other') return /^\d+$/.test(value.text) ? Number(value.text) : null;
    if (value?.kind !== 'ref') return null;
    const start = this.objectStart(value.num, value.gen);
    if (start === null) return null;
    const m = /^\s*(\d+)\s+endobj/.exec(this.buf.toString('latin1', start, Math.min(this.buf.length, start + 64)));
    return m ? Number(m[1]) : null;
  }

  /** The dictionary a value is or refers to. */
  resolveDict(value: RawValue | null): string | null {
    if (value?.kind === 'dict') return value.text;
    return value?.kind === 'ref' ? (this.dictionary(value.num, value.gen)?.text ?? null) : null;
  }

  /**
   * The encoded bytes of stream object `num gen` (no filter undone), with its dictionary; null
   * unless the dictionary's /Length (direct or indirect) ends exactly at `endstream`.
   */
  stream(num: number, gen: number): { dict: string; data: Buffer } | null {
    const dict = this.dictionary(num, gen);
    if (!dict) return null;
    const keyword = /^\s*stream(\r\n|\n)/.exec(this.buf.toString('latin1', dict.end, Math.min(this.buf.length, dict.end + 32)));
    const length = this.integer(entry(dict.text, 'Length'));
    if (!keyword || length === null) return null;
    const from = dict.end + keyword[0].length;
    const to = from + length;
    if (to > this.buf.length || !/^\s*endstream/.test(this.buf.toString('latin1', to, Math.min(this.buf.length, to + 32)))) return null;
    return { dict: dict.text, data: this.buf.subarray(from, to) };
  }
}

/** The text of the `<<…>>` starting at `at`, nested dictionaries and arrays included; null past the text or on a string. */
function balanced(text: string, at: number): string | null {
  let depth = 0;
  for (let i = at; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '%') return null;
    if (c === '<' && text[i + 1] === '<') {
      depth++;
      i++;
    } else if (c === '>' && text[i + 1] === '>') {
      depth--;
      i++;
      if (depth === 0) return text.slice(at, i + 1);
    }
  }
  return null;
}

/**
 * The top-level entries of a dictionary's text (`<<…>>`): references, nested dictionaries, flat
 * arrays, names, numbers. Null when it holds anything else (a string, a nested array).
 */
export function entries(dict: string): Map<string, RawValue> | null {
  const found = new Map<string, RawValue>();
  let at = 2;
  for (;;) {
    const key = /^\s*(?:>>|\/([^\s/<>[\]()%{}]+))/.exec(dict.slice(at));
    if (!key) return null;
    if (key[1] === undefined) return found;
    at += key[0].length;
    const value = valueAt(dict, at);
    if (!value) return null;
    found.set(key[1], value.value);
    at = value.end;
  }
}

export const entry = (dict: string, key: string): RawValue | null => entries(dict)?.get(key) ?? null;

function valueAt(dict: string, at: number): { value: RawValue; end: number } | null {
  const lead = /^\s*/.exec(dict.slice(at))![0].length;
  const from = at + lead;
  const body = dict.slice(from);
  const ref = /^(\d+)\s+(\d+)\s+R(?=[\s/<>[\]]|$)/.exec(body);
  if (ref) return { value: { kind: 'ref', num: Number(ref[1]), gen: Number(ref[2]) }, end: from + ref[0].length };
  if (body.startsWith('<<')) {
    const text = balanced(body, 0);
    return text === null ? null : { value: { kind: 'dict', text }, end: from + text.length };
  }
  const token = /^(?:\[[^[\]()<>%]*\]|\/?[^\s/<>[\]()%{}]+)/.exec(body);
  return token ? { value: { kind: 'other', text: token[0] }, end: from + token[0].length } : null;
}
