import { unifyIdeographs } from '../../parsers/ideographs';
import { compact, foldWidth } from '../text';

/**
 * Layout knowledge, all of it: which printed header means which field, which labels open which
 * section of a form, the standard indicator levels. Patterns match `compact()` text (no white
 * space) after full-width folding. Every other module asks these tables; none hard-codes a label.
 */

/** Fields of an indicator table. */
export type IndicatorField =
  | 'section'
  | 'level1'
  | 'level1_weight'
  | 'level2'
  | 'level2_weight'
  | 'level3'
  | 'target'
  | 'actual'
  | 'scoring_rule'
  | 'description'
  | 'weight'
  | 'score'
  | 'review_score'
  | 'deduction'
  | 'note'
  | 'comment'
  /** A level's share of 100 printed as a percentage (`权重 20%`). */
  | 'share';

/** The label of the section a form's indicator rows make (`绩效指标`), merged down beside them. */
export const SECTION_LABEL = /^(年度)?绩效指标([(（]\d+(\.\d+)?分[)）])?$/;

/**
 * Header text → field, first match wins. `分值` is resolved by position (see header.ts). A field
 * with `alone` is read as that field when the header has no `分值` column: `权重` is the weight
 * of the Sichuan forms, and a level's share (`20%`) beside a 评分分值 column (seed 003).
 */
export const INDICATOR_HEADERS: ReadonlyArray<{ field: IndicatorField | 'points'; pattern: RegExp; alone?: IndicatorField }> = [
  { field: 'section', pattern: SECTION_LABEL },
  { field: 'level1', pattern: /^一级指标/ },
  { field: 'level2', pattern: /^二级指标/ },
  { field: 'level3', pattern: /^(三级指标|指标名称|具体指标)/ },
  { field: 'review_score', pattern: /复评/ },
  // `扣分原因` / `扣分说明` columns hold reasons, not points (a third party's scoring table).
  { field: 'deduction', pattern: /^扣分(?!原因|说明|理由|依据|情况)/ },
  { field: 'score', pattern: /^(自评|评价|实际)?得分|^评分$/ },
  { field: 'points', pattern: /^(指标)?分值|^权重分值$|^标准分$|^评分分值$/ },
  { field: 'share', pattern: /^权重$/, alone: 'weight' },
  { field: 'target', pattern: /^(标准值|年度指标值|预期指标值|指标值|目标值|年度目标值|年初目标值|预期目标值|计划值|预期值)/ },
  { field: 'actual', pattern: /^(实际完成|实际值|全年实际完成值|全年实际值|全年完成值|完成值|实际达成值)/ },
  { field: 'note', pattern: /未完成原因|偏差原因|原因分析|^备注$|^扣分(原因|说明|理由|依据|情况)/ },
  { field: 'scoring_rule', pattern: /^(评分标准|评分规则|评分方法|计分方法|评分细则)|^指标说明及评分(标准|规则)/ },
  { field: 'description', pattern: /^(指标说明|指标解释|指标内涵|指标释义)/ },
  { field: 'comment', pattern: /^(绩效评价|评价意见|评价说明)$/ },
];

/**
 * The indicator header a text names, read as every table reader reads header words: widths
 * folded, white space dropped, radicals unified (a browser's print writes `⼀级指标` with the
 * Kangxi radical, and page-level readers see the text before the document's ideographs are).
 */
export const indicatorHeaderOf = (text: string) => INDICATOR_HEADERS.find((h) => h.pattern.test(compact(foldWidth(unifyIdeographs(text)))));

/** The tag a column's name prints after it: `年度指标值（A）`, `实际完成值(B)`, `分值（%）`. */
const HEADER_TAG = /[(（][A-Za-z%]*[)）]$/;
/** The header patterns held to the whole text: a name a body text only begins with (`具体指标…`) is no header word. */
const WHOLE_HEADERS = INDICATOR_HEADERS.map((h) => ({ ...h, whole: new RegExp(`(?:${h.pattern.source})$`) }));

/** The indicator header a text is, whole (its tag aside): `评分分值`, not `一级指标二级指标`, which only begins with one. */
export const wholeHeaderOf = (text: string) => WHOLE_HEADERS.find((h) => h.whole.test(compact(foldWidth(unifyIdeographs(text))).replace(HEADER_TAG, '')));

