import {
  COVER_KEY,
  FILLED_DATE_LINE,
  FORM_KEYS,
  DEPARTMENT_LINE,
  ISSUER_LINE,
  LETTERHEAD,
  DEPARTMENT_CODE_PREFIX,
  GENERIC_TITLE_REST,
  ORG_PREFIX,
  TITLE_SUFFIX,
  TOTAL_LINE,
  PROJECT_CODE_PREFIX,
  ORG_NAME,
  PLACE_BEFORE_YEAR,
  REPORT_KIND_RULES,
  REPORT_TITLE,
  SCORE_TABLE_TITLE,
  HEAD_FIELDS,
  type FormKey,
} from '../vocabulary/lexicon';
import { GRADE_IN_PROSE, GRADE_VALUE } from '../vocabulary/grades';
import { codeWithin, doubtfulPlace, regionOfCode, resolveRegionFrom, type PlaceDoubt, type Region, type RegionSource } from '../region';
import { cleanText, compact, foldWidth } from '../text';
import { overprint, partlyTwice, type Overprint } from './overprint';
import { parseDate, parseYear } from '../values';
import type { ReportDraft, TextLine } from './assemble';
import { REPORT_FIELD } from './budget-sources';
import { readGradeLine, readHeadLines, type HeadLines } from './head-lines';
import type { ReportKind } from '../../schemas/dataset';

export interface ReportMeta {
  kind: ReportKind;
  title: string | null;
  projectName: string | null;
  department: string | null;
  implementingUnit: string | null;
  region: Region | null;
  year: number | null;
  filledDate: string | null;
  gradeInProse: string | null;
  /** The grade printed as a line under the table (`自评结论优`, `head-lines.ts`). */
  gradeInLine: string | null;
  /** A total printed as a key line above the table (`总分：98.5分`), for a table with no total row. */
  totalInHeader: string | null;
  /** The issuing unit printed above the form (`单位(盖章):黔南州医疗保障局`), where one was read. */
  issuer: string | null;
  /** The budget block printed as text lines above the table (`head-lines.ts`), for a form whose tables print none. */
  budgetInLines: HeadLines['budget'];
  /** How the region and year were found where that was a guess: findings of the report. */
  notes: MetaNote[];
}

export interface MetaNote {
  code: 'REGION_SOURCE' | 'PROJECT_CODE_REGION' | 'YEAR_SOURCE' | 'DEPARTMENT_SOURCE' | 'PLACE_NAME_DOUBTFUL' | 'TITLE_OVERPRINTED' | 'KEY_LINE_UNREAD' | 'HEAD_UNREAD' | 'BUDGET_LINE_UNREAD';
  field: string;
  /** What the note is about as printed; null for a line not read at all. */
  printed: string | null;
  message: string;
  /** Where a value came from is `info`; a printed place that cannot be right, or a value likely printed and not read, is a `warning`. */
  severity: 'info' | 'warning';
}

/** What the page that linked a document said of it (the crawl store's manifest). */
export interface CrawlContext {
  articleTitle?: string | null;
  linkText?: string | null;
}

const key = (s: string) => compact(foldWidth(s));
/**
 * An entry of a list of links with its date (`2022年度部门决算公开 2023-09-05`: a portal's related
 * articles printed around the form): another document's year, never this report's.
 */
const LISTED_LINK = /\S\s+\d{4}-\d{1,2}-\d{1,2}$/;
const LEADING_YEAR = /^(\d{4})\s*年度?\s*/;

