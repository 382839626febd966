/**
 * Below this confidence (0–100, the lowest word of a cell) an OCR cell is not passed off as
 * clean: its row gets a warning, and a report whose budget figures disagree doubts its read where
 * one of them is below it. Tesseract's confidences for CJK words run low even when right, so this
 * flags more rows than are wrong; a misread that reads confidently is left to the validator's sums.
 */
export const OCR_MIN_CONFIDENCE = 80;