/**
 * Whether a text is, whole, a name of `field`'s column (`未完成原因分析` for a note, `分值` for a
 * weight or a score): a header word, which no row of that column prints as its value.
 */
export function namesColumnOf(text: string, field: IndicatorField): boolean {
  const header = wholeHeaderOf(text);
  return header !== undefined && (header.field === field || header.alone === field || (header.field === 'points' && (field === 'weight' || field === 'score')));
}

/**
 * The numbered level headers (`一级指标`, `二级指标`, `三级指标`), left to right in that order. Their
 * numerals are horizontal strokes only, which a binarised scan (a fax) can thin to nothing or
 * break into dashes (`--级指标`, `级指标`): the OCR reads them back by their order.
 */
export const LEVEL_HEADER_NUMERALS: ReadonlyArray<string> = ['一', '二', '三'];
export const LEVEL_HEADER_WORD = '级指标';

/**
 * Cells that print one part of a target or actual: under a two-row header (`年度指标值（A）` over
 * `符号 | 值 | 单位`) or beside it in one row (`指标性质 | 指标值 | 度量单位`). The parts of one value
 * are joined, in printed order, into its raw text: `≥` `58.6` `万人` → `≥58.6万人`.
 */
export type ValuePart = 'op' | 'value' | 'unit';
export const VALUE_PARTS: ReadonlyArray<{ part: ValuePart; pattern: RegExp }> = [
  { part: 'op', pattern: /^(符号|指标性质|运算符|比较符号?)$/ },
  { part: 'value', pattern: /^(值|数值|指标值)$/ },
  { part: 'unit', pattern: /^(单位|度量单位|计量单位)$/ },
];

/** What forms print in a cell that holds nothing: dashes, slashes, `*`, `……`. */
export const PLACEHOLDER = /^[\s\-—–－/／\\*＊…．.。]*$/;
/**
 * What a scan's reader makes of a placeholder's ink when it is unsure of the read (below
 * confidence): a slash's one stroke read as a mark (`/` read `!`), no letter, digit or ideograph;
 * the small round dots of `……` read as a run of zeros (`000000`). Matched on `compact()` text.
 */
export const SCANNED_PLACEHOLDER = /^(?:[^\p{L}\p{N}]+|[0Oo]{3,})$/u;
/** The word a column prints on a row it has nothing to say of (a 未完成原因 or 备注 cell's `无`: none). */
export const NONE_WORD = /^无$/;

/** Template numbering before an indicator name (`指标1：`, a third party's `A101`), not part of the name. */
export const TEMPLATE_NUMBERING = /^(指标\s*\d+\s*[:：]?|[A-Z]\d{3}\s*(?=[\u4e00-\u9fa5]))\s*/;
/**
 * Template numbering whose `1` OCR read as a letter or a mark, the name right after it
 * (`指标I工程资金金额`, `指标]学校发展能力`: a binarised page leaves the digit a bare stroke).
 */
export const TEMPLATE_ONE_MISREAD = /^(指标\s*)[Il|\]!！丨](?=\s*[\u4e00-\u9fa5])/;
/** A third party's code printed alone on its line (`D401`, the name on the next): numbering too, it comes off the joined name. */
export const TEMPLATE_CODE = /^[A-Z]\d{3}$/;

/** Budget block (项目资金 / 预算执行情况 / 资金投入情况) header cells. */
export type BudgetField = 'label' | 'initial' | 'annual' | 'executed' | 'weight' | 'rate' | 'score';
export const BUDGET_HEADERS: ReadonlyArray<{ field: BudgetField; pattern: RegExp }> = [
  { field: 'label', pattern: /^资金来源$|^年度预算数/ },
  { field: 'initial', pattern: /^年初预算/ },
  { field: 'annual', pattern: /^全年预算数|^调整后预算数|^预算数/ },
  { field: 'executed', pattern: /^全年执行数|^执行数|^实际支出数|^预算执行数/ },
  // Before the rate: `得分（10分*执行率）` (湖北) names the rate in its rule.
  { field: 'score', pattern: /^得分/ },
  { field: 'rate', pattern: /执行率/ },
  { field: 'weight', pattern: /^分值|^权重$/ },
];
/** The row of the budget block that holds the totals. */
export const BUDGET_TOTAL_LABEL = /^(年度(财政)?资金总额|(财政)?资金总额|总额|合计|总计)[:：]?$/;
/** A money cell with its unit (`3359.62万`): the digits, and the unit it is printed in. */
export const MONEY_WITH_UNIT = /^(-?[\d,]+(?:\.\d+)?)(万元|万|元|亿元)$/;
export const MONEY_UNIT_OF: Readonly<Record<string, string>> = { 万: '万元', 万元: '万元', 元: '元', 亿元: '亿元' };
/**
 * Source rows printed under the total: 财政拨款 and 其他资金 are sources of their own; 本级安排,
 * 上级补助 and rows printed with 其中 or led by dashes (`-----本级安排`) are parts of the source above.
 */
