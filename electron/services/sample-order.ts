import type { Kysely } from 'kysely';
import type { SampleFilter, SampleSort } from '../../shared/domain/sample';
import { orderedSampleIds } from '../db/queries/samples';
import type { Database } from '../db/schema';
import type { OpenProject } from './hosting/context';

/** Each compared sample's agreement between its labelers (1 − its disagreement score), by sample id. */
export type AgreementBySample = ReadonlyMap<number, number>;

type Filter = Omit<SampleFilter, 'tags'> & { tags: string[] };

/** Whether the list's filter or order needs each sample's agreement, which SQL does not hold. */
export function usesAgreement(filter: Pick<SampleFilter, 'agreement'>, sort?: SampleSort): boolean {
  return filter.agreement !== undefined || sort?.by === 'agreement';
}

/** Agreement per sample from the tracker's kept ledger (loaded on first use, then current with every submission). */
export async function agreementBySample(project: OpenProject): Promise<AgreementBySample> {
  const agreement = new Map<number, number>();
  for (const [sampleId, score] of await project.agreement.sampleScores()) agreement.set(sampleId, 1 - score);
  return agreement;
}

/** The agreement a filter needs, or null when it has no agreement bound (read before a transaction: the worker may take seconds). */
export async function agreementForFilter(project: OpenProject, filter: Pick<SampleFilter, 'agreement'>): Promise<AgreementBySample | null> {
  return filter.agreement ? await agreementBySample(project) : null;
}

/**
 * Every sample matching `filter`, in `sort`'s order, with agreement applied: SQL filters and orders
 * what it can, then the agreement bound is applied and, for an agreement order, the whole
 * matching list is sorted before any page is cut, so pages never skip or repeat a sample.
 * Samples fewer than two labelers answered match no agreement bound and sort last either way;
 * ties go by import order, as the SQL orders do.
 *
 * @example
 * const ids = await sampleIdsInOrder(db, { tags: [] }, { by: 'agreement', descending: false }, agreement);
 * ids.slice(0, 100); // the 100 samples labelers agree on least
 */
export async function sampleIdsInOrder(db: Kysely<Database>, filter: Filter, sort: SampleSort, agreement: AgreementBySample | null): Promise<number[]> {
  const byAgreement = sort.by === 'agreement';
  let ids = await orderedSampleIds(db, { ...filter, sort: byAgreement ? { by: 'added', descending: sort.descending } : sort });
  const bound = filter.agreement;
  if (bound && agreement) {
    ids = ids.filter((id) => {
      const value = agreement.get(id);
      return value !== undefined && (bound.below === undefined || value < bound.below) && (bound.atLeast === undefined || value >= bound.atLeast);
    });
  }
  if (byAgreement && agreement) {
    const direction = sort.descending ? -1 : 1;
    // A stable sort over ids already in import order (in the direction asked): ties keep it.
    ids.sort((x, y) => {
      const a = agreement.get(x);
      const b = agreement.get(y);
      if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1;
      return (a - b) * direction;
    });
  }
  return ids;
}
