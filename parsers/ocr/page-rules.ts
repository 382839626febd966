import { withDashedRules } from './dashed-rules';
import { ruleThreshold, type DetectedRules } from './detect-rules';
import type { GrayImage } from './gray-image';
import { pageOwnRules } from './show-through';

/**
 * The ruling lines of an upright page image as the OCR path finds them: the page's own
 * (`pageOwnRules`, another page's show-through left out) at its ink's level `inkLevel`; on a
 * bilevel page (a fax) also its hairlines that came out in dashes (`withDashedRules`), and the
 * column borders that end on them found again, given them as rules known: a border is judged by
 * the rules its ends meet, and a short one (a header's, between rows whose hairlines came out in
 * dashes) met only dashes at both ends and was dropped as a stroke of text, its columns read as
 * one. The dashes are then followed again between the borders so found.
 */
export function pageRules(upright: GrayImage, inkLevel: number, bilevel: boolean): DetectedRules {
  const ruleLevel = ruleThreshold(upright, inkLevel);
  const own = pageOwnRules(upright, inkLevel, ruleLevel);
  if (!bilevel) return own.rules;
  const { width, height, dpi } = upright;
  const dashed = withDashedRules(own.mask, width, height, own.rules, dpi);
  const added = dashed.horizontal.filter((h) => !own.rules.horizontal.includes(h));
  return added.length === 0 ? dashed : withDashedRules(own.mask, width, height, pageOwnRules(upright, inkLevel, ruleLevel, added).rules, dpi);
}