/** Reads a report's title, project, department, region, year and date from what surrounds its tables. */
export function readMetadata(draft: ReportDraft, documentLines: TextLine[], crawl: CrawlContext = {}): ReportMeta {
  const form = mergeForms(draft);
  const lines = [...form.lines, ...draft.context.map((l) => l.text)];
  const notes: MetaNote[] = [];
  // The head's key lines where no table cell printed the key (a form printed without rules).
  const head = readHeadLines(draft.context.map((l) => l.text));
  for (const [k, v] of Object.entries(head.keys) as Array<[FormKey, string]>) form.keys[k] ??= v;
  const tableBudget = draft.forms.some((f) => f.budget);
  if (head.budgetUnread && !tableBudget) {
    // The block's figures run together (`181.8210分`: 181.82 and 10分): which digits are whose is not printed.
    for (const column of head.budgetUnread.columns) {
      notes.push({ code: 'BUDGET_LINE_UNREAD', field: REPORT_FIELD[column], printed: head.budgetUnread.printed, message: `the budget block's 年度资金总额 line is printed (「${head.budgetUnread.printed}」) but its figures do not stand one under each of its ${head.budgetUnread.columns.length} columns (two cells' figures run together, or a cell left blank), so ${REPORT_FIELD[column]} is left empty: read it from the document`, severity: 'warning' });
    }
  }
  const titleRead = readTitle(form.title, lines);
  const title = titleRead.text;
  const titleNote = overprintNote(titleRead);
  if (titleNote) notes.push(titleNote);
  // A title whose two passes could not be told apart names nothing: what it prints is left unread, with its warning.
  const undecided = titleNote?.severity === 'warning';
  const named = undecided ? null : title;
  const orgInTitle = named ? splitOrgPrefix(named).org : null;
  const departmentLine = lines.map((l) => DEPARTMENT_LINE.exec(foldWidth(cleanText(l)))?.[1]).find((d) => d !== undefined);
  const printedDepartment = stripCode(form.keys.department) ?? stripCode(departmentLine) ?? orgInTitle;
  const orgLine = printedDepartment ? null : nearestOrgLine(lines);
  const department = printedDepartment ?? orgLine;
  const issuer = lines.map((l) => ISSUER_LINE.exec(foldWidth(cleanText(l)))?.[3]).find((v) => v !== undefined) ?? null;
  const letterhead = [...lines, ...documentLines.map((l) => l.text)]
    .map((l) => LETTERHEAD.exec(cleanText(l))?.[1])
    .find((v) => v !== undefined);
  const project = splitProjectCode(form.keys.project_name);
  const region = readRegion(
    [
      { text: issuer, source: 'the issuing unit' },
      { text: letterhead, source: 'the letterhead' },
      { text: department, source: 'the department' },
      { text: form.keys.implementing_unit, source: 'the implementing unit' },
      { text: named, source: 'the title' },
    ],
    [
      ...documentLines.slice(0, 12).map((l) => ({ text: l.text, source: 'the text of the page' })),
      { text: crawl.articleTitle, source: 'the title of the article that links the document' },
      { text: crawl.linkText, source: 'the text of the link to the document' },
    ],
    project.code,
    notes,
  );
  if (orgLine) {
    // A line that only names a body is a guess at the department: it may be a site's banner or a seal's caption.
    notes.push({ code: 'DEPARTMENT_SOURCE', field: 'department', printed: orgLine, message: `no department is printed as such (a 主管部门 or 单位 line, the title); ${orgLine} taken from a line above the table that names only a body`, severity: 'info' });
  }
  let year = readYear(form.title, lines.filter((l) => !LISTED_LINK.test(cleanText(l))), named);
  if (year === null) year = readLinkedYear(crawl, notes);
  const projectName = project.name ?? readProjectName(undefined, named);
  if (titleNote && undecided) {
    const unread = { project_name: projectName, department, year };
    for (const [field, value] of Object.entries(unread)) if (value === null) notes.push({ ...titleNote, field });
  }
  const implementingUnit = form.keys.implementing_unit ?? null;
  notes.push(...placeNameNotes({ department, implementing_unit: implementingUnit, project_name: projectName }));
  return {
    kind: readKind(draft, title),
    title,
    projectName,
    department,
    implementingUnit,
    region,
    issuer,
    year,
    filledDate: lines.map((l) => FILLED_DATE_LINE.exec(cleanText(l))?.[2]).map((d) => (d ? parseDate(d) : null)).find((d) => d) ?? null,
    gradeInProse: readGradeInProse(lines),
    gradeInLine: readGradeLine(draft.after.map((l) => l.text)),
    totalInHeader: lines.map((l) => TOTAL_LINE.exec(foldWidth(cleanText(l)))?.[1]).find((t) => t !== undefined) ?? null,
    budgetInLines: head.budget,
    notes,
  };
}

