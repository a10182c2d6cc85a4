import type { Kysely } from 'kysely';
import * as projectAndSamples from './0001-project-and-samples';
import * as annotations from './0002-annotations';
import * as importJobs from './0003-import-jobs';
import * as annotationTimeSpent from './0004-annotation-time-spent';
import * as assignments from './0005-assignments';
import * as goldDecisions from './0006-gold-decisions';
import * as guidelineDrafts from './0007-guideline-drafts';
import * as datasets from './0008-datasets';
import * as trainingRuns from './0009-training-runs';
import * as trainingRunInputs from './0010-training-run-inputs';
import * as accounts from './0011-accounts';
import * as auditLog from './0012-audit-log';
import * as applicationId from './0013-application-id';
import * as taxonomyChanges from './0014-taxonomy-changes';
import * as goldChecks from './0015-gold-checks';
import * as prelabels from './0016-prelabels';
import * as scaleIndexes from './0017-scale-indexes';
import * as sampleComments from './0018-sample-comments';
import * as prelabelOverrides from './0019-prelabel-overrides';
import * as datasetDownloads from './0020-dataset-downloads';
import * as mediaTicketKey from './0021-media-ticket-key';
import * as tagFormerNames from './0022-tag-former-names';
import * as reviewQueue from './0023-review-queue';
import * as sampleAgreement from './0024-sample-agreement';
import * as predictionConfidence from './0025-prediction-confidence';
import * as agreementChanges from './0026-agreement-changes';
import * as labelerProgressIndex from './0027-labeler-progress-index';
import * as annotationsWithPredictions from './0028-annotations-with-predictions';
import * as submittedRevisions from './0029-submitted-revisions';

/**
 * Migrations see the database untyped: each is frozen at the schema of its own day,
 * while the row types in `schema.ts` describe only the newest (Kysely's advice).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type MigrationDb = Kysely<any>;

export interface Migration {
  version: number;
  name: string;
  up(db: MigrationDb): Promise<void>;
}

/** Every schema step in order. Append only: a released migration is never edited. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'project-and-samples', up: projectAndSamples.up },
  { version: 2, name: 'annotations', up: annotations.up },
  { version: 3, name: 'import-jobs', up: importJobs.up },
  { version: 4, name: 'annotation-time-spent', up: annotationTimeSpent.up },
  { version: 5, name: 'assignments', up: assignments.up },
  { version: 6, name: 'gold-decisions', up: goldDecisions.up },
  { version: 7, name: 'guideline-drafts', up: guidelineDrafts.up },
  { version: 8, name: 'datasets', up: datasets.up },
  { version: 9, name: 'training-runs', up: trainingRuns.up },
  { version: 10, name: 'training-run-inputs', up: trainingRunInputs.up },
  { version: 11, name: 'accounts', up: accounts.up },
  { version: 12, name: 'audit-log', up: auditLog.up },
  { version: 13, name: 'application-id', up: applicationId.up },
  { version: 14, name: 'taxonomy-changes', up: taxonomyChanges.up },
  { version: 15, name: 'gold-checks', up: goldChecks.up },
  { version: 16, name: 'prelabels', up: prelabels.up },
  { version: 17, name: 'scale-indexes', up: scaleIndexes.up },
  { version: 18, name: 'sample-comments', up: sampleComments.up },
  { version: 19, name: 'prelabel-overrides', up: prelabelOverrides.up },
  { version: 20, name: 'dataset-downloads', up: datasetDownloads.up },
  { version: 21, name: 'media-ticket-key', up: mediaTicketKey.up },
  { version: 22, name: 'tag-former-names', up: tagFormerNames.up },
  { version: 23, name: 'review-queue', up: reviewQueue.up },
  { version: 24, name: 'sample-agreement', up: sampleAgreement.up },
  { version: 25, name: 'prediction-confidence', up: predictionConfidence.up },
  { version: 26, name: 'agreement-changes', up: agreementChanges.up },
  { version: 27, name: 'labeler-progress-index', up: labelerProgressIndex.up },
  { version: 28, name: 'annotations-with-predictions', up: annotationsWithPredictions.up },
  { version: 29, name: 'submitted-revisions', up: submittedRevisions.up },
];
