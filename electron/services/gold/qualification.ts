import type { Kysely } from 'kysely';
import type { Labeler } from '../../../shared/domain/labeler';
import type { QualificationState } from '../../../shared/domain/gold-checks';
import { goldPairs, labelerGoldAgreement } from '../../../shared/quality/gold-agreement';
import { submittedForAgreement } from '../../db/queries/agreement-inputs';
import {
  finishAttempt,
  getCheckSettings,
  qualificationAttempts,
  reopenAnswers,
  serveChecks,
  startAttempt,
  startedAmong,
  submittedBefore,
  type AttemptRow,
  type StoredCheckSettings,
} from '../../db/queries/gold-checks';
import { currentGuidelineVersion } from '../../db/queries/project';
import type { Database } from '../../db/schema';
import type { CheckWithValidity } from './live-checks';

/**
 * Qualification: a labeler who must qualify labels the qualification set (checks only) before
 * any real work, and real work opens when their agreement with gold over the set reaches the
 * SME's threshold. Who must: a new labeler (no answer submitted before the set was made), and,
 * if the SME chose so, everyone once a guideline version newer than the set's is published.
 */

export interface QualificationStatus {
  state: QualificationState;
  /** The attempt that decides the state (null: none started yet, or none needed). */
  attempt: AttemptRow | null;
  /** The live qualification set now. */
  set: number[];
}

export async function qualificationStatus(
  db: Kysely<Database>,
  labeler: Pick<Labeler, 'id' | 'role'>,
  checks: readonly CheckWithValidity[],
): Promise<QualificationStatus> {
  const settings = await getCheckSettings(db);
  const set = checks.filter((check) => check.qualification && check.retiredIn === null).map((check) => check.sampleId);
  const none: QualificationStatus = { state: 'not-required', attempt: null, set };
  if (!qualificationAsked(settings) || labeler.role !== 'labeler' || set.length === 0) return none;
  const { requalifyOnNewVersion } = settings.qualification;
  const current = (await currentGuidelineVersion(db)).version;
  const counting = (await qualificationAttempts(db, labeler.id)).filter((a) => !requalifyOnNewVersion || a.guidelineVersion === current);
  const passed = counting.find((attempt) => attempt.passed === true);
  if (passed) return { state: 'passed', attempt: passed, set };
  const isNew = !(await submittedBefore(db, labeler.id, settings.qualificationSince.at, set));
  if (!isNew && !(requalifyOnNewVersion && current > settings.qualificationSince.version)) return none;
  const latest = counting.at(-1) ?? null;
  if (latest?.finishedAt != null) return { state: 'failed', attempt: latest, set };
  return { state: 'in-progress', attempt: latest, set };
}

/** Whether the project asks labelers to qualify at all (set, and in force since a moment and version). */
export function qualificationAsked(settings: StoredCheckSettings): settings is StoredCheckSettings & {
  qualification: NonNullable<StoredCheckSettings['qualification']>;
  qualificationSince: NonNullable<StoredCheckSettings['qualificationSince']>;
} {
  return settings.qualification !== null && settings.qualificationSince !== null;
}

/**
 * Starts an attempt on the set as it is now (in the caller's transaction): the set is served to
 * the labeler, and answers they gave it before go back to drafts to be answered again.
 */
export async function beginAttempt(db: Kysely<Database>, labelerId: number, set: readonly number[], at: number): Promise<void> {
  const current = await currentGuidelineVersion(db);
  await startAttempt(db, labelerId, current.version, set, at);
  await serveChecks(db, labelerId, set, 'qualification', at);
  await reopenAnswers(db, labelerId, [...(await startedAmong(db, labelerId, set))]);
}

/**
 * Scores the labeler's open attempt once every sample of it has an answer submitted since it
 * began: agreement with gold over the set, by the same functions as every agreement figure.
 * Returns the finished attempt, or null when it is still open (or there is none). The checks
 * are loaded only when there is an attempt to score: most submissions have none.
 */
export async function scoreOpenAttempt(
  db: Kysely<Database>,
  kind: 'bbox' | 'transcript',
  labelerId: number,
  loadChecks: () => Promise<readonly CheckWithValidity[]>,
  at: number,
): Promise<AttemptRow | null> {
  const settings = await getCheckSettings(db);
  const attempt = (await qualificationAttempts(db, labelerId)).at(-1);
  if (!settings.qualification || !attempt || attempt.finishedAt !== null) return null;
  const checks = await loadChecks();
  const inAttempt = new Set(attempt.sampleIds);
  const attemptSamples = [...inAttempt].sort((a, b) => a - b);
  const answers = (await submittedForAgreement(db, attemptSamples)).filter((a) => a.labelerId === labelerId && a.submittedAt >= attempt.startedAt);
  if (new Set(answers.map((a) => a.sampleId)).size < inAttempt.size) return null;
  const pairs = goldPairs(
    checks.filter((check) => inAttempt.has(check.sampleId)),
    answers,
  );
  const score = pairs.length === 0 ? null : labelerGoldAgreement(kind, pairs, { bootstrap: false }).overall.figure.value;
  const passed = score !== null && score >= settings.qualification.threshold;
  await finishAttempt(db, attempt.id, score, passed, at);
  return { ...attempt, finishedAt: at, score, passed };
}
