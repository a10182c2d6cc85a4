import type { AnnotationPayload } from '../../annotation/payload';
import { round, type ExportClass } from './coco';
import { classNamer, type InterchangeTask } from './interchange-task';

/**
 * A Label Studio JSON export (an array of tasks), as chunks to stream. Each task's `data` names
 * its media (`image` or `audio`, a path relative to the file) and, for a dataset version, its
 * `split`; each answer is an annotation. A labeler's answer has `completed_by` with the
 * labeler's Concord id and name (`first_name`), so importing the file gives each labeler their
 * own work back; a dataset version's final label is marked `ground_truth` and names no one.
 * Boxes are `rectanglelabels` regions in percent of the image (`original_width` and
 * `original_height` say its size); transcripts are `textarea` regions, per segment with `start`
 * and `end` in seconds beside a `labels` region of the same id, or one for the whole clip.
 * "No objects" and "no speech" are annotations without regions.
 */
export function* labelStudioTasks(tasks: readonly InterchangeTask[], kind: 'bbox' | 'transcript', classes: readonly ExportClass[]): Generator<string> {
  const text = new LabelStudioTaskText(kind, classes);
  yield LABEL_STUDIO_HEAD;
  for (const task of tasks) yield text.next(task);
  yield LABEL_STUDIO_TAIL;
}

/** What {@link labelStudioTasks} writes before the first task and after the last. */
export const LABEL_STUDIO_HEAD = '[';
export const LABEL_STUDIO_TAIL = '\n]\n';

/**
 * The tasks of {@link labelStudioTasks} one at a time, for an export that writes each item as it
 * is read: each task's text (with the comma before it but the first's), its annotations numbered
 * on from the tasks before it.
 */
export class LabelStudioTaskText {
  private readonly className: (classId: number) => string;
  private tasks = 0;
  private annotationId = 1;

  constructor(
    private readonly kind: 'bbox' | 'transcript',
    classes: readonly ExportClass[],
  ) {
    this.className = classNamer(classes);
  }

  next(task: InterchangeTask): string {
    const annotations = task.answers.map((answer) => ({
      id: this.annotationId++,
      ...(answer.labeler ? { completed_by: { id: answer.labeler.id, email: '', first_name: answer.labeler.name, last_name: '' } } : {}),
      ground_truth: answer.labeler === null,
      was_cancelled: false,
      result: regions(answer.payload, task, this.className),
    }));
    const data = {
      [this.kind === 'bbox' ? 'image' : 'audio']: task.media,
      ...(task.split !== null ? { split: task.split } : {}),
      concord_sample_id: task.sampleId,
    };
    return `${this.tasks++ === 0 ? '' : ','}\n${JSON.stringify({ id: task.sampleId, data, annotations, predictions: [] })}`;
  }
}

/**
 * A labeling configuration that shows these tasks in Label Studio: rectangles with the
 * project's classes, or per-segment transcription of audio.
 * @example labelStudioConfig('bbox', [{ id: 1, name: 'cat' }]) // '<View>\n  <Image name="image" value="$image"/>…'
 */
export function labelStudioConfig(kind: 'bbox' | 'transcript', classes: readonly ExportClass[]): string {
  const lines =
    kind === 'bbox'
      ? [
          '<View>',
          '  <Image name="image" value="$image"/>',
          '  <RectangleLabels name="label" toName="image">',
          ...classes.map((c) => `    <Label value="${escapeAttribute(c.name)}"/>`),
          '  </RectangleLabels>',
          '</View>',
        ]
      : [
          '<View>',
          '  <Audio name="audio" value="$audio"/>',
          '  <Labels name="labels" toName="audio"><Label value="Speech"/></Labels>',
          '  <TextArea name="transcription" toName="audio" perRegion="true" editable="true"/>',
          '</View>',
        ];
  return `${lines.join('\n')}\n`;
}

function regions(payload: AnnotationPayload, task: InterchangeTask, className: (classId: number) => string): unknown[] {
  if (payload.kind === 'bbox') {
    const width = task.width ?? 1;
    const height = task.height ?? 1;
    return payload.boxes.map((box) => ({
      id: box.id,
      type: 'rectanglelabels',
      from_name: 'label',
      to_name: 'image',
      original_width: task.width,
      original_height: task.height,
      image_rotation: 0,
      value: {
        x: percent(box.x1, width),
        y: percent(box.y1, height),
        width: percent(box.x2 - box.x1, width),
        height: percent(box.y2 - box.y1, height),
        rotation: 0,
        rectanglelabels: [className(box.classId)],
      },
    }));
  }
  if (payload.noSpeech) return [];
  if (payload.mode === 'clip')
    return [{ id: 'clip', type: 'textarea', from_name: 'transcription', to_name: 'audio', value: { text: [payload.segments.map((s) => s.text).join(' ')] } }];
  return payload.segments.flatMap((segment) => {
    const span = { start: segment.startMs / 1000, end: segment.endMs / 1000 };
    return [
      { id: segment.id, type: 'labels', from_name: 'labels', to_name: 'audio', value: { ...span, labels: ['Speech'] } },
      { id: segment.id, type: 'textarea', from_name: 'transcription', to_name: 'audio', value: { ...span, text: [segment.text] } },
    ];
  });
}

/** A share of the image in percent, to 1/1000 of a pixel once read back. */
function percent(pixels: number, size: number): number {
  return (round(pixels) / size) * 100;
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
