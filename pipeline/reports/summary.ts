import Decimal from 'decimal.js';
import { EMPTY_EVIDENCE, findingPlace, type FieldCell, type Finding, type Report, type ReportResult } from '../../schemas/dataset';
import type { ParsedDocument } from '../../schemas/document';
import { readProjectList, type ProjectListRow } from '../tables/project-list';
import { cleanText, compact, foldWidth } from '../text';
import { parseDecimal, parseYear, rawText } from '../values';
import { REPORT_TITLE, DEPARTMENT_LINE, SUMMARY_TITLE, SUMMARY_UNIT_LINE, type BudgetLevel, type SummaryField } from '../vocabulary/lexicon';
import { METHOD, type DocumentIdentity } from './build';
import { reportCellFindings } from './ocr-findings';
import { placeOf, type FieldRead } from './places';
import { placeNameNotes, readRegion, type CrawlContext, type MetaNote } from './metadata';

const LEVEL_COLUMN: Readonly<Record<BudgetLevel, 'budget_central' | 'budget_provincial' | 'budget_municipal' | 'budget_county'>> = {
  central: 'budget_central',
  provincial: 'budget_provincial',
  municipal: 'budget_municipal',
  county: 'budget_county',
};

/** The report column of each project-list column (the 预算数 by level: LEVEL_COLUMN; 序号: none). */
const SUMMARY_COLUMN: Readonly<Record<SummaryField, keyof Report | null>> = {
  index: null,
  project_name: 'project_name',
  implementing_unit: 'implementing_unit',
  budget: 'budget_annual',
  executed: 'budget_executed',
  balance: 'budget_balance',
  balance_returned: 'budget_balance_returned',
  score: 'total_printed',
  result_application: 'result_application',
};

/**
 * Reports of kind `summary`: one per row of every table in the document that lists one project
 * per row (项目名称 … 自评得分). The lines printed above the table give its title, department,
 * money unit and year.
 */
export function summaryReports(doc: DocumentIdentity, parsed: ParsedDocument, crawl: CrawlContext = {}): ReportResult[] {
  const out: ReportResult[] = [];
  let lines: string[] = [];
  const pageLines = [parsed.title, ...parsed.blocks.flatMap((b) => (b.kind === 'text' ? [b.text] : []))].filter((t): t is string => !!t).slice(0, 12);
  for (const block of parsed.blocks) {
    if (block.kind === 'text') {
      lines.push(cleanText(block.text));
      continue;
    }
    const rows = readProjectList(block.table);
    if (rows) for (const row of rows) out.push(summaryReport(doc, row, lines, pageLines, crawl));
    lines = [];
  }
  return out;
}

