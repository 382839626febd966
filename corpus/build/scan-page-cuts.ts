// Builds the test pages cut from corpus/scan-grid's scans, each page's image untouched, by qpdf
// (building only). Run: npx tsx corpus/build/scan-page-cuts.ts
// - test/fixtures/scan-flags/label-fragment-fax.pdf: page 1 of heldout11's fax scan of layout L01 as wkhtmltopdf
//   prints it (held out in round 11, tuning data since): the merged 二级指标 cell 成本指标 beside two rows is read
//   `成本指` on the first and `标` on the second (sure of itself), so the second row's 二级指标 is misread with no
//   doubt of its own cell's confidence. (Until round 20 this was page 1 of tune2's heavy scan of L13, whose label
//   is read whole since the rules under heavy blur stopped running through words.)
// - test/fixtures/scan-flags/misread-value-header-bleed.pdf: pages 2-6 of heldout10's bleed scan of
//   seed 002 as Calc prints it (no rules; round 14's held-out part, cut after its score): the header's
//   全年实际完成值 is read `值`, so no row holds a value and the table would be declined as a target
//   framework without a word. Fewer pages read fewer rows: none under the header (said already).
// - test/fixtures/scan-flags/offset-lines-seal.pdf: page 2 of heldout10's seal scan of seed 002 as Calc
//   prints it (no rules; tuning data from round 15): Calc sets each cell at its foot, so the lines of
//   neighbouring columns do not line up and, with the seal's ink, run into bands several lines high
//   across the page; read as one line each, the header row 一级指标 … was lost with the rest, and the
//   document said nothing of its table.
// - test/fixtures/scan-flags/stacked-label-heavy.pdf: page 1 of heldout7's heavy scan of seed 000 as
//   WeasyPrint prints it on B5 in AR PL UMing (tuning data since round 12): its level labels stand
//   one glyph a line in narrow columns (`项` over `目` over `决` over `策`); each glyph read alone,
//   the thin face's `目` comes out `日`.
// - test/fixtures/scan-flags/section-label-lowres.pdf: page 7 of heldout8's lowres scan of seed 004 (tuning data
//   from round 14 on): the section label 绩效指标 merged down beside the rows (one character from the level
//   name 时效指标, never a misread), and `已按工作要求, 2023年2月` (a half-width comma and a space) read with a
//   full-width comma whose width the ink does not tell.
// - test/fixtures/scan-flags/unnamed-header-heavy.pdf: page 4 of heldout8's heavy scan of seed 004: the header
//   年度指标值(A) read `年标` and `度指直(A)`, naming no column, so every row's target was in no field (its
//   glyphs cut by their own strokes, chained down and kept as borders; read whole since round 19).
// - test/fixtures/scan-flags/unheaded-rows-seal.pdf: page 4 of heldout10's seal scan of seed 002 as Calc prints it
//   (no rules; tuning data from round 15 on): the seal lies over the table's header, which is not read at all,
//   and its rows are read as lines of text (`数量指标政策覆盖率 ≥99% ≥99% 无`).
// - test/fixtures/scan-flags/tight-lines-turned.pdf: pages 3 and 5 of heldout7's turned scan of seed 000 as
//   WeasyPrint prints it on B5 in AR PL UMing (tuning data since round 12), fed a quarter anticlockwise and
//   a quarter clockwise: its small type is set 2–3 px apart at 200 dpi, so the orientation sampler's 2-px
//   smear joined each cell's lines into one band and sampled no line at any turn (page 5 stayed sideways);
//   sampled, page 3 as fed (its glyphs lying a quarter anticlockwise) reads nearly as sure as upright.
// - test/fixtures/scan-flags/enumeration-comma-hires.pdf: page 2 of heldout7's hires scan of seed 000 (same
//   print): the thin face's small `、` reads as the radical `丶` (`挤占丶挪用`, `刊物丶资料`).
// - test/fixtures/scan-flags/thin-marks-hires.pdf: page 4 of the same scan: the thin face's `、` is
//   dropped by the recogniser's best path (`婴幼儿青少年` for `婴幼儿、青少年`), and its `<`, as tall as
//   the digits and on their baseline, was given the bar of `≤` (`零分: < 80%` read `零分：≤80%`).
// - test/fixtures/scan-flags/doubled-borders-lowres.pdf: page 2 of heldout11's lowres scan of seed 002 as
//   WeasyPrint prints Writer's HTML export (tuning data from round 16 on): every cell draws its own sides,
//   two hairlines 1.5 pt apart between columns; at 150 dpi the pair between 二级指标 and 三级指标 runs into one
//   band, too thick for a rule, and the two columns were read as one cell: no header, no report, nothing said.
// - test/fixtures/scan-flags/unnamed-columns-fax.pdf: page 2 of heldout11's fax scan of the same print: the
//   binarised page keeps few of its rules, and the header row is read into cells that join columns
//   (`l .级级指指标标`, `指标值全年实际完成值`): no header is found, and the document said only "no table found".
// - test/fixtures/scan-flags/project-list-fax.pdf: page 1 of heldout12's fax scan of layout L03 as Writer's HTML
//   import lays it out (tuning data from round 17 on): a project list (序号 项目名称 … 自评得分) whose horizontal
//   hairlines the threshold took, its 自评得分 read `白评得分`; no project was read, and the document said only
//   "no table found".
// - test/fixtures/scan-flags/unheaded-table-rows-fax.pdf: page 2 of heldout12's fax scan of seed 002 as
//   wkhtmltopdf prints Writer's HTML export: the indicator rows (`≥70% | 78.60%`) read into a table's cells,
//   their header (on page 1) lost; the document said only "no table found".
// - test/fixtures/scan-flags/head-only-fax.pdf: page 1 of the same scan: the form's head (资金使用单位, the
//   budget block, the goals) is read, the indicator header under it garbled (`标丨级接标`), no row under it.
// - test/fixtures/scan-flags/hairline-tilt-hires.pdf: pages 1–2 of heldout13's hires scan of seed 002 as Writer exports
//   it in AR PL UMing (held out in round 17, cut after its one score; tuning data from round 18 on): page 2 is tilted
//   1.57° and its rules are hairlines that the ink's level keeps only in dashes, so the tilt was measured as none, the
//   rows' rules were lost and every cell cut across; the form was read with its level labels and no value in any row.
// - test/fixtures/scan-flags/unaligned-rows-fax.pdf: pages 1–2 (the whole file) of heldout14's fax scan of L05 as
//   Writer's HTML import lays it out (held out in round 18, cut after its one score): page 1's table gives one row,
//   page 2's rows could not be put into columns and were read as text — the report was read `high`, a silent loss.
//   (Round 19: page 2's one rule left, the frame's left side, no longer joins its text lines into one; its rows go
//   on in page 1's columns, test/ocr-fax-lone-border.test.ts.)
// - test/fixtures/scan-flags/blurred-rules-lowres.pdf: page 1 of heldout14's lowres scan of L11 as Chromium prints it
//   (held out in round 18, cut after its one score): the rules over 主管部门 and over the indicator header are drawn
//   thicker; at 150 dpi brought to 200 their blur is 8 lines deep at the rule finder's level and they were dropped as
//   filled areas, the header's cells ran into the row above, and the document gave no report.
// - test/fixtures/scan-flags/doubled-borders-continued-lowres.pdf: pages 2–3 of heldout11's lowres scan of seed 002 as
//   WeasyPrint prints Writer's HTML export (tuning data from round 16 on): page 3's table goes on at both ends, so the
//   border between 二级指标 and 三级指标 meets no rule and is kept only clear of text; the other stroke of its doubled
//   pair, blurred at 150 dpi, came within the clearance and was taken for text: page 3's rows ran into page 2's last.
// - test/fixtures/scan-flags/stacked-strokes-heavy.pdf: page 3 of heldout7's heavy scan of seed 000 as WeasyPrint
//   prints it on B5 in AR PL UMing (tuning data since round 12): its narrow cells are filled with small type, line
//   under line, and under the blur the strokes of glyphs at one x (`内` over `常` over `保`) chain from a row's rule
//   to the next; taken for column borders and erased, they cut every line's glyphs in two (`医保信息系统正常运行率`
//   read `医息正行`).
// - test/fixtures/scan-flags/unaligned-after-report-fax.pdf: pages 2–4 of tune2's fax scan of the cut s001b (tuning
//   data): page 1's table is the report's; page 3's table-like text could not be put into columns and was read as
//   text, which the report names as a table beside it that went unread (round 19, after unaligned-rows-fax.pdf's
//   page 2 came to be read).
// - test/fixtures/scan-flags/rule-into-header-heavy.pdf: page 2 of heldout15's heavy scan of L01 as WeasyPrint prints
//   it after a pdftocairo/ps2pdf round trip (held out in round 19, cut after its one score; tuning data since round
//   20): the rule under 年度指标值（A） starts at the border beside 三级指标, whose strokes, blurred into a run on the
//   rule's line, joined it across the border's gap; the rule ran on through the header word, which erased read `一年比`
//   and `国`, and no row's name, target or actual was in a field.
// - test/fixtures/scan-flags/index-column-seal.pdf: page 1 of tune2's seal scan of layout L07 (tuning data): its
//   table's first column is headed 序号, read right; a column every reader knows and no indicator field holds, it
//   was taken for a misread header word and each row's number flagged as a value in no field.
// - test/fixtures/scan-flags/unnamed-header-word-fax.pdf: page 5 of tune2's fax scan of s001b (tuning data): a
//   header cell is read 「笑际值(2022年街)评分标准贫」, a word that names no column, so what the rows print under it
//   goes to no field (round 20's first cut for this, page 2 of heldout15's heavy L01, reads its header right since
//   the rules under heavy blur stopped running through header words).
// - test/fixtures/scan-flags/header-in-label-fax.pdf: page 2 of heldout14's fax scan of seed 002 as LibreOffice prints it
//   wide in WenQuanYi Zen Hei, through ps2pdf (held out in round 18, tuning data from round 19 on): the rule under the header's
//   一级指标 is lost, and the header word and the label 产出指标 under it are read as one cell, `一级指标产出指标`.
// - test/fixtures/scan-flags/dashed-header-fax.pdf: pages 1–2 of heldout13's fax scan of seed 002 as Writer exports it
//   in AR PL UMing (200 lines per inch; tuning data from round 20 on): its hairlines came out in dashes; the indicator
//   header's short column borders end on them alone and were dropped as strokes of text (the header read as one
//   cell, no report), and on page 2 the rule over 医保综合监管能力 (its dashes 6 px long at one end, 27 at the
//   other on one pixel row, a flipped pixel parting one) was not found, joining two level-2 cells.
// - test/fixtures/scan-flags/unmarked-sheet-portal.pdf: pages 2–3 of heldout16's portal scan of seed 002 as Chromium
//   prints Calc's HTML export (no rules, and a transfer form: no 分值 column to mark its rows; held out in round 20,
//   tuning data from round 21 on): its cells set to their rows' foot (to the top in a row a page break cuts), the
//   right-aligned 78.60% touching the 无 of the next column, the browser's address at the page's foot read `ti2QfM`
//   on page 2 and `t12QfM` on page 3; no row was read under the header, and the document said only that.
// - test/fixtures/scan-flags/stacked-forms-fax.pdf: page 1 of heldout16's fax scan of layout L06 as Writer's HTML import lays it out
//   (100 lines per inch; held out in round 20, tuning data from round 21 on): two forms one under another, every
//   hairline lost but the forms' sides (running down the page past both) and the rule where the two frames meet. The
//   sides, beside no one other border over most of their length, were dropped; found, the frame they make is crossed
//   by that rule from side to side, and was kept from having its rows inferred as a table whose rules were found.
// - test/fixtures/scan-flags/running-head-heavy.pdf: pages 1–2 (the whole file) of heldout16's heavy scan of L12 as
//   Chromium prints it, re-drawn by cairo (held out in round 20, tuning data from round 21 on): the browser's page head
//   in small type blurred into long runs on every row of its line, linked into one track as thin as a rule by its ink
//   over its length; erased as a rule, it took the head with it (`办公宿舍楼` on page 2), and read a character off on
//   page 1 (`…(修改)坊市…`) the head was a running line of neither page, so page 2's table did not go on from page 1's
//   and its five rows were lost.
// - test/fixtures/scan-flags/joined-blocks-portal.pdf: page 2 of heldout17's portal scan of layout L05 as Chromium
//   prints it, every row read apart and exact: the sound read of the form whose lowres scan (tilted-blurred-rule-lowres.pdf
//   below) corpus/build/lost-rule-fixture.ts wipes a rule from (joined-blocks-lowres.pdf).
// - test/fixtures/scan-flags/region-cut-short-fax.pdf: pages 1-2 of heldout17's fax scan of seed 002: the
//   department 广西壮族自治区医疗保障局 is read `广西壮族白治区医疗保障局`, and the region was the short form `广西`
//   found at its start, with no finding.
// - test/fixtures/scan-flags/specks-lowres.pdf: page 1 of heldout17's lowres scan of layout L04 as Writer's HTML
//   import lays it out (held out in round 21, cut after its one score; tuning data from round 22 on): at 150 dpi drawn
//   at 200 the scanner's dust comes out as large as a small decimal point, and two specks were read as points, the
//   score `13` as `13.` (a speck to its right at mid-height) and the level label `产出指标（50分）` as `…(50.分)` (a
//   speck under the foot of `50`): the row lost its score and the label its weight.
// - test/fixtures/scan-flags/tilted-blurred-rule-lowres.pdf: page 2 of heldout17's lowres scan of layout L05 as Chromium
//   prints it (tuning data from round 22 on): tilted 0.14°, less than deskewing corrects, its blurred rule over
//   满意度指标 steps across 11 lines at the rule finder's level and was dropped as a filled area: the row ran into the
//   one above (`效益指标满意度指标`) and the form's last row was lost without a finding.
// - test/fixtures/scan-flags/thin-strokes-seal.pdf: page 2 of heldout17's seal scan of layout L05 as Chromium prints it
//   (held out in round 21, tuning data from round 22 on): the seal's ring runs through the 指标值 and 全年实际完成值 cells; JPEG
//   kept its thin strokes dark but with a tenth of their red, so they stayed on the gray page as light strokes and the
//   ring beside `≥20000人` was read as a closing quote (`≥20000人"`).
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { helpIfAsked } from './degrade-ops';

