import {
  FILLED_DATE_LINE,
  ISSUER_LINE,
  LETTERHEAD,
  ORG_NAME,
  REPORT_KIND_RULES,
  REPORT_TITLE,
  SCORE_TABLE_TITLE,
} from '../vocabulary/lexicon';
import { GRADE_VALUE, GRADE_WORD } from '../vocabulary/grades';
import { resolveRegion, type Region } from '../region';
import { cleanText, compact, foldWidth } from '../text';
import { parseDate, parseYear } from '../values';
import type { ReportDraft, TextLine } from './assemble';
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
}

const key = (s: string) => compact(foldWidth(s));
/** Parts of a title that are not the project's name. */
const TITLE_SUFFIX = /(项目支出)?(绩效)?(目标)?(自评表|自评报告|自评|评价报告|评价指标体系|指标体系及评价得分情况?|指标体系)$/;
const LEADING_YEAR = /^(\d{4})\s*年度?\s*/;

/** Reads a report's title, project, department, region, year and date from what surrounds its tables. */
export function readMetadata(draft: ReportDraft, documentLines: TextLine[]): ReportMeta {
  const form = mergeForms(draft);
  const lines = draft.context.map((l) => l.text);
  const title = readTitle(form.title, lines);
  const orgInTitle = title ? splitOrgPrefix(title).org : null;
  const department = stripCode(form.keys.department) ?? orgInTitle ?? nearestOrgLine(lines) ?? null;
  const issuer = lines.map((l) => ISSUER_LINE.exec(foldWidth(cleanText(l)))?.[3]).find((v) => v !== undefined) ?? null;
  const letterhead = [...lines, ...documentLines.map((l) => l.text)]
    .map((l) => LETTERHEAD.exec(cleanText(l))?.[1])
    .find((v) => v !== undefined);
  const region = resolveRegion([issuer, letterhead, department, form.keys.implementing_unit, title, ...documentLines.slice(0, 12).map((l) => l.text)]);
  return {
    kind: readKind(draft, title),
    title,
    projectName: readProjectName(form.keys.project_name, title),
    department,
    implementingUnit: form.keys.implementing_unit ?? null,
    region,
    year: readYear(form.title, lines, title),
    filledDate: lines.map((l) => FILLED_DATE_LINE.exec(cleanText(l))?.[2]).map((d) => (d ? parseDate(d) : null)).find((d) => d) ?? null,
    gradeInProse: readGradeInProse(lines),
  };
}

function mergeForms(draft: ReportDraft) {
  const keys: Record<string, string> = {};
  let title: string | null = null;
  for (const form of draft.forms) {
    title ??= form.title;
    for (const [k, v] of Object.entries(form.keys)) keys[k] ??= v;
  }
  return { title, keys: keys as (typeof draft.forms)[number]['keys'] };
}

/** `[187]黔南布依族苗族自治州医疗保障局` → the name without its code. */
const stripCode = (s: string | undefined) => (s ? cleanText(s.replace(/^[[【(（]\s*\d+\s*[\]】)）]/, '')) : null);

/**
 * The table's own title row, else the last title line before it. A generic title line
 * (`绩效评价指标体系`) is joined to the line above it, which names the project.
 */
function readTitle(formTitle: string | null, lines: string[]): string | null {
  if (formTitle) return cleanText(formTitle);
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = cleanText(lines[i]!);
    if (!REPORT_TITLE.test(key(line)) || SCORE_TABLE_TITLE.test(key(line))) continue;
    const rest = key(line).replace(TITLE_SUFFIX, '');
    if (rest === '' && i > 0) return cleanText(`${lines[i - 1]}${line}`);
    return line;
  }
  return null;
}

/** `金凤区医疗保障局 2023 年城乡居民医疗救助补助资金绩效评价报告` → organisation + the rest. */
function splitOrgPrefix(title: string): { org: string | null; rest: string } {
  const m = /^(.{2,30}?(局|厅|委员会|办公室|中心))\s*(.*)$/.exec(cleanText(title));
  if (m && ORG_NAME.test(compact(m[1]!)) && m[3] !== '') return { org: cleanText(m[1]!), rest: m[3]! };
  return { org: null, rest: cleanText(title) };
}

function readProjectName(printed: string | undefined, title: string | null): string | null {
  if (printed) return cleanText(printed);
  if (!title) return null;
  const rest = compact(splitOrgPrefix(title).rest).replace(LEADING_YEAR, '').replace(TITLE_SUFFIX, '');
  return rest === '' || /^(部门整体支出|上级项目支出|州本级项目支出|项目支出)$/.test(rest) ? null : cleanText(rest);
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
  const leading = (s: string) => {
    const m = /(?:^|\s)((?:19|20)\d\d)\s*年(?!\s*\d{1,2}\s*月)/.exec(cleanText(s));
    return m ? Number(m[1]) : null;
  };
  if (title) {
    const y = leading(splitOrgPrefix(title).rest);
    if (y) return y;
  }
  for (const line of short) {
    const y = leading(line);
    if (y) return y;
  }
  return null;
}

function readGradeInProse(lines: string[]): string | null {
  for (const line of lines) {
    const m = new RegExp(`(?:评价|绩效|自评)?等级为\\s*[“"「『]?\\s*${GRADE_WORD}\\s*[”"」』]?`).exec(cleanText(line));
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
