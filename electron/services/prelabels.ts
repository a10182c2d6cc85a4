import type { Kysely } from 'kysely';
import { payloadProblems } from '../../shared/annotation/check-payload';
import type { AnnotationPayload } from '../../shared/annotation/payload';
import type { ValidatedArg } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import type { PredictedBox } from '../../shared/analysis/score-predictions';
import type { ImportProblem } from '../../shared/dataset/import/parsed-label';
import type {
  AnchoringReport,
  PrelabelArm,
  PrelabelImportResult,
  PrelabelOffer,
  PrelabelOverride,
  PrelabelPlan,
  PrelabelSampleView,
  PrelabelSummary,
} from '../../shared/domain/prelabel';
import { getPlanSettings } from '../db/queries/assignments';
import { getLabeler } from '../db/queries/labelers';
import { getSample } from '../db/queries/samples';
import { anchoringArm, type ArmedAnswer } from '../../shared/prelabel/anchoring';
import { isBlindAssignment } from '../../shared/prelabel/blind-split';
import { predictionPayload } from '../../shared/prelabel/prediction-payload';
import { submittedForAgreement } from '../db/queries/agreement-inputs';
import {
  annotationArms,
  getPrelabelPlan,
  predictionFor,
  predictionsOfAnnotations,
  predictionSources,
  predictionTargets,
  prelabelOverride,
  type PredictionTargetRow,
  replacePredictions,
  sampleAssignees,
  savePrelabelOverride,
  savePrelabelPlan,
  type PrelabelPlanRow,
} from '../db/queries/predictions';
import { listClasses, listTags } from '../db/queries/project';
import type { Database } from '../db/schema';
import { requireMayRead, requireProject, type ServiceContext } from './hosting/context';
import { readPredictionFile } from './predictions';

/**
 * Stores a model's predictions under a source name, as labels a labeler could start from: boxes
 * at or above `minScore` cut at the image's edges, or text over the whole clip. A prediction
 * that still does not fit its sample (a class the project lacks) is reported by sample and left
 * out; importing under the same name again replaces the whole source at once.
 */
export async function prelabelsImport(ctx: ServiceContext, arg: ValidatedArg<'prelabels.import'>): Promise<PrelabelImportResult> {
  const project = requireProject(ctx);
  const { db } = project.connection;
  const targets = await predictionTargets(db);
  const classes = await listClasses(db);
  const problems: ImportProblem[] = [];
  // The contract lets exactly one of the two through.
  const file = arg.file ?? { path: arg.path! };
  const predictions = await readPredictionFile(arg.format, file, project.kind, targets, classes, problems);
  const stored = await storablePredictions(db, project.kind, targets, predictions, arg.minScore, problems);
  await replacePredictions(db, arg.source, stored, ctx.now());
  const boxes = project.kind === 'bbox' ? stored.reduce((sum, { payload }) => sum + (payload.kind === 'bbox' ? payload.boxes.length : 0), 0) : null;
  return { source: arg.source, imported: stored.length, boxes, problems };
}

/**
 * Each prediction as the label it offers, checked against its sample as a save is; one that does
 * not fit (a class the project lacks, a box outside the image) is added to `problems` by sample.
 */
export async function storablePredictions(
  db: Kysely<Database>,
  kind: 'bbox' | 'transcript',
  targets: readonly PredictionTargetRow[],
  predictions: ReadonlyMap<number, PredictedBox[] | string>,
  minScore: number,
  problems: ImportProblem[],
): Promise<{ sampleId: number; payload: AnnotationPayload }[]> {
  const byId = new Map(targets.map((t) => [t.sampleId, t]));
  const context = { kind, classIds: new Set((await listClasses(db)).map((c) => c.id)), tagNames: new Set((await listTags(db)).map((t) => t.name)) };
  const stored: { sampleId: number; payload: AnnotationPayload }[] = [];
  for (const [sampleId, prediction] of predictions) {
    const target = byId.get(sampleId)!;
    const image = target.width !== null && target.height !== null ? { width: target.width, height: target.height } : null;
    const payload = predictionPayload(prediction, { kind, image, durationMs: target.durationMs }, minScore);
    const issues = payloadProblems(payload, { ...context, image, durationMs: target.durationMs });
    if (issues.length > 0) {
      problems.push({
        where: `sample ${sampleId} (${target.fileName})`,
        message: issues.map((i) => `${i.path.replace(/^payload\./, '')} ${i.message}`).join('; '),
      });
      continue;
    }
    stored.push({ sampleId, payload });
  }
  return stored;
}

