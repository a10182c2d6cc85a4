import { XMLParser } from 'fast-xml-parser';
import { z } from 'zod';
import { schemaReason, shortName } from './file-problems';
import { readXml } from './read-xml';
import type { ParseResult, ParsedBox } from './parsed-label';

/** More images than this in one file is not one job's work. */
export const MAX_CVAT_IMAGES = 200_000;
/** Shapes CVAT has that Concord's boxes cannot hold; each is reported where it is. */
const OTHER_SHAPES = ['polygon', 'polyline', 'points', 'cuboid', 'ellipse', 'mask', 'skeleton', 'tag'] as const;

// Attribute values stay text, checked by the schemas below: a file named "0001" must stay a name.
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => name === 'image' || name === 'box' || (OTHER_SHAPES as readonly string[]).includes(name),
});

const number = z.string().trim().min(1).pipe(z.coerce.number()).pipe(z.number().finite());
const size = number.pipe(z.number().int().positive());
const person = z.union([z.string(), z.object({ username: z.string().optional() })]).optional();
const metaSchema = z
  .object({ job: z.object({ assignee: person }).optional(), task: z.object({ assignee: person }).optional() })
  .optional()
  .catch(undefined);
const fileSchema = z.object({
  annotations: z.object({
    meta: metaSchema,
    image: z.array(z.unknown()).max(MAX_CVAT_IMAGES, `has more than ${MAX_CVAT_IMAGES} images`).default([]),
  }),
});
const imageSchema = z.object({ name: z.string().trim().min(1), width: size, height: size, box: z.array(z.unknown()).default([]) });
const boxSchema = z
  .object({ label: z.string().trim().min(1), xtl: number, ytl: number, xbr: number, ybr: number, rotation: number.default(0) })
  .refine((b) => b.xbr > b.xtl && b.ybr > b.ytl, 'xbr and ybr must be above xtl and ytl');

/**
 * "CVAT for images 1.1" XML files, one per job: each `<image name width height>` becomes a label
 * of its `<box label xtl ytl xbr ybr>` boxes (pixels from the top-left corner), made by the job's
 * assignee (`<meta><job><assignee><username>`) when the file names one. A listed image without
 * boxes says "no objects". Boxes are checked against the image's own `width` and `height`; a
 * rotated box or another shape (polygon, points...) is reported and left out; an image whose
 * every shape is bad is left out rather than imported as "no objects". A file that is not CVAT
 * XML is reported by name and line, never with its text.
 * @example parseCvat(new Map([['job.xml', '<annotations><image id="0" name="a.jpg" width="4" height="3"/></annotations>']])).labels[0]!.file // 'a.jpg'
 */
export function parseCvat(files: ReadonlyMap<string, string>): ParseResult {
  const result: ParseResult = { labels: [], problems: [] };
  for (const [name, text] of [...files].sort(([x], [y]) => (x < y ? -1 : 1))) {
    const read = readFile(text);
    if (typeof read === 'string') {
      result.problems.push({ where: name, message: read });
      continue;
    }
    const annotator = assigneeOf(read.meta);
    read.image.forEach((value, index) => {
      const image = imageSchema.safeParse(value);
      const imageName = (value as { name?: unknown } | null)?.name;
      const where = `${name} image ${index + 1}${typeof imageName === 'string' ? ` (${shortName(imageName)})` : ''}`;
      if (!image.success) return result.problems.push({ where, message: schemaReason(image.error) });
      const boxes: ParsedBox[] = [];
      let bad = 0;
      const fail = (boxWhere: string, message: string) => {
        bad++;
        result.problems.push({ where: boxWhere, message });
      };
      image.data.box.forEach((raw, n) => {
        const box = boxSchema.safeParse(raw);
        if (!box.success) return fail(`${where}, box ${n + 1}`, schemaReason(box.error));
        const { label, xtl, ytl, xbr, ybr, rotation } = box.data;
        if (rotation % 360 !== 0) return fail(`${where}, box ${n + 1}`, `is rotated (${rotation}°); Concord's boxes are upright`);
        const past = edgeProblem({ xtl, ytl, xbr, ybr }, image.data.width, image.data.height);
        if (past) return fail(`${where}, box ${n + 1}`, past);
        boxes.push({ className: label, x1: xtl, y1: ytl, x2: xbr, y2: ybr });
      });
      for (const shape of OTHER_SHAPES) {
        const count = ((value as Record<string, unknown[] | undefined>)[shape] ?? []).length;
        if (count > 0) fail(where, `has ${count} ${shape} shape${count === 1 ? '' : 's'}; Concord imports boxes only`);
      }
      if (bad > 0 && boxes.length === 0)
        return result.problems.push({ where, message: `is left out: none of its ${bad} shape${bad === 1 ? '' : 's'} could be imported` });
      result.labels.push({ file: image.data.name, where, ...(annotator ? { annotator } : {}), content: { kind: 'boxes', boxes } });
    });
  }
  return result;
}

/** Why a box is not inside its image (a hair past an edge is rounding, and is let through to be put back on it). */
function edgeProblem(box: { xtl: number; ytl: number; xbr: number; ybr: number }, width: number, height: number): string | null {
  if (box.xtl <= -1 || box.ytl <= -1) return 'starts before the image’s top-left corner';
  if (box.xbr >= width + 1) return `xbr is past the image's right edge (${width})`;
  if (box.ybr >= height + 1) return `ybr is past the image's bottom edge (${height})`;
  return null;
}

function assigneeOf(meta: z.infer<typeof metaSchema>): string | undefined {
  const assignee = meta?.job?.assignee ?? meta?.task?.assignee;
  const name = typeof assignee === 'string' ? assignee : assignee?.username;
  return name?.trim() || undefined;
}

/** The file's `<annotations>`, or what is wrong with the file. */
function readFile(text: string): z.infer<typeof fileSchema>['annotations'] | string {
  const read = readXml(text, parser);
  if ('problem' in read) return read.problem;
  const file = fileSchema.safeParse(read.json);
  return file.success ? file.data.annotations : `is not a CVAT for images XML file: ${schemaReason(file.error)}`;
}
