import type { Format, ParsedDocument } from '../schemas/document';
import type { OcrConfig } from './ocr/config';

/** What a parser is told besides the bytes. */
export interface ParseContext {
  /** File name or URL, for messages. */
  name: string;
  /** Content-Type header when the bytes came over HTTP (charset hint for HTML). */
  contentType?: string;
  /** The file's path when it was read from disk: images saved beside an HTML page are found from it. */
  path?: string;
  /** OCR settings for this document (engine, resolution, workers…); the environment's when not given. */
  ocr?: OcrConfig;
}

/** One parser per format, behind this interface; the registry maps formats and file-name endings to parsers (parsers/sniff.ts says what bytes are). */
export interface Parser {
  format: Format;
  parse(bytes: Uint8Array, ctx: ParseContext): Promise<ParsedDocument>;
}

/**
 * A document that cannot be read. The message says what is wrong and what to do next; the
 * batch records it and goes on.
 */
export class DocumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DocumentError';
  }
}
