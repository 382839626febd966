/**
 * Two rules drawn a border-spacing apart (a table of separate cells, CSS `border-collapse:
 * separate`: each cell draws its own sides, two hairlines a point or two apart between every two
 * cells) come out of a coarse or blurred scan as one band of ink in the rule mask: the strip of
 * paper between them, softened, is darker than the light level rules are looked for at. Taken
 * as one line, the band is as thick as a filled area and is dropped, and with it the column edge:
 * the two columns beside it are read as one cell (their header words lost). Across the band the
 * gray levels still show two strokes with lighter paper between; a filled area (a shaded bar, a
 * stamp) is dark all across.
 */

/** Levels the strip between two strokes must stand lighter than each stroke's core (a rule's contrast over paper). */
const STRIP_CONTRAST = 12;

/**
 * Where a band's cross profile (its mean gray level at each offset across it, ink dark) is cut
 * into two strokes: the lightest offset inside it that both sides' darkest cores stay
 * STRIP_CONTRAST below; null for a band that is one stroke or a filled area.
 */
export function stripBetweenStrokes(profile: ReadonlyArray<number>): number | null {
  let best: number | null = null;
  for (let k = 1; k + 1 < profile.length; k++) {
    const before = Math.min(...profile.slice(0, k));
    const after = Math.min(...profile.slice(k + 1));
    const strip = profile[k]!;
    if (strip - before < STRIP_CONTRAST || strip - after < STRIP_CONTRAST) continue;
    if (best === null || strip > profile[best]!) best = k;
  }
  return best;
}
