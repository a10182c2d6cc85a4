import type { Kysely } from 'kysely';
import type { ClassifyingProgress } from '../../shared/domain/classifying';
import type { SampleFilter, SampleSort } from '../../shared/domain/sample';
import { keptAgreementOf, samplePageByAgreement, samplesWithinBound } from '../db/queries/sample-agreement';
import { listSamples, orderedSampleIds, type SampleListRow } from '../db/queries/samples';
import type { Database } from '../db/schema';
import type { OpenProject } from './hosting/context';
import { refreshKeptSamples } from './review-queue-kept';

/**
 * Samples by agreement between their labelers. Each compared sample's agreement is kept in the
 * database with the Review queue (migration 24) and brought up to date with it: triggers mark the
 * samples a write changes, and the next read classifies only those (in the background when they
 * are many: see `KeptQueueCatchUp`), so a sort or a bound is SQL over an index. A project opened
 * read-only cannot bring the kept scores up to date: there they come from the agreement worker's
 * ledger and the list is ordered in memory, as before.
 */

/** Each compared sample's agreement between its labelers (1 − its disagreement score), by sample id. */
export type AgreementBySample = ReadonlyMap<number, number>;

type Filter = Omit<SampleFilter, 'tags'> & { tags: string[] };

/** Up to this many samples within an agreement bound, they are read from the score index rather than each sample checked. */
const FEW_WITHIN_BOUND = 2_000;

/** Whether the list's filter or order needs each sample's agreement. */
export function usesAgreement(filter: Pick<SampleFilter, 'agreement'>, sort?: SampleSort): boolean {
  return filter.agreement !== undefined || sort?.by === 'agreement';
}

/**
 * Brings the whole kept agreement up to date (the samples marked stale since the last read), before
 * a query that must be exact reads it: call it outside any transaction (each chunk is its own).
 * Waits for a background classification to finish. Read-only: nothing to do.
 */
export async function keepAgreementCurrent(project: OpenProject): Promise<void> {
  await project.keptQueue?.current();
}

/** The agreement of each of these samples (absent: fewer than two labelers submitted it), those marked stale classified first. */
export async function agreementOf(project: OpenProject, sampleIds: readonly number[]): Promise<AgreementBySample> {
  if (!project.keptQueue) return agreementFromWorker(project);
  await refreshKeptSamples(project.connection.db, project.kind, sampleIds);
  return keptAgreementOf(project.connection.db, sampleIds);
}

/**
 * One page of the list when its filter or order needs agreement, with how many match in all:
 * page 57 of "lowest agreement first" is the 57th hundred of the whole project. While many samples
 * are being classified, the page is cut from the agreement kept so far, and says how far that is.
 */
export async function samplePageWithAgreement(
  project: OpenProject,
  query: Filter & { sort: SampleSort; offset: number; limit: number },
): Promise<{ total: number; rows: SampleListRow[]; classifying: ClassifyingProgress | null }> {
  const { db } = project.connection;
  if (!project.keptQueue) {
    const ids = await sampleIdsInOrder(db, query, query.sort, await agreementFromWorker(project));
    return { total: ids.length, rows: await rowsInOrder(db, ids.slice(query.offset, query.offset + query.limit)), classifying: null };
  }
  const classifying = await project.keptQueue.forRead();
  const { sort, offset, limit, ...filter } = query;
  if (sort.by !== 'agreement') {
    // A narrow bound ("below 50%") is read from the score index first; a wide one is checked per sample.
    const few = filter.agreement !== undefined && (await samplesWithinBound(db, filter.agreement)) <= FEW_WITHIN_BOUND;
    return { ...(await listSamples(db, { ...query, agreementFirst: few })), classifying };
  }
  const { total, ids } = await samplePageByAgreement(db, filter, { descending: sort.descending, offset, limit });
  return { total, rows: await rowsInOrder(db, ids), classifying };
}

/** The list's rows of these samples, in the order given. */
async function rowsInOrder(db: Kysely<Database>, ids: readonly number[]): Promise<SampleListRow[]> {
  const { rows } = await listSamples(db, { ids: [...ids], tags: [], offset: 0, limit: ids.length });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Agreement per sample from the worker's ledger (loaded on first use, then current with every submission). */
async function agreementFromWorker(project: OpenProject): Promise<AgreementBySample> {
  const agreement = new Map<number, number>();
  for (const [sampleId, score] of await project.agreement.sampleScores()) agreement.set(sampleId, 1 - score);
  return agreement;
}

/**
 * Every sample matching `filter`, in `sort`'s order, with agreement from memory applied (a
 * read-only project): SQL filters and orders what it can, then the bound is applied and, for an
 * agreement order, the whole list is sorted before any page is cut. Samples fewer than two
 * labelers answered match no bound and sort last either way; ties go by import order.
 */
async function sampleIdsInOrder(db: Kysely<Database>, filter: Filter, sort: SampleSort, agreement: AgreementBySample): Promise<number[]> {
  const byAgreement = sort.by === 'agreement';
  const bound = filter.agreement;
  // The bound is applied here: the kept scores may be behind in a project that cannot refresh them.
  let ids = await orderedSampleIds(db, { ...filter, agreement: undefined, sort: byAgreement ? { by: 'added', descending: sort.descending } : sort });
  if (bound) {
    ids = ids.filter((id) => {
      const value = agreement.get(id);
      return value !== undefined && (bound.below === undefined || value < bound.below) && (bound.atLeast === undefined || value >= bound.atLeast);
    });
  }
  if (byAgreement) {
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
