import type { ValidatedArg } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/errors';
import { cvatXml } from '../../../shared/dataset/formats/cvat';
import type { InterchangeTask } from '../../../shared/dataset/formats/interchange-task';
import { labelStudioConfig, labelStudioTasks } from '../../../shared/dataset/formats/label-studio';
import { exportFileNames } from '../../../shared/dataset/file-names';
import { submittedForAgreement } from '../../db/queries/agreement-inputs';
import { listLabelers } from '../../db/queries/labelers';
import { getProject, listClasses } from '../../db/queries/project';
import { samplesForExport } from '../../db/queries/samples';
import { requireProject, type ServiceContext } from '../hosting/context';
import { writeFolderAtomically } from './write-folder-atomically';

export interface LabelerExportResult {
  dir: string;
  files: number;
  labelers: number;
  annotations: number;
}

/**
 * Every labeler's current answer on every sample (their latest submitted revision; drafts are
 * not answers), in another tool's format, so a team can move back with each person's work as
 * their own: Label Studio's `tasks.json` has one annotation per labeler on each task (its
 * `completed_by` names them) and `label-config.xml`; CVAT gets one job file per labeler
 * (`<labeler id>-<name>.xml`, the job assigned to them). Media are named by file name, not
 * copied. Written into a hidden folder renamed into place when complete, like dataset exports.
 */
export async function labelsExport(ctx: ServiceContext, arg: ValidatedArg<'labels.export'>): Promise<LabelerExportResult> {
  const project = requireProject(ctx);
  if (project.readOnly)
    throw new ApiError(
      'read_only',
      "A read-only view cannot export: exports are recorded in the project's audit log, which it cannot write; nothing was written.",
    );
  const { db } = project.connection;
  const samples = await samplesForExport(db);
  const names = exportFileNames(samples.map((s) => ({ id: s.id, name: s.display_name })));
  const labelerNames = new Map((await listLabelers(db)).map((l) => [l.id, l.name]));
  const classes = (await listClasses(db)).map((c) => ({ id: c.id, name: c.name }));

  // The latest submitted answer of each labeler on each sample, whatever guideline version it was under.
  const latest = new Map<string, Awaited<ReturnType<typeof submittedForAgreement>>[number]>();
  for (const answer of await submittedForAgreement(db)) {
    const key = `${answer.sampleId}:${answer.labelerId}`;
    const earlier = latest.get(key);
    if (!earlier || answer.submittedAt >= earlier.submittedAt) latest.set(key, answer);
  }
  const tasks = new Map<number, InterchangeTask>();
  for (const sample of samples) {
    const fileName = names.get(sample.id)!;
    tasks.set(sample.id, { sampleId: sample.id, media: fileName, fileName, width: sample.width, height: sample.height, split: null, answers: [] });
  }
  for (const answer of [...latest.values()].sort((x, y) => x.sampleId - y.sampleId || x.labelerId - y.labelerId))
    tasks
      .get(answer.sampleId)
      ?.answers.push({ labeler: { id: answer.labelerId, name: labelerNames.get(answer.labelerId) ?? `labeler ${answer.labelerId}` }, payload: answer.payload });
  const answered = [...tasks.values()].filter((task) => task.answers.length > 0);
  const labelerIds = [...new Set(answered.flatMap((task) => task.answers.map((a) => a.labeler!.id)))].sort((x, y) => x - y);
  if (answered.length === 0) throw new ApiError('failed_precondition', 'No labeler has submitted an answer yet; nothing was exported.');

  const projectName = (await getProject(db))!.name;
  const { dir, files } = await writeFolderAtomically(arg.outDir, { copyMedia: false, mediaPath: () => '' }, async (out) => {
    if (arg.format === 'label-studio') {
      await out.large('tasks.json', labelStudioTasks(answered, project.kind, classes));
      await out.small('label-config.xml', labelStudioConfig(project.kind, classes));
      return [];
    }
    if (project.kind !== 'bbox') throw new ApiError('invalid_argument', 'CVAT for images holds boxes; export transcripts as label-studio.');
    for (const labelerId of labelerIds) {
      const name = labelerNames.get(labelerId) ?? `labeler ${labelerId}`;
      // Each job lists the images its labeler answered, with only their answer.
      const own = answered.flatMap((task) => task.answers.filter((a) => a.labeler!.id === labelerId).map((a) => ({ ...task, answers: [a] })));
      await out.large(`${labelerId}-${safeFileName(name)}.xml`, cvatXml(own, classes, { name: `${projectName}: ${name}`, assignee: name }));
    }
    return [];
  });
  return { dir, files, labelers: labelerIds.length, annotations: answered.reduce((sum, task) => sum + task.answers.length, 0) };
}

/** A labeler's name as part of a file name: letters, digits, dot, dash and underscore. */
function safeFileName(name: string): string {
  return (
    name
      .replace(/[^A-Za-z0-9._-]+/g, '_')
      .replace(/^[._-]+/, '')
      .slice(0, 60) || 'labeler'
  );
}