export const BUDGET_SOURCE_LABEL = /^[-—－]*(其中[:：]?)?[-—－]*(本年|当年)?(财政拨款|财政资金|其他资金|其他|自筹资金|社会资金|上年结转|本级安排|本级资金|上级补助|上级资金|中央(财政)?(资金|补助)|省级(财政)?(资金|补助)|市级(财政)?(资金|补助)|州级(财政)?(资金|补助)|县级(财政)?(资金|补助)|地方(财政)?(资金|补助))/;
export const BUDGET_PART_LABEL = /^(其中|[-—－]+)|^(本级安排|本级资金|上级补助|上级资金)/;
export const BUDGET_OF_WHICH = /^[-—－]*其中/;
/** The block's weight printed in its header when no column holds it: `预算执行情况（万元）（10分）`. */
export const BUDGET_WEIGHT_IN_HEADER = /[(（](\d+(?:\.\d+)?)分[)）]/;
/** Money unit printed in a block header: `项目资金 (万元)`, `预算执行情况（万元）`. */
export const MONEY_UNIT = /[(（](万元|元|亿元)[)）]/;

/**
 * Columns of a table that lists one project per row (河北 部门绩效自评结果公开汇总表): each row is a
 * report of kind `summary`. 预算数 may be split by level of government in a second header row.
 */
export type SummaryField =
  | 'index'
  | 'project_name'
  | 'implementing_unit'
  | 'budget'
  | 'executed'
  | 'balance'
  | 'balance_returned'
  | 'score'
  | 'result_application';
/**
 * The header of a column that numbers a table's rows (`序号`): a column every reader knows, read
 * into a project list's index and into no indicator's field (its numbers are the rows' order).
 */
export const INDEX_HEADER = /^序号$/;
export const SUMMARY_HEADERS: ReadonlyArray<{ field: SummaryField; pattern: RegExp }> = [
  { field: 'index', pattern: INDEX_HEADER },
  { field: 'project_name', pattern: /^项目名称$/ },
  { field: 'implementing_unit', pattern: /^(项目)?实施单位$/ },
  { field: 'budget', pattern: /^(全年|调整后)?预算数/ },
  { field: 'executed', pattern: /^(全年)?执行数$|^实际支出数?$/ },
  { field: 'balance_returned', pattern: /^结余交回(财政)?数?$/ },
  { field: 'balance', pattern: /^结余数?$/ },
  { field: 'score', pattern: /^自评(得)?分$/ },
  { field: 'result_application', pattern: /^自评结果应用(意见)?$/ },
];
export type BudgetLevel = 'central' | 'provincial' | 'municipal' | 'county';
/** Sub-columns of 预算数 by level of government. */
export const BUDGET_LEVELS: ReadonlyArray<{ level: BudgetLevel; pattern: RegExp }> = [
  { level: 'central', pattern: /^中央(级|财政)?$/ },
  { level: 'provincial', pattern: /^省(级|财政)?$/ },
  { level: 'municipal', pattern: /^市(级|财政)?$/ },
  { level: 'county', pattern: /^(区|县|区县|县区)(级|财政)?$/ },
];
/**
 * Lines above a table: `主管部门：…`, `部门名称：…`, then perhaps `单位：万元`; or the evaluated unit
 * of a third party's report (`项目单位：… 委托单位：… 评价机构：…`): the value ends where the next
 * key of the line starts (spaces between CJK are gone by then).
 */
export const DEPARTMENT_LINE =
  /(?:^|\s)(?:主管部门|部门[(（]单位[)）]名称|部门名称|预算部门|项目单位|被评价单位)[:：]\s*(.+?)(?=\s*(?:委托|评价|实施|主管|填报)?(?:单位|机构)[:：]|\s*(?:制定|填报|报告|评价)?日期[:：]|\s*$)/;
