/**
 * robots.txt as RFC 9309 reads it: the groups naming our product token (else `*`), merged;
 * the longest matching Allow/Disallow wins, Allow on a tie; `*` and `$` in paths.
 */

export interface RobotsRule {
  allow: boolean;
  /** The path pattern as written (`/private/`, `/*.pdf$`). */
  pattern: string;
  regex: RegExp;
}

export interface Robots {
  rules: RobotsRule[];
  /** Crawl-delay of the chosen group, in milliseconds. */
  crawlDelayMs: number | null;
  /** Set when robots.txt could not be read (5xx, no connection): then nothing may be fetched. */
  unreachable: string | null;
}

export const ALLOW_ALL: Robots = { rules: [], crawlDelayMs: null, unreachable: null };

/** `jixiao/0.1 (+https://…)` → `jixiao`: robots.txt names crawlers by this token. */
export function readProductToken(userAgent: string): string {
  return (/^[A-Za-z0-9_-]+/.exec(userAgent)?.[0] ?? userAgent).toLowerCase();
}

export function parseRobots(text: string, userAgent: string): Robots {
  const token = readProductToken(userAgent);
  interface Group {
    agents: string[];
    rules: RobotsRule[];
    crawlDelayMs: number | null;
  }
  const groups: Group[] = [];
  let group: Group | null = null;
  let lastWasAgent = false;
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const line = raw.replace(/#.*/, '').trim();
    const m = /^([A-Za-z-]+)\s*:\s*(.*)$/.exec(line);
    if (!m) continue;
    const key = m[1]!.toLowerCase();
    const value = m[2]!.trim();
    if (key === 'user-agent') {
      // Consecutive user-agent lines share one group; a user-agent after rules starts a new one.
      if (!group || !lastWasAgent) groups.push((group = { agents: [], rules: [], crawlDelayMs: null }));
      group.agents.push(value.toLowerCase());
      lastWasAgent = true;
      continue;
    }
    lastWasAgent = false;
    if (!group) continue;
    if ((key === 'allow' || key === 'disallow') && value !== '') {
      group.rules.push({ allow: key === 'allow', pattern: value, regex: compilePattern(value) });
    } else if (key === 'crawl-delay' && Number.isFinite(Number(value))) {
      group.crawlDelayMs = Number(value) * 1000;
    }
  }
  const ours = groups.filter((g) => g.agents.some((a) => a.split('/')[0]!.trim() === token));
  const chosen = ours.length > 0 ? ours : groups.filter((g) => g.agents.includes('*'));
  const delays = chosen.map((g) => g.crawlDelayMs).filter((d): d is number => d !== null);
  return { rules: chosen.flatMap((g) => g.rules), crawlDelayMs: delays.length ? Math.max(...delays) : null, unreachable: null };
}

function compilePattern(pattern: string): RegExp {
  const anchored = pattern.endsWith('$');
  const body = (anchored ? pattern.slice(0, -1) : pattern)
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}${anchored ? '$' : ''}`);
}

/** Whether robots.txt lets us fetch this URL (its path and query). */
export function isAllowedByRobots(robots: Robots, url: URL): boolean {
  const path = url.pathname + url.search;
  if (url.pathname === '/robots.txt') return true;
  if (robots.unreachable) return false;
  let best: RobotsRule | null = null;
  for (const rule of robots.rules) {
    if (!rule.regex.test(path) && !rule.regex.test(decodePathSafely(path))) continue;
    if (!best || rule.pattern.length > best.pattern.length || (rule.pattern.length === best.pattern.length && rule.allow)) best = rule;
  }
  return best?.allow ?? true;
}

function decodePathSafely(path: string): string {
  try {
    return decodeURI(path);
  } catch {
    return path;
  }
}

/** robots.txt read once per origin and run; the reader decides how (conditional request, store). */
export class RobotsCache {
  private readonly byOrigin = new Map<string, Promise<Robots>>();
  private readonly read = new Map<string, Robots>();
  constructor(private readonly readRobots: (origin: string) => Promise<Robots>) {}

  forUrl(url: URL): Promise<Robots> {
    let robots = this.byOrigin.get(url.origin);
    if (!robots) {
      robots = this.readRobots(url.origin).then((r) => (this.read.set(url.origin, r), r));
      this.byOrigin.set(url.origin, robots);
    }
    return robots;
  }

  /** The origin's robots.txt once read (its Crawl-delay sets the host queue's pace). */
  known(origin: string): Robots | undefined {
    return this.read.get(origin);
  }
}