/** The fields a form prints on a key line of its own above the table, each form of a document alike. */
const KEY_LINE_FIELDS = [
  { field: 'year', line: 'year line (`(2023年度)`)', value: (m: ReportMeta) => m.year, consequence: 'year is left empty' },
  { field: 'filled_date', line: '填报日期 line', value: (m: ReportMeta) => m.filledDate, consequence: 'filled_date is left empty' },
  // The region is read from the form's other names then (its department), which may print the place otherwise.
  { field: 'region_name', line: '单位(盖章) line', value: (m: ReportMeta) => m.issuer, consequence: 'the region is read from the other names the form prints, which may name the place otherwise' },
] as const;

/**
 * A warning on a report whose year or filled date was not read while other reports of the same
 * document have one: a document prints its forms' key lines alike, so the line is most likely
 * printed and lost by the read (a form's lines printed again on most pages are taken for a
 * running head; a scan's line misread). The field stays empty, never carried from another form:
 * which year or date this form prints is not known.
 */
export function unreadKeyLineNotes(metas: ReadonlyArray<ReportMeta>): void {
  for (const { field, line, value, consequence } of KEY_LINE_FIELDS) {
    const read = metas.flatMap((m, i) => (value(m) === null ? [] : [`${value(m)} with report ${i + 1}`]));
    if (read.length === 0) continue;
    metas.forEach((m, i) => {
      if (value(m) !== null || m.notes.some((n) => n.field === field)) return;
      m.notes.push({
        code: 'KEY_LINE_UNREAD',
        field,
        printed: null,
        message: `no ${line} was read with report ${i + 1} of ${metas.length}, while ${read.length} other reports of the document have one (${read.slice(0, 3).join(', ')}${read.length > 3 ? ', …' : ''}): the line is likely printed and lost by the read (a line a document prints on most pages is taken for a running head; a misread), so ${consequence}: read it from the document`,
        severity: 'warning',
      });
    });
  }
}

/** Each head field a form prints as key and value (项目名称, 主管部门, 实施单位) as its report reads it. */
const HEAD_VALUE: Readonly<Record<(typeof HEAD_FIELDS)[number], (m: ReportMeta) => string | null>> = {
  project_name: (m) => m.projectName,
  department: (m) => m.department,
  implementing_unit: (m) => m.implementingUnit,
};

/**
 * A warning on each head field of a report that reads no head field at all, while other reports of
 * the same document printed under the same indicator header read theirs: a document prints its
 * forms alike, so this form's head is most likely printed and lost by the read (set apart from its
 * table by a page break, run into the text around it). Named for each field the other forms read;
 * the fields stay empty. A document whose forms print no head has no report that reads one, and no
 * warning.
 */
export function unreadHeadNotes(metas: ReadonlyArray<ReportMeta>, drafts: ReadonlyArray<ReportDraft>): void {
  // The header's columns in order; a section label's column (绩效指标 merged down the form's side) is
  // read as a column or not by where the label prints, in forms of one layout alike.
  const layout = (i: number) =>
    [...drafts[i]!.parts[0]!.indicators!.header.columns]
      .sort((a, b) => a.col - b.col)
      .flatMap((c) => (c.field === 'section' ? [] : [c.field]))
      .join('|');
  const headRead = (m: ReportMeta) => HEAD_FIELDS.some((f) => HEAD_VALUE[f](m) !== null);
  metas.forEach((m, i) => {
    if (headRead(m)) return;
    const alike = metas.flatMap((o, j) => (j !== i && headRead(o) && layout(i) === layout(j) ? [{ meta: o, n: j + 1 }] : []));
    for (const field of HEAD_FIELDS) {
      const value = HEAD_VALUE[field];
      const read = alike.filter((o) => value(o.meta) !== null);
      if (read.length === 0) continue;
      m.notes.push({
        code: 'HEAD_UNREAD',
        field,
        printed: null,
        message: `no ${field} was read with report ${i + 1} of ${metas.length}, nor any other field of its form's head (项目名称, 主管部门, 实施单位), while ${read.length} other report${read.length === 1 ? '' : 's'} of the document under the same indicator header read${read.length === 1 ? 's' : ''} one (${read
          .slice(0, 3)
          .map((o) => `${value(o.meta)} with report ${o.n}`)
          .join(', ')}${read.length > 3 ? ', …' : ''}): the head is likely printed and lost by the read (set apart from its table by a page break, run into the text around it), so ${field} is left empty: read it from the document`,
        severity: 'warning',
      });
    }
  });
}

