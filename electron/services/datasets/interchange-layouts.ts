import { cvatHead, CvatImageText, CVAT_TAIL } from '../../../shared/dataset/formats/cvat';
import { finalTask } from '../../../shared/dataset/formats/interchange-task';
import { labelStudioConfig, LabelStudioTaskText, LABEL_STUDIO_HEAD, LABEL_STUDIO_TAIL } from '../../../shared/dataset/formats/label-studio';
import type { DatasetItem } from '../../../shared/domain/dataset';
import type { ExportLayout, LayoutJob } from './export-layouts';

/**
 * A dataset version for Label Studio: the media in `media/`, `tasks.json` (every split; each
 * task's `data.split` names its split) and `label-config.xml`, the labeling configuration that
 * shows them. Import the tasks into a project with that configuration, the media served beside.
 * Each item's task is kept as its text until the last.
 */
export function labelStudioLayout(job: LayoutJob): ExportLayout {
  const tasks = new LabelStudioTaskText(job.kind, job.classes);
  const texts: string[] = [];
  const media = (item: DatasetItem) => `media/${item.fileName}`;
  return {
    async place(item, out) {
      await out.media(item, media(item));
      texts.push(tasks.next(finalTask(item, media, 'label-studio')));
    },
    async finish(out) {
      await out.large('tasks.json', framed(LABEL_STUDIO_HEAD, texts, LABEL_STUDIO_TAIL));
      await out.small('label-config.xml', labelStudioConfig(job.kind, job.classes));
    },
  };
}

/**
 * A dataset version as CVAT's own task export lays it out: `images/` and `annotations.xml`, whose
 * head counts the images: each item's image element is kept as its text until the last.
 */
export function cvatLayout(job: LayoutJob): ExportLayout {
  const images = new CvatImageText(job.classes);
  const texts: string[] = [];
  const media = (item: DatasetItem) => `images/${item.fileName}`;
  return {
    async place(item, out) {
      await out.media(item, media(item));
      texts.push(images.next(finalTask(item, media, 'cvat')));
    },
    async finish(out) {
      const head = cvatHead(texts.length, job.classes, { name: job.info.description, assignee: null });
      await out.large('annotations.xml', framed(head, texts, CVAT_TAIL));
    },
  };
}

/** `head`, each of `texts`, then `tail`: a file's chunks without copying its rows into a new list. */
export function* framed(head: string, texts: readonly string[], tail: string): Generator<string> {
  yield head;
  yield* texts;
  yield tail;
}
