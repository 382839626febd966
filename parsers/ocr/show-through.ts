import { binarise, detectRules, paperLevel, type DetectedRules, type PixelRule } from './detect-rules';
import type { GrayImage } from './gray-image';
import { median } from '../page/median';

/**
 * Show-through (the back of the sheet, or the page under it, seen through thin paper) prints at a
 * fifth or so of its ink: its table's rules come out some 15 levels below the paper, while the
 * page's own rules are as dark as its text. Found as rules, they cut the page's cells through
 * their text (`考核各级财政补助标准` read `考补情` and `核各级财政助标准`). A rule whose darkness
 * over the paper is under this share of the page's dark rules' is not the page's.
 */
const SHOW_THROUGH_SHARE = 1 / 3;
/** The page's own rules' darkness: this quantile of its rules' (a page of faint hairlines alone keeps them all). */
const OWN_QUANTILE = 0.75;

/** How dark (levels below the paper) a rule must be to be the page's own, and the paper's level; null when every rule is. */
function showThroughCut(rules: DetectedRules, image: GrayImage, inkThreshold: number): { paper: number; least: number } | null {
  const all = [...rules.horizontal, ...rules.vertical];
  if (all.length < 2) return null;
  const { paper } = paperLevel(image, inkThreshold);
  const sorted = all.map((r) => paper - coreLevel(r, image)).sort((a, b) => a - b);
  const least = SHOW_THROUGH_SHARE * sorted[Math.min(sorted.length - 1, Math.floor(OWN_QUANTILE * sorted.length))]!;
  return sorted[0]! < least ? { paper, least } : null;
}

const darkEnough = (rules: DetectedRules, image: GrayImage, { paper, least }: { paper: number; least: number }): DetectedRules => {
  const kept = (r: PixelRule) => paper - coreLevel(r, image) >= least;
  return { horizontal: rules.horizontal.filter(kept), vertical: rules.vertical.filter(kept) };
};

/**
 * The rules without those shown through from the other side: each rule's darkness is the median,
 * along it, of its darkest pixel across its stroke, measured over the paper's level.
 */
export function withoutShowThrough(rules: DetectedRules, image: GrayImage, inkThreshold: number): DetectedRules {
  const cut = showThroughCut(rules, image, inkThreshold);
  return cut ? darkEnough(rules, image, cut) : rules;
}

/**
 * The page's own rules, found in the pixels at or below `ruleLevel`, and the mask they were found in.
 * Where the page shows another's rules through, they are found again in the pixels as dark as
 * the page's own rules are: a shown-through border in line with one of the page's (a mirrored
 * table's frame falls on the page's own when both are centred) joins it across the small gap
 * between them into one line that runs past the frame, meets no rule at its far end and is lost,
 * with the page's cells' column (L11's left frame on its second page, in the bleed family).
 * `known`: horizontal rules found by other means that borders may end on (`detectRules`).
 */
export function pageOwnRules(image: GrayImage, inkThreshold: number, ruleLevel: number, known: ReadonlyArray<PixelRule> = []): { rules: DetectedRules; mask: Uint8Array } {
  const mask = binarise(image, ruleLevel);
  const found = detectRules(image, mask, undefined, known);
  const cut = showThroughCut(found, image, inkThreshold);
  if (!cut) return { rules: found, mask };
  const ownLevel = Math.floor(cut.paper - cut.least);
  if (ownLevel >= ruleLevel) return { rules: darkEnough(found, image, cut), mask };
  const ownMask = binarise(image, ownLevel);
  return { rules: darkEnough(detectRules(image, ownMask, undefined, known), image, cut), mask: ownMask };
}

/** The median along a rule of its darkest pixel across it (every other pixel along). */
function coreLevel(rule: PixelRule, image: GrayImage): number {
  const { width, height, data } = image;
  const horizontal = rule.y0 === rule.y1;
  const [start, end] = horizontal ? [rule.x0, rule.x1] : [rule.y0, rule.y1];
  const cores: number[] = [];
  for (let along = Math.max(0, Math.round(start)); along <= Math.min((horizontal ? width : height) - 1, end); along += 2) {
    let darkest = 255;
    for (let across = Math.max(0, rule.from - 1); across <= Math.min((horizontal ? height : width) - 1, rule.to + 1); across++) {
      darkest = Math.min(darkest, data[horizontal ? across * width + along : along * width + across]!);
    }
    cores.push(darkest);
  }
  return median(cores) ?? 255;
}
