import { cvatHead, CvatImageText, CVAT_TAIL } from '../../../shared/dataset/formats/cvat';
import { finalTask, type InterchangeTask } from '../../../shared/dataset/formats/interchange-task';
import { labelStudioConfig, LabelStudioTaskText, LABEL_STUDIO_HEAD, LABEL_STUDIO_TAIL } from '../../../shared/dataset/formats/label-studio';
import type { DatasetItem } from '../../../shared/domain/dataset';
import type { ExportLayout, LayoutJob } from './export-layouts';
import type { ExportWriter } from './export-writer';

/**
 * A dataset version for Label Studio: the media in `media/`, `tasks.json` (every split; each
 * task's `data.split` names its split) and `label-config.xml`, the labeling configuration that
 * shows them. Import the tasks into a project with that configuration, the media served beside.
 */
export function labelStudioLayout(job: LayoutJob): ExportLayout {
  const tasks = new LabelStudioTaskText(job.kind, job.classes);
  return taskTexts(
    'label-studio',
    'media',
    (task) => tasks.next(task),
    async (texts, out) => {
      await out.large('tasks.json', framed(LABEL_STUDIO_HEAD, texts, LABEL_STUDIO_TAIL));
      await out.small('label-config.xml', labelStudioConfig(job.kind, job.classes));
    },
  );
}

/** A dataset version as CVAT's own task export lays it out: `images/` and `annotations.xml`, whose head counts the images. */
export function cvatLayout(job: LayoutJob): ExportLayout {
  const images = new CvatImageText(job.classes);
  return taskTexts(
    'cvat',
    'images',
    (task) => images.next(task),
    async (texts, out) => {
      const head = cvatHead(texts.length, job.classes, { name: job.info.description, assignee: null });
      await out.large('annotations.xml', framed(head, texts, CVAT_TAIL));
    },
  );
}

/**
 * Another tool's layout: each item's media in `folder`, its task (`finalTask`) kept as its text
 * (`textOf`) until the last, then `write` makes the files from the texts.
 */
function taskTexts(
  format: 'label-studio' | 'cvat',
  folder: string,
  textOf: (task: InterchangeTask) => string,
  write: (texts: readonly string[], out: ExportWriter) => Promise<void>,
): ExportLayout {
  const texts: string[] = [];
  const media = (item: DatasetItem) => `${folder}/${item.fileName}`;
  return {
    async place(item, out) {
      await out.media(item, media(item));
      texts.push(textOf(finalTask(item, media, format)));
    },
    finish: (out) => write(texts, out),
  };
}

/** `head`, each of `texts`, then `tail`: a file's chunks without copying its rows into a new list. */
export function* framed(head: string, texts: readonly string[], tail: string): Generator<string> {
  yield head;
  yield* texts;
  yield tail;
}
