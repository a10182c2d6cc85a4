import type { Generated, Insertable, Selectable } from 'kysely';

/**
 * Row types for every table, as Kysely sees them. Timestamps are integer milliseconds
 * since the epoch; booleans are 0/1; JSON columns are strings parsed at the query edge.
 */
export interface Database {
  schema_migration: SchemaMigrationTable;
  project: ProjectTable;
  label_class: LabelClassTable;
  tag: TagTable;
  tag_former_name: TagFormerNameTable;
  labeler: LabelerTable;
  guideline_version: GuidelineVersionTable;
  sample: SampleTable;
  sample_tag: SampleTagTable;
  annotation: AnnotationTable;
  annotation_revision: AnnotationRevisionTable;
  import_job: ImportJobTable;
  assignment: AssignmentTable;
  assignment_plan: AssignmentPlanTable;
  gold_decision: GoldDecisionTable;
  review_item: ReviewItemTable;
  review_facet: ReviewFacetTable;
  review_share: ReviewShareTable;
  review_stale: ReviewStaleTable;
  review_share_total: ReviewShareTotalTable;
  review_facet_total: ReviewFacetTotalTable;
  sample_agreement: SampleAgreementTable;
  agreement_clock: AgreementClockTable;
  agreement_change: AgreementChangeTable;
  gold_draft: GoldDraftTable;
  guideline_draft: GuidelineDraftTable;
  guideline_example: GuidelineExampleTable;
  relabel_request: RelabelRequestTable;
  guideline_seen: GuidelineSeenTable;
  dataset_version: DatasetVersionTable;
  dataset_item: DatasetItemTable;
  training_run: TrainingRunTable;
  session: SessionTable;
  sign_in_failure: SignInFailureTable;
  audit_log: AuditLogTable;
  taxonomy_change: TaxonomyChangeTable;
  gold_check: GoldCheckTable;
  gold_check_settings: GoldCheckSettingsTable;
  gold_check_served: GoldCheckServedTable;
  qualification_attempt: QualificationAttemptTable;
  prediction: PredictionTable;
  prelabel_plan: PrelabelPlanTable;
  sample_comment: SampleCommentTable;
  prelabel_override: PrelabelOverrideTable;
  dataset_download: DatasetDownloadTable;
  signing_key: SigningKeyTable;
}

export interface SchemaMigrationTable {
  version: number;
  name: string;
  applied_at: number;
}

export interface ProjectTable {
  id: number;
  name: string;
  kind: 'bbox' | 'transcript';
  created_at: number;
  is_demo: Generated<0 | 1>;
}

export interface LabelClassTable {
  id: Generated<number>;
  name: string;
  color: string;
  hotkey: string | null;
  position: number;
  /** When it was retired; null while labelers are offered it. */
  retired_at: number | null;
}

export interface TagTable {
  id: Generated<number>;
  name: string;
  hotkey: string | null;
  position: number;
  retired_at: number | null;
}

/** A name a tag had before a rename (case kept as it was written); it still means that tag. */
export interface TagFormerNameTable {
  name: string;
  tag_id: number;
  renamed_at: number;
  guideline_version: number;
}

export interface TaxonomyChangeTable {
  id: Generated<number>;
  at: number;
  actor_id: number | null;
  actor_name: string;
  target: 'class' | 'tag';
  item_id: number;
  action: 'add' | 'edit' | 'retire' | 'restore';
  /** The class or tag before the change (`TaxonomyItemState`); null for an addition. */
  before_json: string | null;
  after_json: string;
  /** The guideline version current when the change was made. */
  guideline_version: number;
}

export interface LabelerTable {
  id: Generated<number>;
  name: string;
  role: 'labeler' | 'sme' | 'engineer' | 'admin';
  created_at: number;
  /** `scrypt$…` (see electron/services/auth/passwords.ts); null: no password sign-in. */
  password_hash: string | null;
  disabled_at: number | null;
  is_owner: Generated<0 | 1>;
}

export interface SessionTable {
  token_hash: string;
  public_id: string;
  labeler_id: number;
  created_at: number;
  expires_at: number;
}

export interface SignInFailureTable {
  key: string;
  failures: number;
  last_at: number;
  locked_until: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: number;
  actor_id: number | null;
  actor_name: string;
  action: string;
  subject: string;
  details_json: string;
}

export interface GuidelineVersionTable {
  id: Generated<number>;
  version: number;
  body_md: string;
  changelog: string;
  published_at: number;
}

