import type { z } from 'zod';

/**
 * A whole file that cannot be read as the format it should be in. Its message says why and
 * where (line, column, field) but never quotes the file: an import pointed at the wrong file
 * (a password file, a key) must not copy its text into an error that is shown or logged.
 */
export class LabelFileError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'LabelFileError';
  }
}

/**
 * Why `JSON.parse` failed, in words that hold none of the text. V8's own messages quote the
 * input ("Unexpected token 'r', "root:x:0:0"... is not valid JSON"), so only the position is
 * kept, as a line and column.
 * @example jsonSyntaxReason(error, '{"a": 1') // 'is not valid JSON (line 1, column 8)'
 */
export function jsonSyntaxReason(error: unknown, text: string): string {
  const message = error instanceof Error ? error.message : '';
  if (/unexpected end of JSON input/i.test(message)) return 'is not valid JSON: it ends too early';
  const position = /at position (\d+)/.exec(message);
  if (!position) return 'is not valid JSON';
  const { line, column } = lineAndColumn(text, Number(position[1]));
  return `is not valid JSON (line ${line}, column ${column})`;
}

/**
 * Parses JSON or throws a {@link LabelFileError} without the text in it.
 * @example parseJsonOrThrow('[1, 2]') // [1, 2]
 */
export function parseJsonOrThrow(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new LabelFileError(jsonSyntaxReason(error, text));
  }
}

/**
 * The first problems a schema found, each as "field: what is wrong". Zod's messages name
 * the expected and received types, never the values; paths are the schema's own field
 * names and positions in lists (counted from 1, as the rest of the report counts).
 * @example schemaReason(z.object({ images: z.array(z.unknown()) }).safeParse({ images: 5 }).error!)
 * // 'images: expected array, received number'
 */
export function schemaReason(error: z.ZodError, shown = 3): string {
  const reasons = error.issues.slice(0, shown).map((issue) => {
    const path = issue.path.map((part) => (typeof part === 'number' ? String(part + 1) : String(part))).join('.');
    const what = issue.message.replace(/^Invalid input: /, '');
    return path === '' ? what : `${path}: ${what}`;
  });
  const more = error.issues.length - shown;
  return more > 0 ? `${reasons.join('; ')} (and ${more} more)` : reasons.join('; ');
}

/** Line and column (both from 1) of a character offset in `text`. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lastBreak = before.lastIndexOf('\n');
  return { line: before.split('\n').length, column: offset - lastBreak };
}

/**
 * A short name for a record taken from the file (an image's file name), cut to a length
 * that identifies it without pasting a long value into a message.
 * @example shortName('a.jpg') // 'a.jpg'
 */
export function shortName(name: string, max = 80): string {
  return name.length <= max ? name : `${name.slice(0, max - 1)}…`;
}
