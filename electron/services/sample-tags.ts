import type { ValidatedArg } from '../../shared/api/contract';
import { ensureTags } from '../db/queries/project';
import { tagSamples } from '../db/queries/samples';
import { inTransaction } from '../db/transaction';
import { requireProject, type ServiceContext } from './hosting/context';

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