export interface SampleTable {
  id: Generated<number>;
  display_name: string;
  /** Absolute path, or relative to the project folder when the media was copied in. */
  media_path: string;
  media_copied: Generated<number>;
  media_kind: 'image' | 'audio';
  mime_type: string;
  sha256: string;
  byte_size: number;
  width: number | null;
  height: number | null;
  duration_ms: number | null;
  sample_rate: number | null;
  channels: number | null;
  metadata_json: Generated<string>;
  imported_at: number;
  import_job_id: string | null;
}

export interface SampleTagTable {
  sample_id: number;
  tag_id: number;
}

export interface AnnotationTable {
  id: Generated<number>;
  sample_id: number;
  labeler_id: number;
  guideline_version_id: number;
  status: 'draft' | 'submitted';
  payload_json: string;
  revision: number;
  created_at: number;
  updated_at: number;
  submitted_at: number | null;
  time_spent_ms: Generated<number>;
  /** The anchoring arm ('prelabeled' or 'blind') of the assignment when first saved; null when no pre-label was offered. */
  prelabel_arm: Generated<'prelabeled' | 'blind' | null>;
  /** The prediction the labeler started from (the `prelabeled` arm) or was kept blind to. */
  prediction_id: Generated<number | null>;
}

export interface AnnotationRevisionTable {
  id: Generated<number>;
  annotation_id: number;
  revision: number;
  status: 'draft' | 'submitted';
  guideline_version_id: number;
  payload_json: string;
  saved_at: number;
}

export interface ImportJobTable {
  id: string;
  source: string;
  copy_media: number;
  state: 'scanning' | 'importing' | 'done' | 'cancelled' | 'failed';
  total: Generated<number>;
  processed: Generated<number>;
  imported: Generated<number>;
  duplicates: Generated<number>;
  failed: Generated<number>;
  started_at: number;
  finished_at: number | null;
  error: string | null;
  report_json: Generated<string>;
}

export interface AssignmentTable {
  sample_id: number;
  labeler_id: number;
  assigned_at: number;
}

export interface AssignmentPlanTable {
  id: number;
  overlap: number;
  /** Sample ids every labeler labels, as a JSON array. */
  calibration_json: string;
  seed: number;
  planned_at: number;
}

/** A sample of the kept Review queue (migration 23): its severity and its item, without severity, as JSON. */
export interface ReviewItemTable {
  sample_id: number;
  severity: number;
  item_json: string;
}

/** A value a queued sample can be filtered by: `facet` is type, class, tag, pair or version. */
export interface ReviewFacetTable {
  facet: string;
  value: string;
  sample_id: number;
}

/** What one sample adds to the disagreement shares (see `ShareCount`). */
export interface ReviewShareTable {
  sample_id: number;
  dimension: string;
  share_key: string;
  type: string;
  count: number;
}

/** `review_share` summed over every sample, kept with it. */
export interface ReviewShareTotalTable {
  dimension: string;
  share_key: string;
  type: string;
  count: number;
}

/** How many queued samples hold each facet value, kept with `review_facet`. */
export interface ReviewFacetTotalTable {
  facet: string;
  value: string;
  count: number;
}

/** Samples whose entry must be classified again before the queue is read (marked by triggers). */
export interface ReviewStaleTable {
  sample_id: number;
}

/** The one row saying where the recorded agreement changes stand (migration 26). */
export interface AgreementClockTable {
  id: number;
  epoch: string;
  seq: number;
  reset_change: number;
}

/** The latest change to each sample's agreement inputs (migration 26): its number, see `changePosition`. */
export interface AgreementChangeTable {
  sample_id: number;
  change_id: number;
}

/** A compared sample's agreement between its labelers (migration 24), kept with the Review queue. */
export interface SampleAgreementTable {
  sample_id: number;
  agreement: number;
}

export interface GoldDecisionTable {
  id: Generated<number>;
  sample_id: number;
  revision: number;
  choice: 'labeler' | 'consensus' | 'edited' | 'auto_consensus';
  source_labeler_id: number | null;
  payload_json: string;
  decided_by: number | null;
  decided_at: number;
  reason: Generated<string>;
  guideline_rule: string | null;
  guideline_version_id: number;
}

export interface GoldDraftTable {
  sample_id: number;
  payload_json: string;
  revision: number;
  saved_by: number | null;
  saved_at: number;
}