export const SUMMARY_UNIT_LINE = /单位[:：]\s*(万元|元|亿元)/;

/** Key cells of a form whose value is the next cell. */
export type FormKey = 'project_name' | 'department' | 'central_department' | 'implementing_unit';
export const FORM_KEYS: ReadonlyArray<{ field: FormKey; pattern: RegExp }> = [
  { field: 'project_name', pattern: /^(项目名称|转移支付名称|转移支付(\(项目\)|项目)?名称|专项资金名称|资金名称)[:：]?$/ },
  { field: 'central_department', pattern: /^中央主管部门[:：]?$/ },
  { field: 'department', pattern: /^(主管部门(及代码)?|地方主管部门|部门[(（]单位[)）]名称|部门名称|预算部门|单位名称)[:：]?$/ },
  { field: 'implementing_unit', pattern: /^(实施单位|资金使用单位|项目实施单位)(\((盖章|公章)\))?[:：]?$/ },
];
/**
 * A cell pattern as it may stand inside a longer text: its anchors off (each alternative's `^` and
 * `$`), with `flags` (`g` to find every place).
 */
export const unanchored = (pattern: RegExp, flags = ''): RegExp => new RegExp(pattern.source.replace(/(^|\|)\^/g, '$1').replace(/\$(?=\||$)/g, ''), flags);
/** The form keys as they may stand inside a cell's or a line's text (keys and values run together). */
export const KEY_INSIDE = FORM_KEYS.map((f) => ({ field: f.field, pattern: unanchored(f.pattern, 'g') }));
/**
 * A form key inside a read value (`主管部门及代码障局实施单位黔南…`): the key cells of a form's head and
 * their values read as one text, so what the field holds is a guess. The keys above, unanchored.
 */
export const FORM_KEY_INSIDE = new RegExp(FORM_KEYS.map((k) => unanchored(k.pattern).source).join('|'));
/** The head fields a form prints as key and value cells (the report's columns of the same names). */
export const HEAD_FIELDS = ['project_name', 'department', 'implementing_unit'] as const satisfies ReadonlyArray<FormKey>;

/**
 * A project name printed after its 预算管理一体化 project code (`51092322T000000431595-城乡居民监管
 * 工作经费`): 6 digits of the division, 2 of the year, a letter or digit, 12 digits.
 */
export const PROJECT_CODE_PREFIX = /^(\d{8}[A-Z0-9]\d{12})\s*[-—－_]\s*(.+)$/;
/** A department printed after its budget code: `[187]黔南…医疗保障局`, `219-池州市贵池区…`. */
export const DEPARTMENT_CODE_PREFIX = /^([[【(（]\s*\d+\s*[\]】)）]|\d+\s*[-－])\s*/;

/** Goal rows of a form: a header naming the columns, the texts in the row below. */
export const GOAL_HEADER = /^(年度总体目标|总体目标完成情况|年度目标|总体目标)$/;
export const GOAL_EXPECTED = /^(预期目标|总体目标|年初任务目标|年度目标|项目年度目标|年初设定目标)$/;
export const GOAL_ACTUAL = /^(实际完成情况|实际完成目标|全年实际完成情况|实际完成|年度目标完成情况|年度总体目标完成情况综述)$/;

/** First cell of the row that totals a table, and of the row that states its grade. */
export const TOTAL_LABEL = /^(总分|总计|合计|得分合计|总得分|综合得分|分值合计)[:：]?$/;
/** A form's total printed as a key above its table (`填报日期：…　总分：98.5分`, 湖北). */
export const TOTAL_LINE = /总分[:：]\s*(\d+(?:\.\d+)?)\s*分?(?![\d.])/;
export const GRADE_LABEL = /^(绩效结论|自评结论|评价结论|评价等级|绩效等级|自评等级|绩效评级)[:：]?$/;

/**
 * Rows a table prints beside its indicators that are no indicator: a note (`注：…`, `说明：…`, a
 * `说明` row left blank), the form's remarks (`存在问题 | …`, `改进措施 | …`, 四川) and the sign-off
 * (`填报人：… 联系电话：…`, `单位负责人签字`). Their text is in no record by design.
 */
