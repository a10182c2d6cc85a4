import { readFile, rm } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { z } from 'zod';
import { annotationPayloadSchema } from '../../shared/annotation/payload';
import { ApiError } from '../../shared/api/errors';
import { labelerRoleSchema } from '../../shared/domain/labeler';
import { classInputSchema, projectKindSchema, tagInputSchema, type ProjectKind, type ProjectSummary } from '../../shared/domain/project';
import { saveAnnotation } from '../db/queries/annotations';
import { findLabelerByName, insertLabeler } from '../db/queries/labelers';
import { currentGuidelineVersion, listClasses, markDemo } from '../db/queries/project';
import { sampleIdsByName } from '../db/queries/samples';
import { inTransaction } from '../db/transaction';
import { requireProject, type ServiceContext } from './hosting/context';
import { projectExists } from './project-folder';
import { closeProject, createProject, openProject, teamDatabaseOf } from './projects';

const demoSchema = z.object({
  name: z.string(),
  kind: projectKindSchema,
  classes: z.array(classInputSchema),
  tags: z.array(tagInputSchema),
  /** The first guideline version's Markdown (else the blank one every project starts with). */
  guideline: z.string().min(1).optional(),
  labelers: z.array(z.object({ name: z.string(), role: labelerRoleSchema })),
  samples: z.array(
    z.object({
      file: z.string(),
      tags: z.array(z.string()).default([]),
      metadata: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).default({}),
    }),
  ),
  annotations: z.array(z.object({ file: z.string(), labeler: z.string(), status: z.enum(['draft', 'submitted']), payload: z.record(z.string(), z.unknown()) })),
});
type Demo = z.infer<typeof demoSchema>;

/** Opens the demo project of a kind, building it from `resources/demo` the first time. */
export async function openDemo(ctx: ServiceContext, arg: { kind: ProjectKind }): Promise<ProjectSummary> {
  const dir = resolve(ctx.options.dataDir, 'demo', arg.kind);
  if (!(await projectExists(dir, teamDatabaseOf(ctx)))) {
    try {
      await seedDemo(ctx, arg.kind, dir);
    } catch (error) {
      // A half-built demo would be reopened as if complete next time: start clean instead.
      await closeProject(ctx);
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
  }
  return openProject(ctx, { dir });
}

async function seedDemo(ctx: ServiceContext, kind: ProjectKind, dir: string): Promise<void> {
  const demoDir = resolve(ctx.options.resourcesDir, 'demo', kind);
  const demo = demoSchema.parse(JSON.parse(await readFile(join(demoDir, 'demo.json'), 'utf8')));
  await createProject(ctx, { dir, name: demo.name, kind, classes: demo.classes, tags: demo.tags }, demo.guideline);
  const project = requireProject(ctx);
  await markDemo(project.connection.db);
  project.demo = true;
  const candidates = demo.samples.map((s) => ({ path: resolve(demoDir, s.file), displayName: basename(s.file), tags: s.tags, metadata: s.metadata }));
  // The demo's media is copied in, so the demo keeps working from an installed app's read-only resources.
  const started = await ctx.imports.start(project, demoDir, true, { candidates, problems: [] });
  const report = await ctx.imports.wait(project, started.jobId);
  if (report.state !== 'done' || report.failed > 0) {
    throw new ApiError('internal', `The demo project could not be built: ${report.error ?? report.problems.map((p) => `${p.path}: ${p.reason}`).join('; ')}`);
  }
  await seedAnnotations(ctx, demo);
}

async function seedAnnotations(ctx: ServiceContext, demo: Demo): Promise<void> {
  const { db } = requireProject(ctx).connection;
  await inTransaction(db, async (trx) => {
    const now = Date.now();
    for (const labeler of demo.labelers) {
      if (!(await findLabelerByName(trx, labeler.name))) await insertLabeler(trx, { ...labeler, createdAt: now });
    }
    const classIds = new Map((await listClasses(trx)).map((c) => [c.name, c.id]));
    const sampleIds = await sampleIdsByName(trx);
    const guideline = await currentGuidelineVersion(trx);
    for (const [index, annotation] of demo.annotations.entries()) {
      const labeler = await findLabelerByName(trx, annotation.labeler);
      const sampleId = sampleIds.get(basename(annotation.file));
      if (!labeler || sampleId === undefined) throw new Error(`demo annotation ${index}: unknown labeler or file`);
      const boxes = Array.isArray(annotation.payload['boxes'])
        ? (annotation.payload['boxes'] as Array<Record<string, unknown>>).map(({ class: className, ...box }) => ({
            ...box,
            classId: classIds.get(String(className)),
          }))
        : undefined;
      const payload = annotationPayloadSchema.parse(boxes ? { ...annotation.payload, boxes } : annotation.payload);
      // Spread the demo's timestamps out a little so "over time" views have something to show.
      await saveAnnotation(trx, { sampleId, labelerId: labeler.id, guidelineVersionId: guideline.id, payload, status: annotation.status, at: now + index });
    }
  });
}
