import type { ParseResult } from './parsed-label';

/**
 * YOLO label files (`class x_center y_center width height`, shares of the image) with the class
 * names from data.yaml or classes.txt, in index order. `files` maps each label file's name to
 * its text; the image it belongs to is found by the label file's stem. Bad lines are reported
 * by file and line.
 */
export function parseYolo(files: ReadonlyMap<string, string>, classNames: readonly string[]): ParseResult {
  const result: ParseResult = { labels: [], problems: [] };
  for (const [name, text] of [...files].sort(([x], [y]) => (x < y ? -1 : 1))) {
    const boxes: { className: string; cx: number; cy: number; w: number; h: number }[] = [];
    const problemsBefore = result.problems.length;
    text.split(/\r?\n/).forEach((line, index) => {
      if (line.trim() === '') return;
      const where = `${name} line ${index + 1}`;
      const fields = line.trim().split(/\s+/).map(Number);
      if (fields.length !== 5 || fields.some((v) => !Number.isFinite(v)))
        return result.problems.push({ where, message: 'is not "class x_center y_center width height"' });
      const [classIndex, cx, cy, w, h] = fields as [number, number, number, number, number];
      const className = classNames[classIndex];
      if (!Number.isInteger(classIndex) || className === undefined)
        return result.problems.push({ where, message: `has class ${classIndex}, but there are ${classNames.length} class names` });
      if (w <= 0 || h <= 0 || cx - w / 2 < -1e-6 || cy - h / 2 < -1e-6 || cx + w / 2 > 1 + 1e-6 || cy + h / 2 > 1 + 1e-6) {
        return result.problems.push({ where, message: 'has a box outside the image (values are shares of its size, from 0 to 1)' });
      }
      boxes.push({ className, cx, cy, w, h });
    });
    // A file with a line that could not be read is not imported: its label would miss a box.
    if (result.problems.length === problemsBefore)
      result.labels.push({ file: name.replace(/\.txt$/i, ''), where: name, content: { kind: 'normalized-boxes', boxes } });
  }
  return result;
}

/** Class names from data.yaml's `names` (a list, or a map of index to name) or from classes.txt (a name per line). */
export function yoloClassNames(source: { yaml?: unknown; classesTxt?: string }): string[] {
  if (source.classesTxt !== undefined)
    return source.classesTxt
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean);
  const names = (source.yaml as { names?: unknown } | null)?.names;
  if (Array.isArray(names)) return names.map(String);
  if (names && typeof names === 'object') {
    const entries = Object.entries(names as Record<string, unknown>).map(([index, name]) => [Number(index), String(name)] as const);
    return entries.sort(([x], [y]) => x - y).map(([, name]) => name);
  }
  return [];
}
