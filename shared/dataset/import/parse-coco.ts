import type { ParseResult, ParsedBox, ParsedLabel } from './parsed-label';

interface CocoJson {
  images?: { id?: unknown; file_name?: unknown }[];
  annotations?: { id?: unknown; image_id?: unknown; category_id?: unknown; bbox?: unknown }[];
  categories?: { id?: unknown; name?: unknown }[];
}

/**
 * A COCO detection file: every image becomes a label (one with no annotations says "no
 * objects"), annotations' `bbox` [x, y, width, height] become corners, categories are named.
 * Broken JSON, annotations of unknown images or categories and malformed boxes are reported
 * by their place in the file.
 */
export function parseCoco(text: string): ParseResult {
  let json: CocoJson;
  try {
    json = JSON.parse(text) as CocoJson;
  } catch (error) {
    return { labels: [], problems: [{ where: 'the file', message: `is not valid JSON: ${error instanceof Error ? error.message : String(error)}` }] };
  }
  const problems: ParseResult['problems'] = [];
  const categories = new Map<unknown, string>();
  (json.categories ?? []).forEach((category) => categories.set(category.id, String(category.name)));
  const images = new Map<unknown, ParsedLabel & { content: { kind: 'boxes'; boxes: ParsedBox[] } }>();
  const spoiled = new Set<unknown>();
  (json.images ?? []).forEach((image, index) => {
    if (typeof image.file_name !== 'string') {
      problems.push({ where: `image ${index + 1}`, message: 'has no file_name' });
      return;
    }
    images.set(image.id, { file: image.file_name, where: `image ${index + 1} (${image.file_name})`, content: { kind: 'boxes', boxes: [] } });
  });
  (json.annotations ?? []).forEach((annotation, index) => {
    const where = `annotation ${index + 1}${annotation.id !== undefined ? ` (id ${String(annotation.id)})` : ''}`;
    const image = images.get(annotation.image_id);
    if (!image) return problems.push({ where, message: `refers to image ${String(annotation.image_id)}, which the file does not list` });
    const className = categories.get(annotation.category_id);
    if (className === undefined) {
      spoiled.add(annotation.image_id);
      return problems.push({ where, message: `has category ${String(annotation.category_id)}, which the file does not list` });
    }
    const bbox = annotation.bbox;
    if (!Array.isArray(bbox) || bbox.length !== 4 || !bbox.every((v) => typeof v === 'number' && Number.isFinite(v)) || bbox[2] <= 0 || bbox[3] <= 0) {
      spoiled.add(annotation.image_id);
      return problems.push({ where, message: 'has no valid bbox [x, y, width, height]' });
    }
    const [x, y, w, h] = bbox as number[];
    image.content.boxes.push({ className, x1: x!, y1: y!, x2: x! + w!, y2: y! + h! });
  });
  // An image with a box that could not be read is not imported at all: without that box its
  // label would be wrong (or say "no objects").
  return { labels: [...images].filter(([id]) => !spoiled.has(id)).map(([, label]) => label), problems };
}
