import type { Kysely } from 'kysely';
import { checkValidity } from '../../../shared/quality/check-validity';
import type { GoldLabel } from '../../../shared/quality/gold-agreement';
import type { AnnotationForAgreement } from '../../../shared/agreement/types';
import { submittedForAgreement } from '../../db/queries/agreement-inputs';
import { guidelineTexts, listChecks, servedChecks, type CheckRow } from '../../db/queries/gold-checks';
import type { Database } from '../../db/schema';

/** A check with the versions its decision may judge, and the version that retired it (null: live). */
export interface CheckWithValidity extends CheckRow, GoldLabel {
  retiredIn: number | null;
}

/**
 * Every check, each with where its decision still holds: a check whose cited rule a later
 * guideline version changed is retired (served to nobody, judging only answers made while the
 * rule read as decided) until an SME decides the sample again under the new version.
 */
export async function checksWithValidity(db: Kysely<Database>): Promise<CheckWithValidity[]> {
  const [checks, texts] = await Promise.all([listChecks(db), guidelineTexts(db)]);
  return checks.map((check) => {
    const validity = checkValidity(check.decidedUnder, check.rule, texts);
    return { ...check, versions: validity.versions, retiredIn: validity.changedIn };
  });
}

/**
 * The submitted answers gold judges: each labeler's answers to the checks served to them (a
 * sample they answered before it was served as a check is not one of theirs).
 */
export async function answersToServedChecks(db: Kysely<Database>): Promise<AnnotationForAgreement[]> {
  const rows = await servedChecks(db);
  const served = new Set(rows.map((row) => `${row.labelerId}:${row.sampleId}`));
  // Only the checks' samples are read: gold is a few hundred samples, the project may be 100,000.
  const samples = [...new Set(rows.map((row) => row.sampleId))].sort((a, b) => a - b);
  return (await submittedForAgreement(db, samples)).filter((answer) => served.has(`${answer.labelerId}:${answer.sampleId}`));
}