export const TABLE_NOTE = /^(注|备注|说明|填表说明|附注|备注说明)\d*([:：.、]|$)/;
export const TABLE_REMARK = /^(存在的?问题|主要问题|问题及原因|原因分析|改进(措施|意见|建议)|整改(措施|意见|情况)|下一步(工作)?(改进|计划|打算|措施))/;
export const SIGN_OFF = /^(填报人|填表人|联系人|联系电话|审核人|负责人|单位负责人|部门负责人|财务负责人|项目负责人|经办人|分管领导|主要领导|评价人|自评人|签字|盖章|单位\(?盖章\)?)/;

/**
 * Printed lines around a table that carry metadata. `单位(盖章)：黔南州医疗保障局`: the seal's
 * bracket ends the key where the colon is not printed (or not read).
 */
export const ISSUER_LINE = /^(单位|填报单位|预算单位|评价单位)(?:[(（]?(盖章|公章)?[)）]?[:：]|[(（](?:盖章|公章)[)）])\s*(.+)$/;
/** Keys of the date a form or report was filled in or reported (`报告日期:2019年06月18日`): filled_date. */
export const DATE_KEYS: ReadonlyArray<string> = ['填报日期', '填报时间', '填表日期', '报告日期', '报告时间', '评价日期', '自评日期', '编制日期'];
export const FILLED_DATE_LINE = new RegExp(`^(${DATE_KEYS.join('|')})[:：]\\s*(.+)$`);
/**
 * Keys of a cover page or a form's key lines (`评价方式:部门(单位)绩效自评`, `预算编码: 906017`) besides
 * the form keys, dates and issuers above: a `key:value` line with a known key is never a title.
 */
export const COVER_KEYS: ReadonlyArray<string> = ['评价方式', '评价机构', '评价类型', '评价组织方式', '预算编码', '项目编码', '单位编码', '联系人', '联系电话'];
export const COVER_KEY = new RegExp(`^(${COVER_KEYS.join('|')})$`);
/** A letterhead such as `银川市金凤区 医疗保障局文件`. */
export const LETTERHEAD = /^(.{2,40}?)(文件|文件通知)$/;
/** A line that is just an organisation's name, e.g. `剑阁县医疗保障局`. */
export const ORG_NAME = /^[\u4e00-\u9fa5（）()]{2,40}(局|厅|委员会|委|办公室|中心|政府|部|院|所|站|处|办)$/;
/** Title lines that open a new report. */
export const REPORT_TITLE = /(绩效自评表|绩效目标自评表|自评表|绩效自评|绩效评价报告|绩效自评报告|评价指标体系|指标体系及评价得分)$/;
/** Parts of a title that are not the project's name. */
export const TITLE_SUFFIX = /(项目支出)?(绩效)?(目标|评价)?(自评表|自评报告|自评|评价报告|评价指标体系|指标体系及评价得分情况?|指标体系)$/;
/** A place a title may start with: `岳阳市`, `平江县`. */
const TITLE_PLACE = '[\\u4e00-\\u9fa5]{1,12}?(?:省|市|县|区|州|旗|盟)';
/**
 * What is left of a title without its suffix when it names no project (`上级项目支出绩效自评表`).
 * A place and year may precede it: `岳阳市2018年度部门整体支出` names no project either; nor does a
 * budget level alone (`州本级项目支出绩效目标自评表` less its suffix is `州本级`: whose projects, not which).
 */
export const GENERIC_TITLE_REST = new RegExp(`^(${TITLE_PLACE})?((19|20)\\d\\d年度?)?(部门整体支出|(上级|[省市州县区]?本级)(项目支出)?|项目支出)$`);
/** A place a title starts with before its year (`平江县2023年度农村公路…`): the region's, not the project's. */
export const PLACE_BEFORE_YEAR = new RegExp(`^${TITLE_PLACE}(?=(19|20)\\d\\d年)`);
/** An organisation a title starts with: `金凤区医疗保障局 2023 年…` → the bureau, then the rest. */
export const ORG_PREFIX = /^(.{2,30}?(局|厅|委员会|办公室|中心))\s*(.*)$/;
/** Title lines of a summary table: `2023年度部门绩效自评结果公开汇总表`. */
export const SUMMARY_TITLE = /(汇总表|结果公开表?|自评结果表?)$/;
/** Headings of score tables inside one narrative report (they do not open a new report). */
export const SCORE_TABLE_TITLE = /得分表$|得分情况$|情况得分表$/;

