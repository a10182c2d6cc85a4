import { z } from 'zod';
import { classInputSchema, projectKindSchema, tagInputSchema, type BackupSummary, type ProjectSummary, type RecentProject } from '../domain/project';
import { labelerInputSchema, labelerRoleSchema, passwordSchema, type Labeler } from '../domain/labeler';
import type { SessionView, SignedIn, SignInOptions } from '../domain/session';
import type { AuditPage } from '../domain/audit';
import { taxonomyChangeSchema, type TaxonomyChange } from '../domain/taxonomy';
import { sampleFilterSchema, sampleSelectionSchema, sampleSortSchema, type BulkResult, type SamplePage } from '../domain/sample';
import { absolutePath } from './absolute-path';
import { importStartSchema, type ImportProgress, type ImportReport } from './imports';
import { annotationPayloadSchema } from '../annotation/payload';
import type { AnnotationView, Queue } from '../domain/annotation';
import { WINDOW_AFTER, WINDOW_BEFORE, type QueueWindow } from '../domain/queue-window';
import type { GuidelineDraft, GuidelineNotice, GuidelineVersionSummary, PublishedGuideline } from '../domain/guideline';
import type { DiffPart } from '../guideline/word-diff';
import type { DatasetDownload } from '../domain/dataset';
import { EXPORT_FORMATS, LABEL_IMPORT_FORMATS, LABELER_EXPORT_FORMATS, type DatasetDiff, type DatasetPreview, type DatasetSummary } from '../domain/dataset';
import type { ClipsForTraining, ClipsToPrelabel, CropsForTraining, ImagesToPrelabel, RunModel, ScoredPredictions, TrainingRun } from '../domain/training';
import { clipTargetSchema } from '../train/clip-targets';
import { detectorSettingsSchema } from '../train/detector-settings-schema';
import type { Sample, SampleAgreement } from '../domain/sample';
import { planRequestSchema, type AssignmentSummary } from '../domain/assignment';
import type { AgreementDashboard } from '../agreement/types';
import { DISAGREEMENT_TYPES, type DisagreementType } from '../disagreement/types';
import type { GoldDecision, ReviewQueueView, ReviewSample } from '../domain/gold';
import type { CheckFeedback, GoldChecks, GoldQualityReport, Qualification } from '../domain/gold-checks';
import type { LabelerDriftChart } from '../quality/drift-chart';
import {
  MAX_SENT_PREDICTIONS_BYTES,
  PREDICTION_FORMATS,
  predictionBatchSchema,
  predictionSourceSchema,
  prelabelPlanSchema,
  sentFileNameSchema,
} from '../domain/prelabel';
import type { AnchoringReport, PrelabelImportResult, PrelabelOffer, PrelabelSampleView, PrelabelSummary } from '../domain/prelabel';
import { PRELABEL_CHOICES, type PrelabelOverride } from '../domain/prelabel';
import type { LabelerThroughput } from '../quality/throughput';
import { commentBodySchema, type CommentThread, type OpenQuestion } from '../domain/comment';

/**
 * The one door between the UI and the back end. Each operation names its argument's
 * schema (checked by every host before a service runs) and its result type. Hosts:
 * Electron IPC (`electron/main`) and the local web server (`electron/web`); both call
 * the same handlers (`electron/services/hosting/handlers.ts`).
 */
function operation<Result>() {
  return <Arg extends z.ZodType>(arg: Arg) => ({ arg, result: undefined as unknown as Result });
}

const none = z.object({}).strict().default({});
/** How a dataset version is made (see `DatasetOptions`). */
const datasetOptionsSchema = z.object({
  ratios: z
    .tuple([z.number().min(0).max(1), z.number().min(0).max(1), z.number().min(0).max(1)])
    .default([0.8, 0.1, 0.1])
    .refine((r) => Math.abs(r[0] + r[1] + r[2] - 1) < 1e-9, 'split ratios must sum to 1'),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31)
    .default(1),
  minAgreement: z.number().min(0).max(1).default(0.9),
  unresolved: z.enum(['exclude', 'flag']).default('exclude'),
  stratifyTags: z.array(z.string()).max(20).default([]),
  pinTestFrom: z.number().int().positive().nullable().default(null),
});
/**
 * A model's predictions to store under a source name: a file on the host's disk (`path`: the
 * CLI, the desktop app) or the file itself (`file`: a browser, whose files the host cannot read).
 */
