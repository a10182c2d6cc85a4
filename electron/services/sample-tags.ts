import type { ValidatedArg } from '../../shared/api/contract';
import { ensureTags } from '../db/queries/project';
import type { BulkResult } from '../../shared/domain/sample';
import { tagSamples, untagSamples } from '../db/queries/samples';
import { tagIdByAnyName } from '../db/queries/tag-names';
import { inTransaction } from '../db/transaction';
import { requireProject, type ServiceContext } from './hosting/context';
import { agreementForSelection, selectedSampleIds } from './sample-actions';

/**
 * Tags samples as a slice (from error analysis: "these are all at night"), adding the tag to
 * the project's vocabulary if new; agreement is then measured on the new slice too.
 */
export async function samplesTag(ctx: ServiceContext, arg: ValidatedArg<'samples.tag'>): Promise<{ tagged: number }> {
  const project = requireProject(ctx);
  await inTransaction(project.connection.db, async (trx) => {
    const ids = await ensureTags(trx, [arg.tag]);
    await tagSamples(trx, arg.sampleIds, ids.get(arg.tag)!);
  });
  // Agreement slices by sample tags: the tagged samples' figures must count for the new slice.
  for (const sampleId of arg.sampleIds) project.agreement.sampleChanged(sampleId);
  return { tagged: arg.sampleIds.length };
}

/**
 * Tags every sample matching a filter of the Samples list ("select all 12,345 matching"), on the
 * back end and in one transaction: the samples are those matching when it runs, and either all
 * get the tag or none does.
 */
export async function samplesTagMatching(ctx: ServiceContext, arg: ValidatedArg<'samples.tagMatching'>): Promise<{ tagged: number }> {
  const project = requireProject(ctx);
  await agreementForSelection(project, { filter: arg.filter });
  const sampleIds = await inTransaction(project.connection.db, async (trx) => {
    const ids = await selectedSampleIds(trx, { filter: arg.filter });
    if (ids.length === 0) return ids;
    const tags = await ensureTags(trx, [arg.tag]);
    await tagSamples(trx, ids, tags.get(arg.tag)!);
    return ids;
  });
  for (const sampleId of sampleIds) project.agreement.sampleChanged(sampleId);
  return { tagged: sampleIds.length };
}

/** Takes a slice tag off the selected samples in one transaction; the tag stays in the vocabulary. */
export async function samplesUntag(ctx: ServiceContext, arg: ValidatedArg<'samples.untag'>): Promise<BulkResult> {
  const project = requireProject(ctx);
  await agreementForSelection(project, arg.selection);
  const { ids, removed } = await inTransaction(project.connection.db, async (trx) => {
    const ids = await selectedSampleIds(trx, arg.selection);
    // A name from before a rename still means its tag (a selection made while the list showed it).
    const tagId = await tagIdByAnyName(trx, arg.tag);
    return { ids, removed: tagId === null ? 0 : await untagSamples(trx, ids, tagId) };
  });
  for (const sampleId of ids) project.agreement.sampleChanged(sampleId);
  return { selected: ids.length, changed: removed, unchanged: ids.length - removed };
}