/** Report kinds by the columns of their indicator table, most specific first. */
export const REPORT_KIND_RULES: ReadonlyArray<{
  kind: 'project' | 'department' | 'transfer_region' | 'evaluation_report' | 'indicator_system';
  needs: ReadonlyArray<IndicatorField>;
  title?: RegExp;
}> = [
  { kind: 'evaluation_report', needs: ['level1_weight', 'level2_weight'] },
  // A (third party's) 绩效评价报告 scores its indicator system; a 自评报告's score sheet stays one.
  { kind: 'evaluation_report', needs: ['scoring_rule', 'score'], title: /(?<!自)评价报告/ },
  { kind: 'indicator_system', needs: ['scoring_rule'] },
  { kind: 'department', needs: [], title: /部门整体/ },
  { kind: 'transfer_region', needs: [], title: /转移支付|区域绩效/ },
  { kind: 'department', needs: ['review_score'] },
  { kind: 'project', needs: [] },
];

/**
 * Level-1 and level-2 indicator names of the national templates, with the family each belongs
 * to. A level-2 may only sit under a level-1 whose family accepts it.
 */
export type Family = 'output' | 'outcome' | 'satisfaction' | 'decision' | 'process' | 'cost';
export const LEVEL1_NAMES: ReadonlyArray<{ family: Family; pattern: RegExp; standard: string }> = [
  { family: 'decision', pattern: /^(项目)?决策(指标)?$/, standard: '项目决策' },
  { family: 'process', pattern: /^(项目)?(过程|管理|过程管理|项目管理)(指标)?$/, standard: '过程管理' },
  { family: 'output', pattern: /^(项目)?产出(指标)?$|^完成指标$/, standard: '产出指标' },
  { family: 'outcome', pattern: /^(项目)?效益(指标)?$|^效果指标$/, standard: '效益指标' },
  { family: 'satisfaction', pattern: /^(服务对象)?满意度(指标)?$/, standard: '满意度指标' },
];
export const LEVEL2_NAMES: ReadonlyArray<{ family: Family; pattern: RegExp }> = [
  { family: 'output', pattern: /^(数量|质量|时效)(指标)?$/ },
  { family: 'cost', pattern: /^(成本)(指标)?$|^(经济|社会|生态)成本(指标)?$/ },
  { family: 'outcome', pattern: /^(经济|社会|生态|可持续)(效益|影响)(指标)?$|^可持续影响(指标)?$/ },
  { family: 'satisfaction', pattern: /^(服务对象|受益对象|群众|社会公众|其他)?满意度(指标)?$/ },
  { family: 'decision', pattern: /^(决策依据|决策过程|绩效目标|资金分配|项目立项|资金投入)$/ },
  { family: 'process', pattern: /^(资金管理|组织管理|组织实施|财务管理|业务管理|项目管理)$/ },
];
/**
 * Level names of the national frameworks (财预〔2020〕10号's 项目支出绩效评价指标体系框架 and the
 * 绩效目标表's indicator levels): a confident read one character away from one of them is more
 * likely an OCR misread (`的效指标`, `绩效自标`) than another name.
 */
export const FRAMEWORK_LEVEL_NAMES: ReadonlyArray<string> = [
  '项目立项', '绩效目标', '资金投入', '资金管理', '组织实施', '产出数量', '产出质量', '产出时效', '产出成本', '项目效益',
  '产出指标', '效益指标', '满意度指标', '成本指标', '数量指标', '质量指标', '时效指标', '经济效益指标', '社会效益指标',
  '生态效益指标', '可持续影响指标', '服务对象满意度指标', '经济成本指标', '社会成本指标', '生态环境成本指标',
];

/** Which level-2 families a level-1 family holds (some templates put 满意度 under 效益). */
export const FAMILY_HOLDS: Readonly<Record<Family, ReadonlyArray<Family>>> = {
  output: ['output', 'cost'],
  cost: ['cost'],
  outcome: ['outcome', 'satisfaction'],
  satisfaction: ['satisfaction'],
  decision: ['decision'],
  process: ['process'],
};
/** The level-1 a family of level-2 names sits under when a form prints no level-1 label. */
export const STANDARD_LEVEL1_OF: Readonly<Record<Family, string>> = {
  output: '产出指标',
  cost: '产出指标',
  outcome: '效益指标',
  satisfaction: '满意度指标',
  decision: '项目决策',
  process: '过程管理',
};

