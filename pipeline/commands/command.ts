import { parseArgs, type ParseArgsConfig } from 'node:util';
import { useOcrEngine } from '../../parsers/ocr/config';

/** A wrong command line: the message says what is wrong; the CLI adds where to read more. */
export class UsageError extends Error {}

/** `--ocr-engine <name>`: the OCR engine for this run (worker processes inherit it through the environment). */
export function selectOcrEngine(name: string): void {
  try {
    useOcrEngine(name);
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

/** One CLI command: its help text and what it does; returns the exit code. */
export interface Command {
  name: string;
  summary: string;
  help: string;
  run(args: string[]): Promise<number>;
}

/** parseArgs with `--help` handled: returns null after printing the help. */
export function readArgs<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], help: string, options: T) {
  const parsed = parseArgs({ args, allowPositionals: true, options: { ...options, help: { type: 'boolean', short: 'h' } } });
  if ((parsed.values as Record<string, unknown>).help) {
    process.stdout.write(help);
    return null;
  }
  return parsed;
}

export function positiveInt(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} takes a whole number ≥ 1, got "${value}"`);
  return n;
}