function summaryReport(doc: DocumentIdentity, row: ProjectListRow, lines: string[], pageLines: string[], crawl: CrawlContext): ReportResult {
  const reportId = `${doc.docId}-t${row.tableIndex}-r${row.sourceRow}`;
  const findings: Finding[] = [];
  const note = (n: MetaNote | { code: string; field: string; printed: string; message: string; severity: 'info' }) =>
    findings.push({ report_id: reportId, row_index: null, code: n.code, severity: n.severity, field: n.field, printed: n.printed, expected: null, message: n.message, origin: 'extraction', ...findingPlace(placeOf(row.prov, { table: row.tableIndex, row: row.sourceRow, column: null })) });

  const key = (s: string) => compact(foldWidth(s));
  const title = [...lines].reverse().find((l) => SUMMARY_TITLE.test(key(l)) || REPORT_TITLE.test(key(l))) ?? null;
  const department = lines.map((l) => DEPARTMENT_LINE.exec(foldWidth(l))?.[1]).find((d) => d !== undefined) ?? null;
  const unit = lines.map((l) => SUMMARY_UNIT_LINE.exec(foldWidth(l))?.[1]).find((u) => u !== undefined) ?? null;
  const year = [title, ...lines].map((l) => (l ? parseYear(l) : null)).find((y) => y !== null) ?? null;
  const notes: MetaNote[] = [];
  const region = readRegion(
    [
      { text: department, source: 'the department' },
      { text: row.values.implementing_unit, source: 'the implementing unit' },
      { text: title, source: 'the title' },
    ],
    [
      ...pageLines.map((text) => ({ text, source: 'the text of the page' })),
      { text: crawl.articleTitle, source: 'the title of the article that links the document' },
      { text: crawl.linkText, source: 'the text of the link to the document' },
    ],
    null,
    notes,
  );
  notes.push(...placeNameNotes({ department, implementing_unit: row.values.implementing_unit, project_name: row.values.project_name }));
  notes.forEach(note);
  if (row.nameContinued.length > 0) {
    note({
      code: 'PROJECT_NAME_JOINED',
      field: 'project_name',
      printed: row.values.project_name!,
      message: `the project's name is printed over ${row.nameContinued.length + 1} rows of the list (rows ${[row.sourceRow, ...row.nameContinued].join(', ')}) whose other cells are one: read as one project, its name the pieces joined`,
      severity: 'info',
    });
  }
  // The row's cells read by OCR: unsure reads are findings on their report columns, and the cells the evidence the validator weighs.
  const reads = row.cells.flatMap((c): FieldRead[] => {
    const field = c.field === 'budget' && c.level ? LEVEL_COLUMN[c.level] : SUMMARY_COLUMN[c.field];
    return field ? [{ field, text: c.text, prov: c.prov, place: placeOf(c.prov, { table: row.tableIndex, row: c.row, column: c.col }) }] : [];
  });
  findings.push(...reportCellFindings(reportId, reads));

  const levels = Object.entries(row.budgetByLevel) as Array<[BudgetLevel, string]>;
  const levelValues = levels.map(([level, printed]) => ({ level, value: parseDecimal(printed) }));
  const printedBudget = parseDecimal(row.values.budget ?? null);
  let annual: string | null = printedBudget;
  const filled = levelValues.filter((l) => l.value !== null);
  if (annual === null && filled.length === 1) annual = filled[0]!.value;
  if (annual === null && filled.length > 1) {
    annual = filled.reduce((acc, l) => acc.plus(l.value!), new Decimal(0)).toString();
    note({
      code: 'BUDGET_ANNUAL_SUMMED',
      field: 'budget_annual',
      printed: filled.map((l) => `${l.level} ${l.value}`).join('; '),
      message: `预算数 is printed by level of government only; budget_annual ${annual} is their sum`,
      severity: 'info',
    });
  }
  const executed = parseDecimal(row.values.executed ?? null);
  const byLevel = Object.fromEntries(levelValues.map((l) => [LEVEL_COLUMN[l.level], l.value])) as Partial<Record<(typeof LEVEL_COLUMN)[BudgetLevel], string | null>>;
  const report: Report = {
    report_id: reportId,
    doc_id: doc.docId,
    source: doc.source,
    page_start: row.prov.page ?? null,
    report_kind: 'summary',
    title,
    project_name: rawText(row.values.project_name),
    department,
    implementing_unit: rawText(row.values.implementing_unit),
    province: region?.province ?? null,
    prefecture: region?.prefecture ?? null,
    county: region?.county ?? null,
    admin_code: region?.adminCode ?? null,
    region_name: region?.regionName ?? null,
    year,
    budget_unit: unit,
    budget_initial: null,
    budget_annual: annual,
    budget_executed: executed,
    execution_rate_printed: null,
    execution_rate_computed:
      annual !== null && executed !== null && !new Decimal(annual).isZero()
        ? new Decimal(executed).div(annual).times(100).toDecimalPlaces(4).toString()
        : null,
    execution_weight: null,
    execution_score: null,
    execution_rescore: null,
    total_printed: parseDecimal(row.values.score ?? null),
    total_computed: null,
    grade_printed: null,
    grade_computed: null,
    filled_date: null,
    indicator_count: 0,
    finding_count: findings.length,
    extraction_method: reads.some((r) => r.prov.confidence !== undefined) ? 'pdf_ocr' : METHOD[doc.format],
    goal_expected: null,
    goal_actual: null,
    table_indexes: String(row.tableIndex),
    budget_central: byLevel.budget_central ?? null,
    budget_provincial: byLevel.budget_provincial ?? null,
    budget_municipal: byLevel.budget_municipal ?? null,
    budget_county: byLevel.budget_county ?? null,
    budget_balance: parseDecimal(row.values.balance ?? null),
    budget_balance_returned: parseDecimal(row.values.balance_returned ?? null),
    result_application: rawText(row.values.result_application),
  };
  const cells = reads.map((r): FieldCell => ({ row_index: null, field: r.field, ...r.place }));
  return { report, indicators: [], findings, evidence: { ...EMPTY_EVIDENCE, table_indexes: [row.tableIndex], cells } };
}