/** A level label that is only a weight (`8分`, `（15分）`): the rest of a label a page break cut. */
export const WEIGHT_ONLY_LABEL = /^[(（]?\d+(\.\d+)?分[)）]?$/;
/** `产出指标 (50分)`: a level label with its weight. */
export const LABEL_WEIGHT = /^(.*?)[(（]\s*(\d+(?:\.\d+)?)\s*分?\s*[)）]$/;
/** A label whose weight's bracket is still open at its end (`产出指标(50`): the weight goes on (`分)`) on its next line. */
export const OPEN_LABEL_WEIGHT = /[(（]\s*\d+(?:\.\d+)?\s*分?$/;
/** A text (`compact()`, folded) that names an indicator level, its weight aside: `产出指标`, `数量指标（20分）`. */
export const isLevelName = (key: string) => {
  const name = LABEL_WEIGHT.exec(key)?.[1] ?? key;
  return [...LEVEL1_NAMES, ...LEVEL2_NAMES].some((n) => n.pattern.test(name));
};
/** The shortest part of two level names run together: a whole name, not a two-character stem. */
const JOINED_PART = 4;
/**
 * The level names run together in `key` (`质量指标时效指标` → 质量指标, 时效指标; `决策依据决策过程`): the
 * labels of two merged cells read as one, a cell's borders lost between them; null for a text that
 * is not two names or more. `key`: compact, widths folded. A name of its own (`过程管理`, `决策过程`,
 * `产出数量`) is none, and each part is a whole name of four characters or more: the two-character
 * stems (`过程`, `管理`, `数量`) make names of their own.
 */
export function joinedLevelNames(key: string): string[] | null {
  const isName = (part: string) => isLevelName(part) || FRAMEWORK_LEVEL_NAMES.includes(part);
  if (isName(key) || key.length < 2 * JOINED_PART) return null;
  const partsFrom = (from: number): string[] | null => {
    for (let to = from + JOINED_PART; to <= key.length; to++) {
      if (!isName(key.slice(from, to))) continue;
      const rest = to === key.length ? [] : partsFrom(to);
      if (rest) return [key.slice(from, to), ...rest];
    }
    return null;
  };
  return partsFrom(0);
}
/** Two level names or more run together (see joinedLevelNames). */
export const joinsLevelNames = (key: string): boolean => joinedLevelNames(key) !== null;
/**
 * A coded level label of third-party scoring tables, its weight after the name: `A决策15分`,
 * `A1项目立项5分`, `B2资金管理12分` → the name without the code, and the weight.
 */
export const CODED_LABEL_WEIGHT = /^[A-Z]\d?\s*([\u4e00-\u9fa5][^\d]*?)\s*(\d+(?:\.\d+)?)\s*分$/;

/**
 * Stable keys for indicators that recur across regions and years (indicator_key), first match
 * wins. Matched against the compact level-3 name.
 */
export const INDICATOR_KEYS: ReadonlyArray<{ key: string; pattern: RegExp }> = [
  { key: 'budget_execution_rate', pattern: /预算执行率|资金执行率|支出进度/ },
  { key: 'satisfaction', pattern: /满意度|满意程度|满意率/ },
  { key: 'policy_awareness_rate', pattern: /知晓率/ },
  { key: 'enrollment_rate', pattern: /参保率/ },
  { key: 'enrollment_count', pattern: /参保人数|参保缴费任务|参加城乡居民医保/ },
  { key: 'duplicate_enrollment', pattern: /重复参保/ },
  { key: 'system_uptime_rate', pattern: /正常运行率|系统正常运行|网络稳定性/ },
  { key: 'inspection_coverage_rate', pattern: /监督检查覆盖|检查覆盖率/ },
  { key: 'cross_province_settlement_rate', pattern: /跨省.*直接结算/ },
  { key: 'one_stop_settlement', pattern: /一站式/ },
  { key: 'reimbursement_ratio', pattern: /报销比例|补偿比|救助比率|救助比例/ },
  { key: 'cost_control_rate', pattern: /成本控制率/ },
  { key: 'fund_use', pattern: /资金使用|补助资金$|资金到位率|配套资金/ },
  { key: 'completion_time', pattern: /^完成时间$|按时完成|到位时间/ },
  { key: 'coverage_rate', pattern: /覆盖率|覆盖面|全覆盖/ },
  { key: 'assistance_count', pattern: /救助人次|救助人数|资助参保/ },
  { key: 'training_count', pattern: /培训/ },
  { key: 'publicity', pattern: /宣传|公开/ },
];
