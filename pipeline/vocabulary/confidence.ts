import { OCR_MIN_CONFIDENCE } from '../../schemas/dataset';

// When a read's confidence doubts it, and how that is said: one place for extraction (the OCR
// findings on row and report cells) and the validator (a finding computed from such a cell).

/** Below `OCR_MIN_CONFIDENCE` (schemas/dataset.ts): a read not passed off as clean. */
export const lowConfidence = (confidence: number | null | undefined): confidence is number => confidence !== null && confidence !== undefined && confidence < OCR_MIN_CONFIDENCE;

/** OCR_LOW_CONFIDENCE's message, for a row's cell and a report's alike. */
export const lowConfidenceMessage = (confidence: number, what: string) => `read by OCR with confidence ${confidence} (below ${OCR_MIN_CONFIDENCE}): check ${what} against the scan`;
