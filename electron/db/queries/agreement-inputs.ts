import type { Kysely } from 'kysely';
import type { AnnotationForAgreement } from '../../../shared/agreement/types';
import { withCurrentTagNames } from '../../../shared/domain/taxonomy';
import { tagNamesNow } from './project';
import { splitTagNames, tagNamesOfSample } from './sample-tag-names';
import { formerTagNames } from './tag-names';
import type { Database } from '../schema';
import { readStoredPayload } from '../stored-payload';

/**
 * What agreement and review read: for each sample and labeler, the latest submitted revision
 * under each guideline version they labeled it under (of one sample, or of the project), with
 * the sample's tags. Drafts are left out: they are not yet an answer, and a labeler relabeling
 * under a new guideline keeps their last answer until they submit the new one. The latest
 * revision overall is a labeler's current answer; the older versions' ones let agreement be
 * compared across guideline versions on the same samples.
 */
export async function submittedForAgreement(db: Kysely<Database>, samples?: number | readonly number[]): Promise<AnnotationForAgreement[]> {
  if (Array.isArray(samples)) {
    const found: AnnotationForAgreement[] = [];
    // SQLite caps bound parameters; chunks keep any number of samples within it.
    for (let start = 0; start < samples.length; start += 500) found.push(...(await submittedOf(db, samples.slice(start, start + 500))));
    return found;
  }
  return submittedOf(db, samples as number | undefined);
}

async function submittedOf(db: Kysely<Database>, samples: number | readonly number[] | undefined): Promise<AnnotationForAgreement[]> {
  // Agreement per tag is one history across a rename: tags given under a former name count under the current one.
  const currentName = await tagNamesNow(db);
  return (await submittedRows(db, samples)).map((row) => ({
    sampleId: row.sampleId,
    labelerId: row.labelerId,
    guidelineVersion: row.guidelineVersion,
    submittedAt: row.submittedAt,
    sampleTags: row.sampleTags,
    // Agreement over answers with one quietly missing would be a wrong number: a damaged answer fails the read.
    payload: withCurrentTagNames(
      readStoredPayload(row.payloadJson, { table: 'annotation_revision', column: 'payload_json', row: row.revisionId }),
      currentName,
    ),
  }));
}

/** A submitted answer as stored ({@link submittedRevisions} selects it): its payload not yet parsed. */
export interface StoredAnswer {
  revisionId: number;
  sampleId: number;
  labelerId: number;
  guidelineVersion: number;
  submittedAt: number;
  payloadJson: string;
}

/** One submitted answer with its sample's tags, its payload still the stored text: what {@link submittedForAgreement} reads, before it parses. */
export interface SubmittedAnswerRow extends StoredAnswer {
  /** The sample's tag names, sorted. */
  sampleTags: string[];
}

/**
 * The rows {@link submittedForAgreement} reads for `samples` (500 at a time, in increasing id), their
 * payloads unparsed: the agreement worker parses and checks them itself, so the main thread holds
 * no parsed answers while it reads a large project a chunk at a time.
 */
export async function submittedAnswerRows(db: Kysely<Database>, samples: readonly number[]): Promise<SubmittedAnswerRow[]> {
  const found: SubmittedAnswerRow[] = [];
  for (let start = 0; start < samples.length; start += 500) found.push(...(await submittedRows(db, samples.slice(start, start + 500))));
  return found;
}

async function submittedRows(db: Kysely<Database>, samples: number | readonly number[] | undefined): Promise<SubmittedAnswerRow[]> {
  const rows = await submittedRevisions(db)
    .select(tagNamesOfSample(db, 'a.sample_id').as('tagNames'))
    .where(({ eb, selectFrom }) =>
      eb(
        'r.revision',
        '=',
        selectFrom('annotation_revision as later')
          .select((e) => e.fn.max('later.revision').as('latest'))
          .whereRef('later.annotation_id', '=', 'r.annotation_id')
          .whereRef('later.guideline_version_id', '=', 'r.guideline_version_id')
          .where('later.status', '=', 'submitted'),
      ),
    )
    .$if(typeof samples === 'number', (query) => query.where('a.sample_id', '=', samples as number))
    .$if(Array.isArray(samples), (query) => query.where('a.sample_id', 'in', samples as readonly number[]))
    .orderBy('a.sample_id')
    .orderBy('a.labeler_id')
    .orderBy('g.version')
    .execute();
  // Each field by name: a rest pattern copies a row through the engine's slow path, ~40–80 ms of
  // the main thread for a 10,000-clip project's 30,000 answers, beside the worker measuring them.
  return rows.map((row) => ({
    revisionId: row.revisionId,
    sampleId: row.sampleId,
    labelerId: row.labelerId,
    guidelineVersion: row.guidelineVersion,
    submittedAt: row.submittedAt,
    payloadJson: row.payloadJson,
    sampleTags: splitTagNames(row.tagNames),
  }));
}

/**
 * Every submitted revision (`r`) with its annotation (`a`) and guideline version (`g`), as an answer
 * is read for agreement and for a dataset version: who gave it, on which sample, under which
 * guideline version, when, and its stored payload. Callers narrow it to their samples and order it.
 */
export function submittedRevisions(db: Kysely<Database>) {
  return db
    .selectFrom('annotation_revision as r')
    .innerJoin('annotation as a', 'a.id', 'r.annotation_id')
    .innerJoin('guideline_version as g', 'g.id', 'r.guideline_version_id')
    .select([
      'r.id as revisionId',
      'a.sample_id as sampleId',
      'a.labeler_id as labelerId',
      'g.version as guidelineVersion',
      'r.saved_at as submittedAt',
      'r.payload_json as payloadJson',
    ])
    .where('r.status', '=', 'submitted');
}

/** The ids of the samples with a submitted revision, in order: what a ledger reads, a chunk at a time. */
export async function samplesWithSubmissions(db: Kysely<Database>): Promise<number[]> {
  const rows = await db
    .selectFrom('annotation as a')
    .select('a.sample_id as sampleId')
    .where(({ exists, selectFrom }) =>
      exists(selectFrom('annotation_revision as r').select('r.id').whereRef('r.annotation_id', '=', 'a.id').where('r.status', '=', 'submitted')),
    )
    .distinct()
    .orderBy('a.sample_id')
    .execute();
  return rows.map((row) => row.sampleId);
}

/**
 * What each sample's agreement inputs are made of, as a short stamp per sample id: its submitted
 * revisions (their count and newest id: revisions are only ever added, so any new answer changes
 * the newest id), its tags, and the tags' former names (a rename changes the names answers are
 * read under). A kept review queue entry whose stamp still matches was computed from the same
 * answers and tags; one that differs is computed again.
 */
export async function submittedStamps(db: Kysely<Database>): Promise<Map<number, string>> {
  const rows = await db
    .selectFrom('annotation_revision as r')
    .innerJoin('annotation as a', 'a.id', 'r.annotation_id')
    .select((eb) => [
      'a.sample_id as sampleId',
      eb.fn.max('r.id').as('newest'),
      eb.fn.countAll().as('revisions'),
      tagNamesOfSample(db, 'a.sample_id').as('tagNames'),
    ])
    .where('r.status', '=', 'submitted')
    .groupBy('a.sample_id')
    .execute();
  const renames = (await formerTagNames(db)).map((former) => `${former.name}>${former.tagId}`).join(',');
  // PostgreSQL returns counts and maxima of bigint columns as text: Number() reads both engines alike.
  return new Map(rows.map((row) => [row.sampleId, `${Number(row.revisions)}:${Number(row.newest)}:${splitTagNames(row.tagNames).join(',')}:${renames}`]));
}
