import { parseDocument } from 'yaml';
import { z } from 'zod';
import { LabelFileError, lineAndColumn, schemaReason } from './file-problems';
import type { ParseResult } from './parsed-label';

/**
 * Aliases a data.yaml may expand. A real one has none; a few nested aliases can otherwise
 * expand into billions of nodes (the "billion laughs" file) and exhaust memory.
 */
const MAX_YAML_ALIASES = 50;

type NormalizedBox = { className: string; cx: number; cy: number; w: number; h: number };

/**
 * YOLO label files (`class x_center y_center width height`, shares of the image) with the class
 * names from data.yaml or classes.txt, in index order. `files` maps each label file's name to
 * its text; the image it belongs to is found by the label file's stem. Bad lines are reported
 * by file and line, and the file's good boxes still import; a file whose every line is bad is
 * left out rather than imported as "no objects".
 * @example parseYolo(new Map([['a.txt', '0 0.5 0.5 0.2 0.2']]), ['cat']).labels[0]!.file // 'a'
 */
export function parseYolo(files: ReadonlyMap<string, string>, classNames: readonly string[]): ParseResult {
  const result: ParseResult = { labels: [], problems: [] };
  for (const [name, text] of [...files].sort(([x], [y]) => (x < y ? -1 : 1))) {
    const boxes: NormalizedBox[] = [];
    let bad = 0;
    text.split(/\r?\n/).forEach((line, index) => {
      if (line.trim() === '') return;
      const box = readLine(line, classNames);
      if (typeof box === 'string') {
        bad++;
        return result.problems.push({ where: `${name} line ${index + 1}`, message: box });
      }
      boxes.push(box);
    });
    if (bad > 0 && boxes.length === 0) {
      result.problems.push({ where: name, message: `is left out: none of its ${bad} line${bad === 1 ? '' : 's'} could be read` });
      continue;
    }
    result.labels.push({ file: name.replace(/\.txt$/i, ''), where: name, content: { kind: 'normalized-boxes', boxes } });
  }
  return result;
}

/** One label line as a box, or what is wrong with it. */
function readLine(line: string, classNames: readonly string[]): NormalizedBox | string {
  const fields = line.trim().split(/\s+/).map(Number);
  if (fields.length !== 5 || fields.some((v) => !Number.isFinite(v))) return 'is not "class x_center y_center width height"';
  const [classIndex, cx, cy, w, h] = fields as [number, number, number, number, number];
  const className = classNames[classIndex];
  if (!Number.isInteger(classIndex) || className === undefined) return `has class ${classIndex}, but there are ${classNames.length} class names`;
  if (w <= 0 || h <= 0 || cx - w / 2 < -1e-6 || cy - h / 2 < -1e-6 || cx + w / 2 > 1 + 1e-6 || cy + h / 2 > 1 + 1e-6)
    return 'has a box outside the image (values are shares of its size, from 0 to 1)';
  return { className, cx, cy, w, h };
}

/**
 * Class names from classes.txt: one per line, blank lines ignored.
 * @example classNamesFromText('cat\ndog\n') // ['cat', 'dog']
 */
export function classNamesFromText(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

const className = z.union([z.string().min(1), z.number().transform(String)]);
const dataYamlSchema = z.object({
  // One message for the union: the branches' own would name the file's keys.
  names: z.union([z.array(className).min(1), z.record(z.string().regex(/^\d+$/), className)], {
    error: 'must be a list of class names, or a map of class number (0, 1, 2 …) to name',
  }),
});

/**
 * Class names from a YOLO data.yaml's `names`: a list, or a map of class number to name.
 * A file that is not such YAML throws a {@link LabelFileError} saying where, without its text.
 * @example classNamesFromDataYaml('names: [cat, dog]') // ['cat', 'dog']
 * @example classNamesFromDataYaml('names: {1: dog, 0: cat}') // ['cat', 'dog']
 */
export function classNamesFromDataYaml(text: string): string[] {
  const document = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const [error] = document.errors;
  if (error) {
    // The error's message quotes the offending line: keep only its code and place.
    const { line, column } = lineAndColumn(text, error.pos[0]);
    throw new LabelFileError(`is not valid YAML (line ${line}, column ${column}: ${error.code.toLowerCase().replaceAll('_', ' ')})`);
  }
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch {
    // The yaml package throws a ReferenceError past maxAliasCount (or for an alias to nothing).
    throw new LabelFileError(`uses YAML aliases (*name) too much or wrongly; data.yaml needs none`);
  }
  const parsed = dataYamlSchema.safeParse(value);
  if (!parsed.success) throw new LabelFileError(`has no class names list: ${schemaReason(parsed.error, 1)}`);
  const { names } = parsed.data;
  if (Array.isArray(names)) return names;
  const byNumber = Object.entries(names)
    .map(([index, name]) => [Number(index), name] as const)
    .sort(([x], [y]) => x - y);
  // A gap would shift every later class onto the wrong number.
  if (byNumber.some(([index], position) => index !== position)) throw new LabelFileError('has class numbers in names that do not run 0, 1, 2 … without gaps');
  return byNumber.map(([, name]) => name);
}