export async function prelabelsSummary(ctx: ServiceContext): Promise<PrelabelSummary> {
  const { db } = requireProject(ctx).connection;
  return summaryOf(db);
}

/** Offers a source's predictions to labelers (or, with source null, stops), keeping `blindShare` of assignments blind. */
export async function prelabelsConfigure(ctx: ServiceContext, arg: ValidatedArg<'prelabels.configure'>): Promise<PrelabelSummary> {
  const { db } = requireProject(ctx).connection;
  if (arg.source !== null && !(await predictionSources(db)).some((s) => s.source === arg.source))
    throw new ApiError('not_found', `There are no predictions named "${arg.source}": import them first.`, [{ path: 'source', message: 'unknown source' }]);
  await savePrelabelPlan(db, arg.source === null ? null : { source: arg.source, blindShare: arg.blindShare, seed: arg.seed, setAt: ctx.now() });
  return summaryOf(db);
}

/** What a labeler starts from on a sample: the model's label, or nothing (blind, off, or no prediction). */
export async function prelabelsOffer(ctx: ServiceContext, arg: ValidatedArg<'prelabels.offer'>): Promise<PrelabelOffer> {
  const project = requireProject(ctx);
  requireMayRead(ctx, arg.labelerId);
  const offer = await offerFor(project.connection.db, arg.sampleId, arg.labelerId);
  if (!offer) return { arm: null, source: null, payload: null, confidence: null };
  const shown = offer.arm === 'prelabeled';
  return { arm: offer.arm, source: offer.source, payload: shown ? offer.payload : null, confidence: shown ? offer.confidence : null };
}

/** Offers pre-labels on one assignment, or keeps it blind, whatever the plan's split says; `plan` gives it back to the split. */
export async function prelabelsOverride(ctx: ServiceContext, arg: ValidatedArg<'prelabels.override'>): Promise<PrelabelOverride> {
  const { db } = requireProject(ctx).connection;
  if (!(await getSample(db, arg.sampleId)))
    throw new ApiError('not_found', `There is no sample ${arg.sampleId}.`, [{ path: 'sampleId', message: 'unknown sample' }]);
  if (!(await getLabeler(db, arg.labelerId)))
    throw new ApiError('not_found', `There is no labeler ${arg.labelerId}.`, [{ path: 'labelerId', message: 'unknown labeler' }]);
  await savePrelabelOverride(db, arg.sampleId, arg.labelerId, arg.choice === 'plan' ? null : arg.choice === 'offer', ctx.now());
  return { sampleId: arg.sampleId, labelerId: arg.labelerId, choice: arg.choice };
}

/**
 * A sample's assignments and what each labeler starts from there (the plan's split, or an SME's
 * choice over it), with the arm recorded by each labeler's first save, which no later choice changes.
 */
