import { z } from 'zod';
import { LabelFileError, parseJsonOrThrow, schemaReason, shortName } from './file-problems';
import type { ImportProblem, ParseResult, ParsedBox, ParsedLabel } from './parsed-label';

/** The file's outline; each record is checked on its own so one bad record costs only itself. */
const cocoFileSchema = z.object({
  images: z.array(z.unknown()),
  annotations: z.array(z.unknown()).default([]),
  categories: z.array(z.unknown()).default([]),
});

const cocoId = z.union([z.number(), z.string()]);
const imageSchema = z.object({ id: cocoId, file_name: z.string().min(1) });
const categorySchema = z.object({ id: cocoId, name: z.string().min(1) });
const annotationSchema = z.object({
  id: cocoId.optional(),
  image_id: cocoId,
  category_id: cocoId,
  bbox: z
    .tuple([z.number().finite(), z.number().finite(), z.number().finite(), z.number().finite()])
    .refine(([, , width, height]) => width > 0 && height > 0, 'width and height must be above 0'),
});

type BoxesLabel = ParsedLabel & { content: { kind: 'boxes'; boxes: ParsedBox[] } };

/**
 * A COCO detection file: every image becomes a label (one with no annotations says "no
 * objects"), annotations' `bbox` [x, y, width, height] become corners, categories are named.
 * A file that is not COCO at all throws a {@link LabelFileError}; a bad image, category or
 * annotation is reported by its place in the file and the rest imports. An image keeps its
 * good boxes when some are bad; one whose every box is bad is left out rather than imported
 * as "no objects".
 * @example parseCoco('{"images":[{"id":1,"file_name":"a.jpg"}]}').labels[0]!.file // 'a.jpg'
 */
export function parseCoco(text: string): ParseResult {
  const outline = cocoFileSchema.safeParse(parseJsonOrThrow(text));
  if (!outline.success) throw new LabelFileError(`is not a COCO detection file: ${schemaReason(outline.error)}`);
  const { images, annotations, categories } = outline.data;
  const problems: ImportProblem[] = [];

  const classNames = new Map<string | number, string>();
  categories.forEach((value, index) => {
    const category = categorySchema.safeParse(value);
    if (!category.success) return problems.push({ where: `category ${index + 1}`, message: schemaReason(category.error) });
    classNames.set(category.data.id, category.data.name);
  });

  const labels = new Map<string | number, BoxesLabel>();
  images.forEach((value, index) => {
    const image = imageSchema.safeParse(value);
    if (!image.success) return problems.push({ where: `image ${index + 1}`, message: schemaReason(image.error) });
    const where = `image ${index + 1} (${shortName(image.data.file_name)})`;
    labels.set(image.data.id, { file: image.data.file_name, where, content: { kind: 'boxes', boxes: [] } });
  });

  const badBoxes = new Map<string | number, number>();
  let strayBoxes = 0;
  annotations.forEach((value, index) => {
    const annotation = annotationSchema.safeParse(value);
    const id = (value as { id?: unknown } | null)?.id;
    const where = `annotation ${index + 1}${typeof id === 'number' ? ` (id ${id})` : ''}`;
    if (!annotation.success) {
      const imageId = (value as { image_id?: unknown } | null)?.image_id;
      if (typeof imageId === 'number' || typeof imageId === 'string') badBoxes.set(imageId, (badBoxes.get(imageId) ?? 0) + 1);
      else strayBoxes++;
      return problems.push({ where, message: schemaReason(annotation.error) });
    }
    const { image_id: imageId, category_id: categoryId, bbox } = annotation.data;
    const label = labels.get(imageId);
    if (!label) return problems.push({ where, message: `refers to image ${describeId(imageId)}, which the file does not list` });
    const className = classNames.get(categoryId);
    if (className === undefined) {
      badBoxes.set(imageId, (badBoxes.get(imageId) ?? 0) + 1);
      return problems.push({ where, message: `has category ${describeId(categoryId)}, which the file does not list` });
    }
    const [x, y, width, height] = bbox;
    label.content.boxes.push({ className, x1: x, y1: y, x2: x + width, y2: y + height });
  });

  const kept: ParsedLabel[] = [];
  for (const [id, label] of labels) {
    const bad = badBoxes.get(id) ?? 0;
    // Without any of its boxes the label would claim the image holds no objects.
    if (bad > 0 && label.content.boxes.length === 0) {
      problems.push({ where: label.where, message: `is left out: none of its ${bad} box${bad === 1 ? '' : 'es'} could be read` });
      continue;
    }
    // An unreadable annotation that names no image may have been this image's only box.
    if (strayBoxes > 0 && label.content.boxes.length === 0) {
      problems.push({
        where: label.where,
        message: `is left out: it has no boxes, but ${strayBoxes} unreadable annotation${strayBoxes === 1 ? '' : 's'} may belong to it`,
      });
      continue;
    }
    kept.push(label);
  }
  return { labels: kept, problems };
}

/** An id as a message shows it: numbers as they are, text quoted and cut short. */
function describeId(id: string | number): string {
  return typeof id === 'number' ? String(id) : `"${shortName(id, 40)}"`;
}