/** `51092322T000000431595-城乡居民监管工作经费` → the code and the name. */
function splitProjectCode(printed: string | undefined): { code: string | null; name: string | null } {
  if (!printed) return { code: null, name: null };
  const m = PROJECT_CODE_PREFIX.exec(cleanText(printed));
  return m ? { code: m[1]!, name: cleanText(m[2]!) } : { code: null, name: cleanText(printed) };
}

/**
 * The region: printed on the form (its units, title), else named by the project code, else by
 * the page around the form or the link to it. Where it was not printed as a place of the form,
 * or the project code names another place, a finding says where it came from.
 */
export function readRegion(
  printed: RegionSource[],
  around: RegionSource[],
  projectCode: string | null,
  notes: MetaNote[],
): Region | null {
  const onForm = resolveRegionFrom([...printed, ...around.map((s) => ({ ...s, source: `context:${s.source}` }))]);
  const byCode = projectCode ? regionOfCode(projectCode) : null;
  const fromForm = onForm && !onForm.source.startsWith('context:') ? onForm : null;
  if (fromForm) {
    if (fromForm.doubt) notes.push(placeDoubtNote('region_name', fromForm.doubt, `the place printed by ${fromForm.source}`, `the region is ${fromForm.doubt.within}, its county left unresolved`));
    else if (fromForm.contradictory) {
      notes.push({
        code: 'REGION_SOURCE',
        field: 'region_name',
        printed: fromForm.text,
        message: `the place printed by ${fromForm.source}, ${fromForm.region.regionName}, names divisions that are not one inside another (a misprint, or a misread that lost or changed a character): the region is left unresolved; check the name against the document`,
        severity: 'warning',
      });
    }
    const code = fromForm.region.adminCode;
    if (byCode?.adminCode && code && !codeWithin(code, byCode.adminCode)) {
      notes.push({
        code: 'PROJECT_CODE_REGION',
        field: 'admin_code',
        printed: projectCode!,
        message: `the project code starts ${byCode.adminCode} (${byCode.regionName}), outside ${fromForm.region.regionName} named by ${fromForm.source}; the name is kept`,
        severity: 'info',
      });
    }
    return fromForm.region;
  }
  if (byCode) {
    notes.push({
      code: 'REGION_SOURCE',
      field: 'admin_code',
      printed: projectCode!,
      message: `no place is printed on the form; region ${byCode.regionName} (${byCode.adminCode}) read from the first six digits of the project code`,
      severity: 'info',
    });
    return byCode;
  }
  if (!onForm) return null;
  if (onForm.doubt) notes.push(placeDoubtNote('region_name', onForm.doubt, onForm.source.replace(/^context:/, ''), `the region is ${onForm.doubt.within}, its county left unresolved`));
  notes.push({
    code: 'REGION_SOURCE',
    field: 'region_name',
    printed: onForm.text,
    message: `no place is printed on the form; region ${onForm.region.regionName} taken from ${onForm.source.replace(/^context:/, '')}`,
    severity: 'info',
  });
  return onForm.region;
}

/**
 * A warning on a field whose text names a place one character short of (or off) a division of the
 * place printed before it (`石家庄市城区医疗保障局`): the text is kept as read, the character not guessed.
 */
function placeDoubtNote(field: string, doubt: PlaceDoubt, where: string, consequence: string): MetaNote {
  const near = doubt.nearest.join(' or ');
  // A division's own long name misread (`广西壮族白治区`) is not one of its divisions.
  const what = doubt.nearest.includes(doubt.within) ? `not a division's name, but ${near}` : `not a division of ${doubt.within}, but ${near} of ${doubt.within}`;
  return {
    code: 'PLACE_NAME_DOUBTFUL',
    field,
    printed: doubt.printed,
    message: `${where} reads ${doubt.printed}: ${what} with one character lost or changed (a misread, or a misprint); ${consequence}: check the name against the document`,
    severity: 'warning',
  };
}

