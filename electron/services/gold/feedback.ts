import type { ValidatedArg } from '../../../shared/api/contract';
import type { CheckFeedback } from '../../../shared/domain/gold-checks';
import { pairDisagreements } from '../../../shared/disagreement/review-entry';
import { guidelineSections, sectionMarkdown, sectionOfRule } from '../../../shared/guideline/sections';
import { GOLD_LABELER_ID } from '../../../shared/quality/gold-agreement';
import { findAnnotation } from '../../db/queries/annotation-reads';
import { getCheckSettings, servedChecks } from '../../db/queries/gold-checks';
import { publishedGuideline } from '../../db/queries/guidelines';
import { requireMayRead, requireProject, type ServiceContext } from '../hosting/context';
import { checksWithValidity } from './live-checks';

/**
 * What a labeler sees after submitting a check, if the SME enabled feedback: the gold label
 * beside their own, the guideline section the decision cites, and the differences named in the
 * disagreement taxonomy. Null for any sample that is not a check they were served and have
 * submitted, so nothing is told before the answer is in.
 */
export async function goldFeedback(ctx: ServiceContext, arg: ValidatedArg<'gold.feedback'>): Promise<CheckFeedback | null> {
  const project = requireProject(ctx);
  requireMayRead(ctx, arg.labelerId);
  const { db } = project.connection;
  if (!(await getCheckSettings(db)).feedback) return null;
  const served = (await servedChecks(db, arg.labelerId)).some((row) => row.sampleId === arg.sampleId);
  const mine = served ? await findAnnotation(db, arg.sampleId, arg.labelerId) : null;
  if (!mine || mine.status !== 'submitted') return null;
  const check = (await checksWithValidity(db)).find((c) => c.sampleId === arg.sampleId);
  if (!check) return null;
  const guideline = await publishedGuideline(db, check.decidedUnder);
  const section = check.rule && guideline ? sectionOfRule(guidelineSections(guideline.bodyMd), check.rule) : null;
  return {
    sampleId: arg.sampleId,
    gold: check.payload,
    mine: mine.payload,
    guidelineVersion: check.decidedUnder,
    rule: section && guideline ? { anchor: section.anchor, title: section.title, markdown: sectionMarkdown(guideline.bodyMd, section.anchor) ?? '' } : null,
    differences: pairDisagreements(
      { labelerId: GOLD_LABELER_ID, payload: check.payload },
      { labelerId: arg.labelerId, payload: mine.payload },
      { iouThreshold: 0.5 },
    ),
  };
}