helpIfAsked('Usage: npx tsx corpus/build/scan-page-cuts.ts\nRewrites the pages test/fixtures/scan-flags/ cuts from corpus/scan-grid scans (label-fragment-fax.pdf, misread-value-header-bleed.pdf, offset-lines-seal.pdf, stacked-label-heavy.pdf, section-label-lowres.pdf, unnamed-header-heavy.pdf, unheaded-rows-seal.pdf, tight-lines-turned.pdf, enumeration-comma-hires.pdf, thin-marks-hires.pdf, doubled-borders-lowres.pdf, unnamed-columns-fax.pdf, project-list-fax.pdf, unheaded-table-rows-fax.pdf, head-only-fax.pdf, hairline-tilt-hires.pdf, unaligned-rows-fax.pdf, blurred-rules-lowres.pdf, doubled-borders-continued-lowres.pdf, stacked-strokes-heavy.pdf, unaligned-after-report-fax.pdf, rule-into-header-heavy.pdf, index-column-seal.pdf, unnamed-header-word-fax.pdf, header-in-label-fax.pdf, dashed-header-fax.pdf, unmarked-sheet-portal.pdf, stacked-forms-fax.pdf, running-head-heavy.pdf, joined-blocks-portal.pdf, region-cut-short-fax.pdf, specks-lowres.pdf, tilted-blurred-rule-lowres.pdf, thin-strokes-seal.pdf; needs qpdf).');

