import { cvatXml } from '../../../shared/dataset/formats/cvat';
import { finalTasks } from '../../../shared/dataset/formats/interchange-task';
import { labelStudioConfig, labelStudioTasks } from '../../../shared/dataset/formats/label-studio';
import type { DatasetItem } from '../../../shared/domain/dataset';
import type { ExportWriter } from './export-writer';
import type { LayoutJob } from './export-layouts';

/**
 * A dataset version for Label Studio: the media in `media/` (placed as each item is read), `tasks.json`
 * (every split; each task's `data.split` names its split) and `label-config.xml`, the labeling
 * configuration that shows them. Import the tasks into a project with that configuration, the
 * media served beside.
 */
export async function writeLabelStudio(job: LayoutJob, items: readonly DatasetItem[], out: ExportWriter): Promise<void> {
  await out.large(
    'tasks.json',
    labelStudioTasks(
      finalTasks(items, (item) => `media/${item.fileName}`, 'label-studio'),
      job.kind,
      job.classes,
    ),
  );
  await out.small('label-config.xml', labelStudioConfig(job.kind, job.classes));
}

/** A dataset version as CVAT's own task export lays it out: `images/` (placed as each item is read) and `annotations.xml`. */
export async function writeCvat(job: LayoutJob, items: readonly DatasetItem[], out: ExportWriter): Promise<void> {
  await out.large(
    'annotations.xml',
    cvatXml(
      finalTasks(items, (item) => `images/${item.fileName}`, 'cvat'),
      job.classes,
      { name: job.info.description, assignee: null },
    ),
  );
}