export interface GuidelineDraftTable {
  id: number;
  body_md: string;
  base_version: number;
  addresses_json: string;
  revision: number;
  updated_at: number;
}

export interface GuidelineExampleTable {
  id: Generated<number>;
  guideline_version_id: number | null;
  section: string;
  polarity: 'do' | 'dont';
  sample_id: number;
  caption: Generated<string>;
  evidence_json: string;
  created_at: number;
}

export interface RelabelRequestTable {
  sample_id: number;
  labeler_id: number;
  guideline_version_id: number;
  reason: string;
  requested_at: number;
  done_at: number | null;
}

export interface GuidelineSeenTable {
  labeler_id: number;
  version: number;
}

export interface DatasetVersionTable {
  id: Generated<number>;
  version: number;
  summary_json: string;
  created_at: number;
}

export interface DatasetItemTable {
  dataset_version_id: number;
  sample_id: number;
  item_json: string;
}

export interface TrainingRunTable {
  id: Generated<number>;
  dataset_version: number;
  created_at: number;
  run_json: string;
  model_json: string;
  weights: Buffer;
}

/** A decided sample an SME marked as a gold check (`qualification`: also in the qualification set). */
export interface GoldCheckTable {
  sample_id: number;
  qualification: Generated<0 | 1>;
  marked_by: number | null;
  marked_at: number;
}

/** The project's check settings (one row); rates and thresholds in basis points. */
export interface GoldCheckSettingsTable {
  id: number;
  rate_bp: number;
  feedback: 0 | 1;
  /** Null: no qualification asked. */
  qualification_threshold_bp: number | null;
  requalify_on_new_version: 0 | 1;
  /** When the qualification was set, and the guideline version then: labelers with work from before are not new. */
  qualification_since: number | null;
  qualification_since_version: number | null;
}

/** A check given to a labeler, who had not answered that sample before. */
export interface GoldCheckServedTable {
  sample_id: number;
  labeler_id: number;
  purpose: 'check' | 'qualification';
  served_at: number;
}

export interface QualificationAttemptTable {
  id: Generated<number>;
  labeler_id: number;
  guideline_version: number;
  /** The qualification set's sample ids when the attempt began, as a JSON array. */
  sample_ids_json: string;
  started_at: number;
  finished_at: number | null;
  score_bp: number | null;
  passed: 0 | 1 | null;
}

/** A model's prediction for a sample, stored as the label it offers (`payload_json`, an annotation payload). */
export interface PredictionTable {
  id: Generated<number>;
  source: string;
  sample_id: number;
  payload_json: string;
  imported_at: number;
  /** How sure the model was, 0–1; null when its predictions did not say. */
  confidence: Generated<number | null>;
}

/** One row (id 1) while pre-labels are offered. */
export interface PrelabelPlanTable {
  id: number;
  source: string;
  blind_share: number;
  seed: number;
  set_at: number;
}

/** A comment on a sample: one that opens a thread (`thread_id` null) or a reply in one. */
export interface SampleCommentTable {
  id: Generated<number>;
  sample_id: number;
  thread_id: number | null;
  author_id: number;
  /** The author's role when writing: it decides which labelers may read the comment. */
  author_role: 'labeler' | 'sme' | 'engineer' | 'admin';
  body: string;
  /** On a thread's first comment: whether it asks a question to be resolved. */
  question: Generated<0 | 1>;
  created_at: number;
  resolved_at: number | null;
  resolved_by: number | null;
}

/** An SME's choice for one assignment, over the plan's blind split: 1 offer pre-labels, 0 keep it blind. */
export interface PrelabelOverrideTable {
  sample_id: number;
  labeler_id: number;
  offer: number;
  set_at: number;
}

/** A dataset download prepared by `datasets.download`, waiting to be fetched once by its account. */
export interface DatasetDownloadTable {
  /** SHA-256 of the download's token, hex. */
  token_hash: string;
  version: number;
  format: string;
  account_id: number;
  expires_at: number;
}

/** A key the database keeps for every server process on it (`media-ticket`: hex of 32 random bytes). */
export interface SigningKeyTable {
  name: string;
  key: string;
}

export type SampleRow = Selectable<SampleTable>;
export type NewSampleRow = Insertable<SampleTable>;
export type AnnotationRow = Selectable<AnnotationTable>;
export type ImportJobRow = Selectable<ImportJobTable>;