const ROOT = join(import.meta.dirname, '..', '..');
const OUT = join(ROOT, 'test', 'fixtures', 'scan-flags');
const CUTS = [
  { from: 'heldout11/L01-sichuan-daying-ybj-project-selfeval-grid-fax.pdf', pages: '1', to: 'label-fragment-fax.pdf' },
  { from: 'heldout10/002-guangxi-transfer-region-grid-bleed.pdf', pages: '2-6', to: 'misread-value-header-bleed.pdf' },
  { from: 'heldout10/002-guangxi-transfer-region-grid-seal.pdf', pages: '2', to: 'offset-lines-seal.pdf' },
  { from: 'heldout7/000-transfer-selfeval-indicators-grid-heavy.pdf', pages: '1', to: 'stacked-label-heavy.pdf' },
  { from: 'heldout8/004-qiannan-project-tables-grid-lowres.pdf', pages: '7', to: 'section-label-lowres.pdf' },
  { from: 'heldout8/004-qiannan-project-tables-grid-heavy.pdf', pages: '4', to: 'unnamed-header-heavy.pdf' },
  { from: 'heldout10/002-guangxi-transfer-region-grid-seal.pdf', pages: '4', to: 'unheaded-rows-seal.pdf' },
  { from: 'heldout7/000-transfer-selfeval-indicators-grid-turned.pdf', pages: '3,5', to: 'tight-lines-turned.pdf' },
  { from: 'heldout7/000-transfer-selfeval-indicators-grid-hires.pdf', pages: '2', to: 'enumeration-comma-hires.pdf' },
  { from: 'heldout7/000-transfer-selfeval-indicators-grid-hires.pdf', pages: '4', to: 'thin-marks-hires.pdf' },
  { from: 'heldout11/002-guangxi-transfer-region-grid-lowres.pdf', pages: '2', to: 'doubled-borders-lowres.pdf' },
  { from: 'heldout11/002-guangxi-transfer-region-grid-fax.pdf', pages: '2', to: 'unnamed-columns-fax.pdf' },
  { from: 'heldout12/L03-hebei-gaocheng-ybj-selfeval-summary-grid-fax.pdf', pages: '1', to: 'project-list-fax.pdf' },
  { from: 'heldout12/002-guangxi-transfer-region-grid-fax.pdf', pages: '2', to: 'unheaded-table-rows-fax.pdf' },
  { from: 'heldout12/002-guangxi-transfer-region-grid-fax.pdf', pages: '1', to: 'head-only-fax.pdf' },
  { from: 'heldout13/002-guangxi-transfer-region-grid-hires.pdf', pages: '1-2', to: 'hairline-tilt-hires.pdf' },
  { from: 'heldout14/L05-anhui-huoshan-transfer-selfeval-grid-fax.pdf', pages: '1-2', to: 'unaligned-rows-fax.pdf' },
  { from: 'heldout14/L11-sichuan-zhongjiang-slj-target-selfeval-grid-lowres.pdf', pages: '1', to: 'blurred-rules-lowres.pdf' },
  { from: 'heldout11/002-guangxi-transfer-region-grid-lowres.pdf', pages: '2-3', to: 'doubled-borders-continued-lowres.pdf' },
  { from: 'heldout7/000-transfer-selfeval-indicators-grid-heavy.pdf', pages: '3', to: 'stacked-strokes-heavy.pdf' },
  { from: 'tune2/s001b-jiange-indicator-system-grid-fax.pdf', pages: '2-4', to: 'unaligned-after-report-fax.pdf' },
  { from: 'heldout15/L01-sichuan-daying-ybj-project-selfeval-grid-heavy.pdf', pages: '2', to: 'rule-into-header-heavy.pdf' },
  { from: 'tune2/L07-anhui-shouxian-department-selfeval-grid-seal.pdf', pages: '1', to: 'index-column-seal.pdf' },
  { from: 'tune2/s001b-jiange-indicator-system-grid-fax.pdf', pages: '5', to: 'unnamed-header-word-fax.pdf' },
  { from: 'heldout14/002-guangxi-transfer-region-grid-fax.pdf', pages: '2', to: 'header-in-label-fax.pdf' },
  { from: 'heldout13/002-guangxi-transfer-region-grid-fax.pdf', pages: '1-2', to: 'dashed-header-fax.pdf' },
  { from: 'heldout16/002-guangxi-transfer-region-grid-portal.pdf', pages: '2-3', to: 'unmarked-sheet-portal.pdf' },
  { from: 'heldout16/L06-sichuan-daying-sfj-project-selfeval-grid-fax.pdf', pages: '1', to: 'stacked-forms-fax.pdf' },
  { from: 'heldout16/L12-hebei-langfang-school-national-grid-heavy.pdf', pages: '1-2', to: 'running-head-heavy.pdf' },
  { from: 'heldout17/L05-anhui-huoshan-transfer-selfeval-grid-portal.pdf', pages: '2', to: 'joined-blocks-portal.pdf' },
  { from: 'heldout17/002-guangxi-transfer-region-grid-fax.pdf', pages: '1-2', to: 'region-cut-short-fax.pdf' },
  { from: 'heldout17/L04-shanxi-jishan-ybj-national-sheet-grid-lowres.pdf', pages: '1', to: 'specks-lowres.pdf' },
  { from: 'heldout17/L05-anhui-huoshan-transfer-selfeval-grid-lowres.pdf', pages: '2', to: 'tilted-blurred-rule-lowres.pdf' },
  { from: 'heldout17/L05-anhui-huoshan-transfer-selfeval-grid-seal.pdf', pages: '2', to: 'thin-strokes-seal.pdf' },
];
mkdirSync(OUT, { recursive: true });
for (const cut of CUTS) {
  execFileSync('qpdf', ['--empty', '--deterministic-id', '--pages', join(ROOT, 'corpus/scan-grid', cut.from), cut.pages, '--', join(OUT, cut.to)]);
}