/** Warnings on the report's name fields (department, unit, project) that print a doubtful place. */
export function placeNameNotes(fields: Record<string, string | null | undefined>): MetaNote[] {
  return Object.entries(fields).flatMap(([field, text]) => {
    const doubt = text ? doubtfulPlace(text) : null;
    return doubt ? [placeDoubtNote(field, doubt, `the ${field.replace(/_/g, ' ')}`, 'it is kept as read')] : [];
  });
}

/** The year named by the article title or link text (`…2023年度…`), with a finding. */
function readLinkedYear(crawl: CrawlContext, notes: MetaNote[]): number | null {
  for (const [text, source] of [
    [crawl.articleTitle, 'the title of the article that links the document'],
    [crawl.linkText, 'the text of the link to the document'],
  ] as const) {
    const year = text ? (parseYear(text) ?? leadingYear(text)) : null;
    if (year === null) continue;
    notes.push({ code: 'YEAR_SOURCE', field: 'year', printed: text!, message: `the year is not printed in the document; ${year} taken from ${source}`, severity: 'info' });
    return year;
  }
  return null;
}

function mergeForms(draft: ReportDraft) {
  const keys: Record<string, string> = {};
  let title: string | null = null;
  const lines: string[] = [];
  for (const form of draft.forms) {
    title ??= form.title;
    lines.push(...form.lines);
    for (const [k, v] of Object.entries(form.keys)) keys[k] ??= v;
  }
  return { title, lines, keys: keys as (typeof draft.forms)[number]['keys'] };
}

/** `[187]黔南布依族苗族自治州医疗保障局` → the name without its code. */
const stripCode = (s: string | undefined) => (s ? cleanText(s.replace(DEPARTMENT_CODE_PREFIX, '')) : null);

/** A title as read, and how it is printed twice over itself where it is (`overprint.ts`). */
interface TitleRead {
  text: string | null;
  printed: string | null;
  twice: Overprint;
  /** A line that is a title only with a piece it prints twice read once (`partlyTwice`): kept as read, undecided. */
  partly?: true;
}

/**
 * The table's own title row, else the last title line before it. A generic title line
 * (`绩效评价指标体系`) is joined to the line above it, which names the project. A line printed
 * twice over itself is read once where its passes split one way; where they do not, it is a title
 * if any of its readings is one, kept as read.
 */
function readTitle(formTitle: string | null, lines: string[]): TitleRead {
  if (formTitle) return once(cleanText(formTitle));
  for (let i = lines.length - 1; i >= 0; i--) {
    const read = once(cleanText(lines[i]!));
    const line = read.text!;
    const readings = read.twice && 'readings' in read.twice && read.twice.readings.length > 0 ? read.twice.readings : [line];
    if (!readings.some((r) => REPORT_TITLE.test(key(r))) || SCORE_TABLE_TITLE.test(key(line)) || isKeyLine(line)) continue;
    const rest = key(line).replace(TITLE_SUFFIX, '');
    if (rest === '' && i > 0 && !isKeyLine(lines[i - 1]!)) return { ...read, text: cleanText(`${lines[i - 1]}${line}`) };
    return read;
  }
  // No line is a title as read: one may be with a piece of it drawn twice (a bold's second pass over part of the line).
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = cleanText(lines[i]!);
    if (SCORE_TABLE_TITLE.test(key(line)) || isKeyLine(line)) continue;
    if (partlyTwice(line).some((r) => REPORT_TITLE.test(key(r)))) return { text: line, printed: line, twice: { readings: [] }, partly: true };
  }
  return { text: null, printed: null, twice: null };
}

const once = (printed: string): TitleRead => {
  const twice = overprint(printed);
  return { text: twice && 'once' in twice ? twice.once : printed, printed, twice };
};

/**
 * A finding on a title printed twice over itself: read once (info), or kept as read because its
 * passes cannot be told apart (a warning, which the names the title would give share).
 */
