import { XMLParser } from 'fast-xml-parser';
import { z } from 'zod';
import { readXml } from './read-xml';
import { schemaReason } from './file-problems';
import type { ParseResult, ParsedBox } from './parsed-label';

// Tag values stay text: a class named "7" or a file named "0001" must not turn into numbers.
const parser = new XMLParser({ isArray: (name) => name === 'object', parseTagValue: false });

/** A pixel coordinate written as text: `<xmin>48</xmin>`. */
const coordinate = z.string().trim().min(1).pipe(z.coerce.number()).pipe(z.number().finite());

const vocFileSchema = z.object({
  annotation: z.object({ filename: z.string().trim().min(1), object: z.array(z.unknown()).default([]) }),
});

const objectSchema = z.object({
  name: z.string().trim().min(1),
  bndbox: z
    .object({ xmin: coordinate, ymin: coordinate, xmax: coordinate, ymax: coordinate })
    .refine((box) => box.xmax > box.xmin && box.ymax > box.ymin, 'xmax and ymax must be above xmin and ymin'),
});

/**
 * Pascal VOC files (one XML per image), by file name. A file that is not VOC XML is reported
 * by name and line, never with its text; a bad object is reported and the file's other boxes
 * still import; a file whose every object is bad is left out rather than imported as "no
 * objects".
 * @example parseVoc(new Map([['a.xml', '<annotation><filename>a.jpg</filename></annotation>']])).labels[0]!.file // 'a.jpg'
 */
export function parseVoc(files: ReadonlyMap<string, string>): ParseResult {
  const result: ParseResult = { labels: [], problems: [] };
  for (const [name, text] of [...files].sort(([x], [y]) => (x < y ? -1 : 1))) {
    const read = readAnnotation(text);
    if (typeof read === 'string') {
      result.problems.push({ where: name, message: read });
      continue;
    }
    const boxes: ParsedBox[] = [];
    let bad = 0;
    read.object.forEach((value, index) => {
      const object = objectSchema.safeParse(value);
      if (!object.success) {
        bad++;
        return result.problems.push({ where: `${name} object ${index + 1}`, message: schemaReason(object.error) });
      }
      const { xmin, ymin, xmax, ymax } = object.data.bndbox;
      boxes.push({ className: object.data.name, x1: xmin, y1: ymin, x2: xmax, y2: ymax });
    });
    if (bad > 0 && boxes.length === 0) {
      result.problems.push({ where: name, message: `is left out: none of its ${bad} object${bad === 1 ? '' : 's'} could be read` });
      continue;
    }
    result.labels.push({ file: read.filename, where: name, content: { kind: 'boxes', boxes } });
  }
  return result;
}

/** The file's `<annotation>`, or what is wrong with the file. */
function readAnnotation(text: string): z.infer<typeof vocFileSchema>['annotation'] | string {
  const read = readXml(text, parser);
  if ('problem' in read) return read.problem;
  const file = vocFileSchema.safeParse(read.json);
  return file.success ? file.data.annotation : `is not a Pascal VOC file: ${schemaReason(file.error)}`;
}
