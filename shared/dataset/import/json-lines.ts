import type { z } from 'zod';
import { jsonSyntaxReason, schemaReason } from './file-problems';
import type { ImportProblem } from './parsed-label';

/**
 * The rows of a JSON-lines file that fit `schema`, each with where it is (`line N`); blank
 * lines are skipped, and a line that is not JSON or does not fit is reported in `problems` by
 * number and reason, never with its text, so the rest of the file still reads.
 * @example
 *   const problems: ImportProblem[] = [];
 *   [...jsonLines('{"text": "hi"}\nnot json', z.object({ text: z.string() }), problems)]
 *   // [{ row: { text: 'hi' }, where: 'line 1' }]; problems[0].where === 'line 2'
 */
export function* jsonLines<T>(text: string, schema: z.ZodType<T>, problems: ImportProblem[]): Generator<{ row: T; where: string }> {
  const lines = text.split(/\r?\n/);
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const where = `line ${index + 1}`;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      // The line is the file here: its line number is already in `where`.
      problems.push({ where, message: jsonSyntaxReason(error, line).replace(/\(line 1, /, '(') });
      continue;
    }
    const row = schema.safeParse(json);
    if (row.success) yield { row: row.data, where };
    else problems.push({ where, message: schemaReason(row.error) });
  }
}