function overprintNote(title: TitleRead): MetaNote | null {
  const printed = title.printed;
  if (!title.twice || printed === null) return null;
  if ('once' in title.twice) {
    return { code: 'TITLE_OVERPRINTED', field: 'title', printed, message: `the title is printed twice over itself (a bold drawn in two passes, both kept by the text layer): read once, ${title.text}`, severity: 'info' };
  }
  if (title.partly) {
    return {
      code: 'TITLE_OVERPRINTED',
      field: 'title',
      printed,
      message: 'the line reads as a title only with a piece of it that is printed twice read once (a bold drawn in two passes, the second kept by the text layer over part of the line): it is kept as read, and the names and year it prints are left unread: check them against the document',
      severity: 'warning',
    };
  }
  return {
    code: 'TITLE_OVERPRINTED',
    field: 'title',
    printed,
    message: 'the title reads every ideograph twice (a bold drawn in two passes, both kept by the text layer), but the passes cannot be told apart: it is kept as read, and the names and year it prints are left unread: check them against the document',
    severity: 'warning',
  };
}

/**
 * A `key:value` line whose key the vocabulary knows (`评价方式:部门(单位)绩效自评`, `报告日期:…`,
 * `项目名称：…`): its value may end like a title, but the line is never one.
 */
function isKeyLine(line: string): boolean {
  const text = foldWidth(cleanText(line));
  const k = /^([^:]{2,16}):/.exec(key(text))?.[1];
  if (k === undefined) return false;
  return COVER_KEY.test(k) || FILLED_DATE_LINE.test(text) || ISSUER_LINE.test(text) || FORM_KEYS.some((f) => f.pattern.test(k));
}

/** `金凤区医疗保障局 2023 年城乡居民医疗救助补助资金绩效评价报告` → organisation + the rest. */
function splitOrgPrefix(title: string): { org: string | null; rest: string } {
  const m = ORG_PREFIX.exec(cleanText(title));
  if (m && ORG_NAME.test(compact(m[1]!)) && m[3] !== '') return { org: cleanText(m[1]!), rest: m[3]! };
  return { org: null, rest: cleanText(title) };
}

function readProjectName(printed: string | undefined, title: string | null): string | null {
  if (printed) return cleanText(printed);
  if (!title) return null;
  const rest = compact(splitOrgPrefix(title).rest).replace(PLACE_BEFORE_YEAR, '').replace(LEADING_YEAR, '').replace(TITLE_SUFFIX, '');
  return rest === '' || GENERIC_TITLE_REST.test(rest) ? null : cleanText(rest);
}

/** The nearest line above the table that is only an organisation's name. */
function nearestOrgLine(lines: string[]): string | null {
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = compact(lines[i]!);
    if (ORG_NAME.test(line)) return line;
  }
  return null;
}

/**
 * The year evaluated: a `(2023年度)` line nearest the table, else the year a title starts with
 * (`2022年医疗保障…专项资金`). Dates (填报日期, 2024年2月26日) are never taken for it.
 */
function readYear(formTitle: string | null, lines: string[], title: string | null): number | null {
  const short = [...lines].reverse().filter((l) => l.length <= 40);
  for (const text of [formTitle, ...short]) {
    const y = text ? parseYear(text) : null;
    if (y) return y;
  }
  if (title) {
    const y = leadingYear(splitOrgPrefix(title).rest);
    if (y) return y;
  }
  for (const line of short) {
    const y = leadingYear(line);
    if (y) return y;
  }
  return null;
}

/** A year a phrase starts with (`2022年医疗保障…`), not a date (`2024年2月`). */
function leadingYear(s: string): number | null {
  const m = /(?:^|\s)((?:19|20)\d\d)\s*年(?!\s*\d{1,2}\s*月)/.exec(cleanText(s));
  return m ? Number(m[1]) : null;
}

function readGradeInProse(lines: string[]): string | null {
  for (const line of lines) {
    const m = GRADE_IN_PROSE.exec(cleanText(line));
    if (m && GRADE_VALUE.test(m[1]!)) return m[1]!;
  }
  return null;
}

function readKind(draft: ReportDraft, title: string | null): ReportKind {
  const header = draft.parts[0]!.indicators!.header;
  const titleKey = title ? key(title) : '';
  for (const rule of REPORT_KIND_RULES) {
    if (rule.needs.every((f) => header.has(f)) && (!rule.title || rule.title.test(titleKey))) return rule.kind;
  }
  return 'project';
}
