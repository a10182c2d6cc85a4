import { round, type ExportClass } from './coco';
import { classNamer, type InterchangeTask } from './interchange-task';

/**
 * A "CVAT for images 1.1" XML file, as chunks to stream: `<meta>` lists the classes as
 * rectangle labels, and each task's image is an `<image id name width height>` with a `<box
 * label xtl ytl xbr ybr>` per box (pixels from the top-left corner, to 1/1000). A labeler's
 * file is one job assigned to them (`<meta><job><assignee><username>`), as CVAT writes a job's
 * export; a dataset version's is a task whose images carry their `subset` (split). An image
 * without boxes is one labeled "no objects". Only the first answer of each task is written:
 * a CVAT file holds one person's work.
 */
export function* cvatXml(
  tasks: readonly InterchangeTask[],
  classes: readonly ExportClass[],
  owner: { name: string; assignee: string | null },
): Generator<string> {
  yield cvatHead(tasks.length, classes, owner);
  const images = new CvatImageText(classes);
  for (const task of tasks) yield images.next(task);
  yield CVAT_TAIL;
}

/** What {@link cvatXml} writes before the images, which need their number (`size`) first. */
export function cvatHead(size: number, classes: readonly ExportClass[], owner: { name: string; assignee: string | null }): string {
  const labels = classes.map((c) => `        <label><name>${escapeXml(c.name)}</name><type>rectangle</type><attributes></attributes></label>`);
  const scope = owner.assignee === null ? 'task' : 'job';
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<annotations>',
    '  <version>1.1</version>',
    '  <meta>',
    `    <${scope}>`,
    `      <name>${escapeXml(owner.name)}</name>`,
    `      <size>${size}</size>`,
    '      <mode>annotation</mode>',
    '      <overlap>0</overlap>',
    ...(owner.assignee !== null ? [`      <assignee><username>${escapeXml(owner.assignee)}</username></assignee>`] : []),
    '      <labels>',
    ...labels,
    '      </labels>',
    `    </${scope}>`,
    '  </meta>',
    '',
  ].join('\n');
}

/** What {@link cvatXml} writes after the images. */
export const CVAT_TAIL = '</annotations>\n';

/** The images of {@link cvatXml} one at a time (numbered from 0 in turn), for an export that writes each item as it is read. */
export class CvatImageText {
  private readonly className: (classId: number) => string;
  private images = 0;

  constructor(classes: readonly ExportClass[]) {
    this.className = classNamer(classes);
  }

  next(task: InterchangeTask): string {
    const payload = task.answers[0]?.payload;
    const boxes = payload?.kind === 'bbox' ? payload.boxes : [];
    const subset = task.split !== null ? ` subset="${escapeXml(task.split)}"` : '';
    const lines = [`  <image id="${this.images++}" name="${escapeXml(task.fileName)}"${subset} width="${task.width ?? 0}" height="${task.height ?? 0}">`];
    for (const box of boxes)
      lines.push(
        `    <box label="${escapeXml(this.className(box.classId))}" source="manual" occluded="0" xtl="${round(box.x1)}" ytl="${round(box.y1)}" xbr="${round(box.x2)}" ybr="${round(box.y2)}" z_order="0"></box>`,
      );
    lines.push('  </image>', '');
    return lines.join('\n');
  }
}

/** Text for an XML attribute or element: markup characters escaped, control characters XML 1.0 forbids dropped. */
function escapeXml(text: string): string {
  return [...text]
    .filter((char) => char >= ' ' || char === '\t' || char === '\n' || char === '\r')
    .join('')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
