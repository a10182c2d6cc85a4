import type { ExportClass } from './coco';

/** Each class's index by id, made once per class list rather than once per file or row (100,000 in a large export). */
const classIndexes = new WeakMap<readonly ExportClass[], Map<number, number>>();

/**
 * Each class's index in `classes` by its id: formats that number classes from 0 in the project's
 * order (YOLO's label files, Hugging Face's `categories`).
 * @example classIndexOf([{ id: 4, name: 'car' }, { id: 2, name: 'bus' }]).get(2) // 1
 */
export function classIndexOf(classes: readonly ExportClass[]): Map<number, number> {
  let index = classIndexes.get(classes);
  if (!index) classIndexes.set(classes, (index = new Map(classes.map((c, i) => [c.id, i]))));
  return index;
}
