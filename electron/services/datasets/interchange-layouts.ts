import { cvatXml } from '../../../shared/dataset/formats/cvat';
import { finalTasks } from '../../../shared/dataset/formats/interchange-task';
import { labelStudioConfig, labelStudioTasks } from '../../../shared/dataset/formats/label-studio';
import type { ExportWriter } from './export-writer';
import type { LayoutJob } from './export-layouts';

/**
 * A dataset version for Label Studio: the media in `media/` (placed by `itemFiles`), `tasks.json`
 * (every split; each task's `data.split` names its split) and `label-config.xml`, the labeling
 * configuration that shows them. Import the tasks into a project with that configuration, the
 * media served beside.
 */
export async function writeLabelStudio(job: LayoutJob, out: ExportWriter): Promise<void> {
  await out.large(
    'tasks.json',
    labelStudioTasks(
      finalTasks(job.items, (item) => `media/${item.fileName}`, 'label-studio'),
      job.kind,
      job.classes,
    ),
  );
  await out.small('label-config.xml', labelStudioConfig(job.kind, job.classes));
}

/** A dataset version as CVAT's own task export lays it out: `images/` (placed by `itemFiles`) and `annotations.xml`. */
export async function writeCvat(job: LayoutJob, out: ExportWriter): Promise<void> {
  await out.large(
    'annotations.xml',
    cvatXml(
      finalTasks(job.items, (item) => `images/${item.fileName}`, 'cvat'),
      job.classes,
      { name: job.info.description, assignee: null },
    ),
  );
}
