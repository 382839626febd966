import type { OcrWord } from './cache';
import type { OcrConfig } from './config';
import type { DetectedRules } from './detect-rules';
import type { GrayImage } from './gray-image';
import type { Region } from './missed-text';

/**
 * A page made ready for reading, whatever the reader: upright, its rules found and erased, its
 * levels stretched and specks removed, its table cells cut out from the rules.
 */
export interface PreparedPage {
  /** The clean page image (rules erased), in which every region below lies. */
  image: GrayImage;
  /** Its ink (1) and paper (0). */
  ink: Uint8Array;
  rules: DetectedRules;
  /** The ruled tables' cells, inside their borders. */
  cells: Region[];
  /** The page with its tables whited out; null when nothing is printed around them. */
  around: GrayImage | null;
}

/**
 * An OCR engine: reads a prepared page into words (boxes in the page image's pixels, confidence
 * 0–100, each character's box). Words of one text line share a `line` number.
 */
export interface OcrEngine {
  readonly name: string;
  read(page: PreparedPage, config: OcrConfig): Promise<{ words: OcrWord[]; cached: boolean }>;
}