export async function prelabelsSample(ctx: ServiceContext, arg: ValidatedArg<'prelabels.sample'>): Promise<PrelabelSampleView> {
  const { db } = requireProject(ctx).connection;
  const sample = await getSample(db, arg.sampleId);
  if (!sample) throw new ApiError('not_found', `There is no sample ${arg.sampleId}.`, [{ path: 'sampleId', message: 'unknown sample' }]);
  const plan = await getPrelabelPlan(db);
  const prediction = plan && (await predictionFor(db, plan.source, arg.sampleId));
  // Before an assignment plan exists every labeler gets every sample (`chooseQueueSamples`).
  const everyLabeler = (await getPlanSettings(db)) === null;
  const assignments = (await sampleAssignees(db, arg.sampleId, everyLabeler)).map((row) => ({
    labelerId: row.labelerId,
    name: row.name,
    arm: plan && prediction ? armOf(plan, arg.sampleId, row.labelerId, row.offer) : null,
    choice: row.offer === null ? ('plan' as const) : row.offer ? ('offer' as const) : ('blind' as const),
    recorded: row.recordedArm,
  }));
  return { sampleId: arg.sampleId, fileName: sample.display_name, source: plan?.source ?? null, predicted: prediction !== null, assignments };
}

/**
 * The arm an assignment is in now and the prediction behind it, or null when pre-labels are off
 * or the model said nothing about the sample. The annotation service records it with the first save.
 */
export async function offerFor(
  db: Kysely<Database>,
  sampleId: number,
  labelerId: number,
): Promise<{ arm: PrelabelArm; source: string; predictionId: number; payload: AnnotationPayload; confidence: number | null } | null> {
  const plan = await getPrelabelPlan(db);
  if (!plan) return null;
  const prediction = await predictionFor(db, plan.source, sampleId);
  if (!prediction) return null;
  const arm = armOf(plan, sampleId, labelerId, await prelabelOverride(db, sampleId, labelerId));
  return { arm, source: plan.source, predictionId: prediction.id, payload: prediction.payload, confidence: prediction.confidence };
}

/** An SME's choice for the assignment (`offer` true, blind false) stands over the plan's split (null: no choice). */
function armOf(plan: PrelabelPlanRow, sampleId: number, labelerId: number, offer: boolean | null): PrelabelArm {
  const blind = offer === null ? isBlindAssignment(plan.seed, sampleId, labelerId, plan.blindShare) : !offer;
  return blind ? 'blind' : 'prelabeled';
}

/** Agreement between labelers and with the model, pre-labeled against blind answers (see `anchoringArm`). */
export async function agreementAnchoring(ctx: ServiceContext, arg: ValidatedArg<'agreement.anchoring'>): Promise<AnchoringReport> {
  const project = requireProject(ctx);
  const { db } = project.connection;
  const arms = await annotationArms(db);
  const models = await predictionsOfAnnotations(db);
  const answers: ArmedAnswer[] = [];
  // Only samples answered with a prediction offered or held back are read, not the whole project.
  const armed = [...new Set([...arms.values()].map((recorded) => recorded.sampleId))].sort((a, b) => a - b);
  for (const answer of await submittedForAgreement(db, armed)) {
    const recorded = arms.get(`${answer.sampleId}:${answer.labelerId}`);
    const model = recorded && models.get(recorded.predictionId);
    if (recorded && model) answers.push({ ...answer, arm: recorded.arm, model });
  }
  const options = { iouThreshold: arg.iouThreshold, normalize: arg.normalize };
  return {
    plan: planView(await getPrelabelPlan(db)),
    prelabeled: anchoringArm(answers, 'prelabeled', project.kind, options),
    blind: anchoringArm(answers, 'blind', project.kind, options),
  };
}

async function summaryOf(db: Kysely<Database>): Promise<PrelabelSummary> {
  const sources = (await predictionSources(db)).map((s) => ({ source: s.source, samples: s.samples, importedAt: new Date(s.importedAt).toISOString() }));
  return { sources, plan: planView(await getPrelabelPlan(db)) };
}

function planView(plan: PrelabelPlanRow | null): PrelabelPlan | null {
  return plan && { source: plan.source, blindShare: plan.blindShare, seed: plan.seed, setAt: new Date(plan.setAt).toISOString() };
}