const prelabelImportSchema = z
  .object({
    source: predictionSourceSchema,
    format: z.enum(PREDICTION_FORMATS),
    path: absolutePath('predictions file').optional(),
    file: z.object({ name: sentFileNameSchema, text: z.string().max(MAX_SENT_PREDICTIONS_BYTES, 'is larger than 7 MB: import it with the CLI') }).optional(),
    /** Boxes below this score are not offered. */
    minScore: z.number().min(0).max(1).default(0.5),
  })
  .refine((arg) => (arg.path === undefined) !== (arg.file === undefined), { message: 'give either a path or the file', path: ['path'] });

const disagreementTypeSchema = z.enum(Object.keys(DISAGREEMENT_TYPES) as [DisagreementType, ...DisagreementType[]]);
const id = z.number().int().positive();

export const operations = {
  'app.info': operation<AppInfo>()(none),
  'system.pickFolder': operation<string | null>()(z.object({ title: z.string().max(200).default('Choose a folder') })),
  /** Checks that a team server answers as Concord at this address, then opens a window on its UI (desktop app only). */
  'system.openServerWindow': operation<ServerWindow>()(z.object({ address: z.string().max(2000) })),

  'projects.recent': operation<RecentProject[]>()(none),
  'projects.current': operation<ProjectSummary | null>()(none),
  'projects.create': operation<ProjectSummary>()(
    z.object({
      dir: absolutePath('project folder'),
      name: z.string().trim().min(1, 'project name is required').max(120),
      kind: projectKindSchema,
      classes: z.array(classInputSchema).max(200).default([]),
      tags: z.array(tagInputSchema).max(200).default([]),
    }),
  ),
  'projects.open': operation<ProjectSummary>()(
    z.object({
      dir: absolutePath('project folder'),
      /** Read-only: for a project another app or server has open (it answers `in_use` otherwise). */
      readOnly: z.boolean().default(false),
    }),
  ),
  'projects.openDemo': operation<ProjectSummary>()(z.object({ kind: projectKindSchema })),
  'projects.close': operation<null>()(none),
  /** Replaces a damaged concord.db (only a damaged one) by the latest copy in its backups/ folder, keeping the damaged file there, and opens the project. */
  'projects.restoreBackup': operation<ProjectSummary>()(z.object({ dir: absolutePath('project folder') })),
  /** The copy `projects.restoreBackup` would put back (when it was made, what it holds), or null when backups/ has none. */
  'projects.latestBackup': operation<BackupSummary | null>()(z.object({ dir: absolutePath('project folder') })),

  /** What the sign-in screen offers this connection (its project, demo people, continuing as the owner). */
  'session.options': operation<SignInOptions>()(none),
  /**
   * Signs this connection in (a window, a tab, a script): what it may do follows from the
   * account's role. With a password; as the project's owner (only the person who started
   * Concord on this computer); or as one of a demo's ready-made people (the same person).
   */
  'session.signIn': operation<SignedIn>()(
    z.discriminatedUnion('method', [
      z.object({ method: z.literal('password'), name: z.string().trim().min(1).max(80), password: z.string().min(1).max(200) }),
      z.object({ method: z.literal('owner') }),
      z.object({ method: z.literal('demo'), labelerId: id }),
    ]),
  ),
  'session.current': operation<SessionView | null>()(none),
  'session.signOut': operation<null>()(none),
  /** `current` is null only for an account that has no password yet. */
  'session.changePassword': operation<null>()(z.object({ current: z.string().max(200).nullable(), next: passwordSchema })),

  'labelers.list': operation<Labeler[]>()(none),
  'labelers.create': operation<Labeler>()(labelerInputSchema),
  /** An admin changes a role, disables or enables an account, or sets a new password; the account's sessions end. */
  'labelers.update': operation<Labeler>()(
    z.object({ labelerId: id, role: labelerRoleSchema.optional(), disabled: z.boolean().optional(), password: passwordSchema.optional() }),
  ),
  'audit.list': operation<AuditPage>()(z.object({ offset: z.number().int().nonnegative().default(0), limit: z.number().int().min(1).max(500).default(100) })),

  /** Adds, renames, recolours, re-keys, retires or restores a class or tag; the change is recorded with the guideline version current then. */
  'taxonomy.change': operation<TaxonomyChange>()(taxonomyChangeSchema),
  /** Every change to the classes and tags, newest first. */
  'taxonomy.history': operation<TaxonomyChange[]>()(none),

  'samples.list': operation<SamplePage>()(
    z.object({
      filter: sampleFilterSchema.default({ tags: [] }),
      sort: sampleSortSchema.default({ by: 'added', descending: false }),
      offset: z.number().int().nonnegative().default(0),
      limit: z.number().int().min(1).max(500).default(100),
    }),
  ),

  'samples.get': operation<Sample>()(z.object({ sampleId: id })),
  /** The agreement between each sample's labelers, for the rows a list shows (kept current in the agreement worker). */
  'samples.agreement': operation<SampleAgreement[]>()(z.object({ sampleIds: z.array(id).max(500) })),
  'samples.tag': operation<{ tagged: number }>()(z.object({ sampleIds: z.array(id).min(1).max(10_000), tag: z.string().trim().min(1).max(60) })),
  /** Tags every sample matching the filter, whatever page is shown, in one transaction. */
  'samples.tagMatching': operation<{ tagged: number }>()(z.object({ filter: sampleFilterSchema, tag: z.string().trim().min(1).max(60) })),
  /** Bulk actions of the Samples list on picked samples or all matching a filter, each in one transaction. */
  'samples.untag': operation<BulkResult>()(z.object({ selection: sampleSelectionSchema, tag: z.string().trim().min(1).max(60) })),
  'samples.assign': operation<BulkResult & { labeler: string }>()(z.object({ selection: sampleSelectionSchema, labelerId: id })),
  /** Sends submitted samples back to the labelers who submitted them, with the reason they see. */
  'samples.relabel': operation<BulkResult & { requests: number }>()(
    z.object({ selection: sampleSelectionSchema, reason: z.string().trim().min(1, 'say why they go back').max(500) }),
  ),
  /** Accepts the automatic consensus as gold for undecided samples with two or more submitted answers. */
  'samples.acceptConsensus': operation<BulkResult>()(z.object({ selection: sampleSelectionSchema })),

  'queue.get': operation<Queue>()(z.object({ labelerId: id })),
  /** A window on the queue around a position (null: the first sample not yet submitted), with its length and counts. */
  'queue.window': operation<QueueWindow & { labelerId: number }>()(
    z.object({
      labelerId: id,
      around: z.number().int().min(0).nullable().default(null),
      before: z.number().int().min(0).max(500).default(WINDOW_BEFORE),
      after: z.number().int().min(0).max(500).default(WINDOW_AFTER),
    }),
  ),
  'annotations.mine': operation<AnnotationView | null>()(z.object({ labelerId: id, sampleId: id })),
  'annotations.save': operation<AnnotationView>()(
    z.object({
      labelerId: id,
      sampleId: id,
      payload: annotationPayloadSchema,
      status: z.enum(['draft', 'submitted']),
      /** The revision the edit started from; null for a first save. A mismatch means another window saved in between. */
      baseRevision: z.number().int().positive().nullable(),
      /** Active time on the sample since the previous save. */
      timeSpentMs: z.number().int().min(0).max(86_400_000).default(0),
    }),
  ),

  'guidelines.current': operation<PublishedGuideline>()(none),
  'guidelines.list': operation<GuidelineVersionSummary[]>()(none),
  'guidelines.version': operation<PublishedGuideline>()(z.object({ version: id })),
  'guidelines.diff': operation<DiffPart[]>()(z.object({ from: id, to: id })),
  'guidelines.draft': operation<GuidelineDraft>()(none),
  'guidelines.saveDraft': operation<GuidelineDraft>()(
    z.object({
      bodyMd: z.string().max(200_000),
      addresses: z.array(disagreementTypeSchema).max(32).optional(),
      /** The draft revision the edit started from. */
      baseRevision: z.number().int().min(0),
    }),
  ),
  'guidelines.attachCases': operation<GuidelineDraft>()(
    z.object({ sampleIds: z.array(id).max(50), addresses: z.array(disagreementTypeSchema).max(32).default([]) }),
  ),
  'guidelines.addExample': operation<GuidelineDraft>()(
    z.object({ sampleId: id, section: z.string().max(200), polarity: z.enum(['do', 'dont']), caption: z.string().max(500).default('') }),
  ),
  'guidelines.updateExample': operation<GuidelineDraft>()(
    z.object({ id, section: z.string().max(200).optional(), polarity: z.enum(['do', 'dont']).optional(), caption: z.string().max(500).optional() }),
  ),
  'guidelines.removeExample': operation<GuidelineDraft>()(z.object({ id })),
  'guidelines.publish': operation<PublishedGuideline>()(
    z.object({ changelog: z.string().max(5000), requeueSampleIds: z.array(id).max(100_000).default([]), baseRevision: z.number().int().positive() }),
  ),
  'guidelines.notice': operation<GuidelineNotice | null>()(z.object({ labelerId: id })),
  'guidelines.acknowledge': operation<null>()(z.object({ labelerId: id, version: id.optional() })),

  'assignments.plan': operation<AssignmentSummary>()(planRequestSchema),
  'assignments.summary': operation<AssignmentSummary | null>()(none),
  'agreement.project': operation<AgreementDashboard>()(
    z.object({
      iouThreshold: z.number().min(0).max(1).default(0.5),
      normalize: z.array(z.enum(['nfc', 'case', 'punctuation', 'fillers', 'whitespace'])).default([]),
    }),
  ),
  'assignments.reassign': operation<AssignmentSummary>()(z.object({ sampleId: id, from: id, to: id })),

  /** Labeler quality: each labeler's agreement with peers and with gold over time, each with a band from their own history, those whose recent agreement fell below one first; each curve thinned to what a chart draws. */
  'quality.drift': operation<LabelerDriftChart[]>()(
    z.object({
      iouThreshold: z.number().min(0).max(1).default(0.5),
      normalize: z.array(z.enum(['nfc', 'case', 'punctuation', 'fillers', 'whitespace'])).default([]),
    }),
  ),
  /** Each labeler's samples submitted per day and week and their time per sample (median, p90, slowest samples). */
  'team.throughput': operation<LabelerThroughput[]>()(none),

  /** A page of the review queue: `after` is the previous page's `next`; filters and order apply to the whole queue. */
  'review.queue': operation<ReviewQueueView>()(
    z.object({
      iouThreshold: z.number().min(0).max(1).default(0.5),
      filters: z
        .object({
          type: disagreementTypeSchema.nullable().default(null),
          classId: id.nullable().default(null),
          tag: z.string().max(60).nullable().default(null),
          pair: z
            .string()
            .regex(/^\d+:\d+$/)
            .nullable()
            .default(null),
          version: id.nullable().default(null),
          /** Leave out samples that already have a decision. */
          undecidedOnly: z.boolean().default(false),
        })
        .default({ type: null, classId: null, tag: null, pair: null, version: null, undecidedOnly: false }),
      sort: z.enum(['severity', 'sampleId']).default('severity'),
      after: z
        .object({ severity: z.number().min(0).max(1), sampleId: id })
        .nullable()
        .default(null),
      /** 0 asks for the totals, shares and facets alone. */
      limit: z.number().int().min(0).max(1000).default(100),
    }),
  ),
  'review.sample': operation<ReviewSample>()(z.object({ sampleId: id, iouThreshold: z.number().min(0).max(1).default(0.5) })),
  'review.decide': operation<GoldDecision>()(
    z
      .object({
        sampleId: id,
        choice: z.enum(['labeler', 'consensus', 'edited']),
        /** Whose version is accepted (`labeler`). */
        labelerId: id.optional(),
        /** The SME's own label (`edited`). */
        payload: annotationPayloadSchema.optional(),
        reason: z.string().trim().max(2000).default(''),
        /** The guideline rule the decision applies, e.g. `#fillers`. */
        guidelineRule: z.string().trim().max(200).nullable().default(null),
        /** The decision the SME was looking at; null when there was none. */
        baseRevision: z.number().int().positive().nullable(),
        /** `answersAt` of the sample as the SME saw it: a newer answer since refuses the decision. */
        answersSeenAt: z.iso.datetime().nullable(),
      })
      .refine((arg) => arg.choice !== 'labeler' || arg.labelerId !== undefined, { message: 'accepting a labeler needs labelerId', path: ['labelerId'] }),
  ),
  'review.saveDraft': operation<{ revision: number }>()(
    z.object({ sampleId: id, payload: annotationPayloadSchema, baseRevision: z.number().int().positive().nullable() }),
  ),
  // Accepting the consensus below half agreement would be accepting disagreement.
  'review.autoAccept': operation<{ accepted: number }>()(z.object({ threshold: z.number().min(0.5).max(1) })),

  /** Gold checks: the checks, their settings, and which were retired by a changed rule. */
  'gold.checks': operation<GoldChecks>()(none),
  'gold.configure': operation<GoldChecks>()(
    z.object({
      /** Share of each labeler's queue that is checks. */
      rate: z.number().min(0).max(0.5),
      /** Show the gold label and its rule after a check is submitted. */
      feedback: z.boolean().default(false),
      qualification: z
        .object({ threshold: z.number().min(0).max(1), requalifyOnNewVersion: z.boolean().default(false) })
        .nullable()
        .default(null),
    }),
  ),
  /** Marks decided samples as checks, as qualification checks (which are checks too), or neither. */
  'gold.mark': operation<GoldChecks>()(z.object({ sampleIds: z.array(id).min(1).max(10_000), mark: z.enum(['check', 'qualification', 'none']) })),
  /** Each labeler's agreement with gold, and qualification. */
  'gold.report': operation<GoldQualityReport>()(
    z.object({
      iouThreshold: z.number().min(0).max(1).default(0.5),
      normalize: z.array(z.enum(['nfc', 'case', 'punctuation', 'fillers', 'whitespace'])).default([]),
    }),
  ),
  'gold.qualification': operation<Qualification>()(z.object({ labelerId: id })),
  /** Gives a labeler whose attempt failed the qualification set again. */
  'gold.requalify': operation<Qualification>()(z.object({ labelerId: id })),
  /** After a submitted check, if enabled: the gold label, its rule and the differences; else null. */
  'gold.feedback': operation<CheckFeedback | null>()(z.object({ labelerId: id, sampleId: id })),

  'datasets.preview': operation<DatasetPreview>()(datasetOptionsSchema),
  'datasets.create': operation<DatasetSummary>()(datasetOptionsSchema),
  'datasets.list': operation<DatasetSummary[]>()(none),
  'datasets.export': operation<{ dir: string; files: number }>()(
    z.object({
      version: id,
      format: z.enum(EXPORT_FORMATS),
      outDir: absolutePath('output folder'),
      /** Copy the media (a portable folder), else link to the project's files. */
      copyMedia: z.boolean().default(false),
    }),
  ),
  'labels.import': operation<{
    labelerId: number | null;
    imported: number;
    labelers: { name: string; labelerId: number; created: boolean; imported: number }[];
    problems: { where: string; message: string }[];
  }>()(
    z.object({
      /** Whose labels these are; for Label Studio and CVAT, only those whose file does not name who made them. */
      labeler: z.string().trim().min(1).max(80),
      format: z.enum(LABEL_IMPORT_FORMATS),
      path: absolutePath('labels file'),
    }),
  ),
  /** Every labeler's current submitted answers, each as that labeler's work, in another tool's format. */
  'labels.export': operation<{ dir: string; files: number; labelers: number; annotations: number }>()(
    z.object({ format: z.enum(LABELER_EXPORT_FORMATS), outDir: absolutePath('output folder') }),
  ),
  'datasets.compare': operation<DatasetDiff>()(z.object({ from: id, to: id })),
  /** Prepares a version, media copied, to GET as one zip from the address answered (on the web host; `GET /api/datasets/<version>/download?format=` does both at once). */
  'datasets.download': operation<DatasetDownload>()(z.object({ version: id, format: z.enum(EXPORT_FORMATS) })),

  'train.crops': operation<CropsForTraining>()(z.object({ version: id, size: z.number().int().min(8).max(128).default(32) })),
  'train.clips': operation<ClipsForTraining>()(z.object({ version: id, target: clipTargetSchema })),
  'train.saveRun': operation<TrainingRun>()(
    z.object({
      version: id,
      backend: z.string().max(40),
      input: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('crops'), detector: detectorSettingsSchema.optional() }),
        z.object({ kind: z.literal('clips'), target: clipTargetSchema }),
      ]),
      epochs: z.array(z.object({ epoch: z.number().int().positive(), loss: z.number(), accuracy: z.number() })).max(1000),
      evaluation: z.object({
        dev: z.object({ accuracy: z.number().nullable(), macroF1: z.number().nullable(), examples: z.number().int().min(0) }),
        test: z.object({ accuracy: z.number().nullable(), macroF1: z.number().nullable(), examples: z.number().int().min(0) }),
      }),
      /** The model's classes in output order (without them the run cannot predict new samples). */
      classes: z.array(z.string().max(2000)).min(1).max(1000).optional(),
      /** The model's topology and weight specs, as TensorFlow.js saves them. */
      modelJson: z.string().max(1_000_000),
      weightsBase64: z.string().max(100_000_000),
    }),
  ),
  'train.predictions': operation<ScoredPredictions>()(
    z.object({
      version: id,
      /** COCO results (boxes), JSONL transcripts, or a Label Studio export's `predictions` (either). */
      format: z.enum(['coco-results', 'jsonl', 'label-studio']),
      path: absolutePath('predictions file'),
      minScore: z.number().min(0).max(1).default(0.5),
    }),
  ),
  'train.runs': operation<TrainingRun[]>()(z.object({ version: id })),
  /** A kept run's model and classes, to predict with in the browser. */
  'train.runModel': operation<RunModel>()(z.object({ runId: id })),
  /** A page of spectrograms of the clips outside a version that not every assignee has submitted, from sample id `after` on. */
  'train.clipsToPrelabel': operation<ClipsToPrelabel>()(
    z.object({ version: id, after: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(256).default(64) }),
  ),
  /** A page of the images outside a version that not every assignee has submitted, decoded to RGB and shrunk by `scale` (the run's), from sample id `after` on. */
  'train.imagesToPrelabel': operation<ImagesToPrelabel>()(
    z.object({
      version: id,
      scale: z.number().positive().max(1),
      after: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(32).default(8),
    }),
  ),
  'train.requestRelabel': operation<{ requests: number }>()(z.object({ sampleIds: z.array(id).min(1).max(10_000), reason: z.string().trim().min(1).max(500) })),

  'imports.start': operation<ImportProgress>()(importStartSchema),
  'imports.cancel': operation<ImportProgress>()(z.object({ jobId: z.string().min(1) })),
  'imports.get': operation<ImportReport>()(z.object({ jobId: z.string().min(1) })),

  'media.relink': operation<RelinkResult>()(z.object({ folder: absolutePath('folder') })),

  /** Stores a model's predictions (COCO results, JSONL transcripts, Label Studio predictions) under a source name, replacing any of that name. */
  'prelabels.import': operation<PrelabelImportResult>()(prelabelImportSchema),
  /** Stores one batch of transcripts a model predicted in the app (the baseline), each with its confidence; the first batch replaces the source. */
  'prelabels.storeBatch': operation<PrelabelImportResult>()(predictionBatchSchema),
  /** The prediction sources stored and the pre-label plan in force. */
  'prelabels.summary': operation<PrelabelSummary>()(none),
  /** Offers a source's predictions as starting labels, with a share of assignments kept blind; source null turns pre-labels off. */
  'prelabels.configure': operation<PrelabelSummary>()(prelabelPlanSchema),
  /** For one assignment, offers pre-labels or keeps it blind whatever the plan's split says; `plan` clears the choice. */
  'prelabels.override': operation<PrelabelOverride>()(z.object({ sampleId: id, labelerId: id, choice: z.enum(PRELABEL_CHOICES) })),
  /** A sample's assignments, each with what its labeler starts from and whether an SME chose it over the plan. */
  'prelabels.sample': operation<PrelabelSampleView>()(z.object({ sampleId: id })),
  /** What a labeler starts from on a sample of their queue. */
  'prelabels.offer': operation<PrelabelOffer>()(z.object({ labelerId: id, sampleId: id })),
  /** Agreement between labelers and with the model, for pre-labeled against blind assignments, with bootstrap intervals. */
  'agreement.anchoring': operation<AnchoringReport>()(
    z.object({
      iouThreshold: z.number().min(0).max(1).default(0.5),
      normalize: z.array(z.enum(['nfc', 'case', 'punctuation', 'fillers', 'whitespace'])).default([]),
    }),
  ),

  /** The comment threads on a sample the caller may read (a labeler: their own and the coordinators', see README "Comments on a sample"). */
  'comments.list': operation<CommentThread[]>()(z.object({ sampleId: id })),
  /** Opens a thread on a sample (a question unless `question` is false), or replies in `threadId`. */
  'comments.post': operation<CommentThread>()(
    z.object({ sampleId: id, body: commentBodySchema, question: z.boolean().default(true), threadId: id.nullable().default(null) }),
  ),
  /** Marks a question resolved, or open again (SMEs, admins and whoever asked). */
  'comments.resolve': operation<CommentThread>()(z.object({ threadId: id, resolved: z.boolean().default(true) })),
  /** Questions not yet resolved across the project, oldest first. */
  'comments.openQuestions': operation<OpenQuestion[]>()(none),
} as const;

export interface AppInfo {
  version: string;
  host: 'electron' | 'web' | 'cli';
  /** Things only some hosts can do, so the UI offers them only where they work. */
  capabilities: { pickFolder: boolean; serverWindows: boolean };
}

/** A team server a window was opened on. */
export interface ServerWindow {
  /** Where the window is confined: the server's scheme, host and port. */
  origin: string;
  /** The Concord version the server runs. */
  version: string;
}

export interface RelinkResult {
  relinked: number;
  stillMissing: number;
}

export type OperationName = keyof typeof operations;
/** What a caller passes (defaults may be left out). */
export type OperationArg<N extends OperationName> = z.input<(typeof operations)[N]['arg']>;
/** What a handler receives once the host has validated the call. */
export type ValidatedArg<N extends OperationName> = z.output<(typeof operations)[N]['arg']>;
export type OperationResult<N extends OperationName> = (typeof operations)[N]['result'];

export function isOperationName(name: unknown): name is OperationName {
  return typeof name === 'string' && Object.hasOwn(operations, name);
}
