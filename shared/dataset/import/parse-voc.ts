import { XMLParser } from 'fast-xml-parser';
import type { ParseResult, ParsedBox } from './parsed-label';

// Tag values stay text: a class named "7" or a file named "0001" must not turn into numbers.
const parser = new XMLParser({ isArray: (name) => name === 'object', parseTagValue: false });

/** Pascal VOC files (one XML per image), by file name; unreadable files and objects are reported. */
export function parseVoc(files: ReadonlyMap<string, string>): ParseResult {
  const result: ParseResult = { labels: [], problems: [] };
  for (const [name, text] of [...files].sort(([x], [y]) => (x < y ? -1 : 1))) {
    let annotation: { filename?: unknown; object?: { name?: unknown; bndbox?: Record<string, unknown> }[] } | undefined;
    try {
      annotation = (parser.parse(text, true) as { annotation?: typeof annotation }).annotation;
    } catch (error) {
      result.problems.push({ where: name, message: `is not valid XML: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` });
      continue;
    }
    if (!annotation || typeof annotation.filename !== 'string') {
      result.problems.push({ where: name, message: 'has no <annotation><filename>' });
      continue;
    }
    const boxes: ParsedBox[] = [];
    const problemsBefore = result.problems.length;
    (annotation.object ?? []).forEach((object, index) => {
      const where = `${name} object ${index + 1}`;
      const box = object.bndbox ?? {};
      const [x1, y1, x2, y2] = ['xmin', 'ymin', 'xmax', 'ymax'].map((key) => Number(box[key]));
      if (typeof object.name !== 'string') return result.problems.push({ where, message: 'has no <name>' });
      if (![x1, y1, x2, y2].every((v) => Number.isFinite(v)) || !(x2! > x1!) || !(y2! > y1!))
        return result.problems.push({ where, message: 'has no valid <bndbox>' });
      boxes.push({ className: object.name, x1: x1!, y1: y1!, x2: x2!, y2: y2! });
    });
    if (result.problems.length === problemsBefore) result.labels.push({ file: annotation.filename, where: name, content: { kind: 'boxes', boxes } });
  }
  return result;
}
