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
  const className = classNamer(classes);
  const labels = classes.map((c) => `        <label><name>${escapeXml(c.name)}</name><type>rectangle</type><attributes></attributes></label>`);
  const scope = owner.assignee === null ? 'task' : 'job';
  yield [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<annotations>',
    '  <version>1.1</version>',
    '  <meta>',
    `    <${scope}>`,
    `      <name>${escapeXml(owner.name)}</name>`,
    `      <size>${tasks.length}</size>`,
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
  for (const [index, task] of tasks.entries()) {
    const payload = task.answers[0]?.payload;
    const boxes = payload?.kind === 'bbox' ? payload.boxes : [];
    const subset = task.split !== null ? ` subset="${escapeXml(task.split)}"` : '';
    const lines = [`  <image id="${index}" name="${escapeXml(task.fileName)}"${subset} width="${task.width ?? 0}" height="${task.height ?? 0}">`];
    for (const box of boxes)
      lines.push(
        `    <box label="${escapeXml(className(box.classId))}" source="manual" occluded="0" xtl="${round(box.x1)}" ytl="${round(box.y1)}" xbr="${round(box.x2)}" ybr="${round(box.y2)}" z_order="0"></box>`,
      );
    lines.push('  </image>', '');
    yield lines.join('\n');
  }
  yield '</annotations>\n';
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
