import { sql, type ExpressionBuilder, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { Sample, SampleSort, SampleStatus } from '../../../shared/domain/sample';
import { sampleMetadataSchema } from '../../../shared/domain/stored/sample-metadata';
import { dialectOf } from '../dialect';
import { splitTagNames, tagNamesOfSample } from './sample-tag-names';
import { tagIdsNamed } from './tag-names';
import type { Database, NewSampleRow, SampleRow } from '../schema';
import { readStoredJsonOrNull } from '../stored-json';

export interface SampleQuery {
  /** Only these samples (when given). */
  ids?: number[];
  tags: string[];
  status?: SampleStatus | undefined;
  search?: string | undefined;
  /** Only samples this labeler has an annotation of or is assigned. */
  labelerId?: number | undefined;
  /** Only samples whose metadata field reads this text. */
  metadata?: { field: string; value: string } | undefined;
  /** Only samples whose agreement kept in `sample_agreement` is within these bounds (the caller refreshed it). */
  agreement?: { below?: number | undefined; atLeast?: number | undefined } | undefined;
  /** Read the samples within the agreement bound from the score index first: for a bound few samples are within. */
  agreementFirst?: boolean | undefined;
  /** Import order when not given. */
  sort?: SampleSort;
  offset: number;
  limit: number;
}

/** A sample's row without its stored JSON, which the queries parse. */
export type SampleFields = Omit<SampleRow, 'metadata_json'>;

export interface SampleListRow extends SampleFields {
  metadata: Sample['metadata'];
  annotation_count: number;
  submitted_count: number;
  time_spent_ms: number;
  tag_names: string | null;
}

const annotationCount = (eb: ExpressionBuilder<Database, 'sample'>) =>
  eb
    .selectFrom('annotation')
    .select((e) => e.fn.countAll<number>().as('n'))
    .whereRef('annotation.sample_id', '=', 'sample.id');

const submittedCount = (eb: ExpressionBuilder<Database, 'sample'>) => annotationCount(eb).where('annotation.status', '=', 'submitted');

const timeSpent = (eb: ExpressionBuilder<Database, 'sample'>) =>
  eb
    .selectFrom('annotation')
    .select((e) => e.fn.coalesce(e.fn.sum<number>('annotation.time_spent_ms'), e.lit(0)).as('ms'))
    .whereRef('annotation.sample_id', '=', 'sample.id');

/** The samples matching `query`'s filters, as a query to select from. */
export function filteredSamples(db: Kysely<Database>, query: Omit<SampleQuery, 'offset' | 'limit'>) {
  let q = db.selectFrom('sample');
  if (query.ids) q = q.where('sample.id', 'in', query.ids.length > 0 ? query.ids : [-1]);
  for (const tag of query.tags) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('sample_tag')
          .select('sample_tag.sample_id')
          .whereRef('sample_tag.sample_id', '=', 'sample.id')
          // By the tag's id: a filter kept from before a rename names the tag as it was then.
          .where('sample_tag.tag_id', 'in', (inner) => tagIdsNamed(inner, tag)),
      ),
    );
  }
  const search = query.search?.toLowerCase();
  if (search) {
    // A position rather than LIKE: user text may hold % and _ and should match literally.
    q = q.where((eb) => eb(dialectOf(db).textPosition(eb.fn('lower', ['sample.display_name']), search), '>', 0));
  }
  const { labelerId, metadata } = query;
  if (labelerId !== undefined) {
    q = q.where((eb) =>
      eb.or([
        eb.exists(
          eb.selectFrom('annotation').select('annotation.id').whereRef('annotation.sample_id', '=', 'sample.id').where('annotation.labeler_id', '=', labelerId),
        ),
        eb.exists(
          eb
            .selectFrom('assignment')
            .select('assignment.sample_id')
            .whereRef('assignment.sample_id', '=', 'sample.id')
            .where('assignment.labeler_id', '=', labelerId),
        ),
      ]),
    );
  }
  if (metadata) q = q.where((eb) => eb(dialectOf(db).jsonField('sample.metadata_json', metadata.field).text, '=', metadata.value));
  const bound = query.agreement;
  if (bound) {
    const within = (eb: ExpressionBuilder<Database, 'sample'>) =>
      eb
        .selectFrom('sample_agreement as sa')
        .select('sa.sample_id')
        .$if(bound.below !== undefined, (inner) => inner.where('sa.agreement', '<', bound.below!))
        .$if(bound.atLeast !== undefined, (inner) => inner.where('sa.agreement', '>=', bound.atLeast!));
    // IN reads the bound's samples from the score index, then each by id: quick for a few. EXISTS is
    // one pass over the samples whatever the bound: for many, better than reading each by id.
    q = query.agreementFirst ? q.where('sample.id', 'in', within) : q.where((eb) => eb.exists(within(eb).whereRef('sa.sample_id', '=', 'sample.id')));
  }
  if (query.status === 'unlabeled') q = q.where((eb) => eb(annotationCount(eb), '=', 0));
  if (query.status === 'draft') q = q.where((eb) => eb.and([eb(annotationCount(eb), '>', 0), eb(submittedCount(eb), '=', 0)]));
  if (query.status === 'submitted') q = q.where((eb) => eb(submittedCount(eb), '>', 0));
  return q;
}

const firstTag = (eb: ExpressionBuilder<Database, 'sample'>) =>
  eb
    .selectFrom('sample_tag')
    .innerJoin('tag', 'tag.id', 'sample_tag.tag_id')
    .select((e) => e.fn.min('tag.name').as('first'))
    .whereRef('sample_tag.sample_id', '=', 'sample.id');

/**
 * Orders the list; ties (and "added") by import order, so paging never skips or repeats a sample.
 * Agreement is ordered by `sample-agreement.ts` (scores kept with the Review queue) or, in a project
 * opened read-only, by `sample-order.ts` in memory.
 */
function ordered<Q extends SelectQueryBuilder<Database, 'sample', object>>(db: Kysely<Database>, query: Q, sort: SampleSort): Q {
  const direction = sort.descending ? 'desc' : 'asc';
  let q = query as SelectQueryBuilder<Database, 'sample', object>;
  if (sort.by === 'time') q = q.orderBy((eb) => timeSpent(eb), direction);
  if (sort.by === 'labelers') q = q.orderBy((eb) => annotationCount(eb), direction);
  if (sort.by === 'metadata' && sort.field !== undefined) {
    const field = dialectOf(db).jsonField('sample.metadata_json', sort.field);
    // Samples without the field last either way; numbers by value before any text.
    q = q
      .orderBy(sql`(${field.kind} is null)`, 'asc')
      .orderBy(sql`(${field.kind} <> 'number')`, direction)
      .orderBy(field.number, direction)
      .orderBy(field.text, direction);
  }
  if (sort.by === 'name') q = q.orderBy('sample.display_name', direction);
  if (sort.by === 'status') q = q.orderBy((eb) => submittedCount(eb), direction).orderBy((eb) => annotationCount(eb), direction);
  // Untagged samples last either way: "no tag" is not a name that sorts.
  if (sort.by === 'tag') q = q.orderBy((eb) => eb(firstTag(eb), 'is', null), 'asc').orderBy((eb) => firstTag(eb), direction);
  return q.orderBy('sample.id', direction) as Q;
}

/** One page of samples in the order asked (import order by default), with their tags and how far labeling has got. */
export async function listSamples(db: Kysely<Database>, query: SampleQuery): Promise<{ total: number; rows: SampleListRow[] }> {
  const base = filteredSamples(db, query);
  const totalRow = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .selectAll('sample')
    .select((eb) => [
      annotationCount(eb).as('annotation_count'),
      submittedCount(eb).as('submitted_count'),
      timeSpent(eb).as('time_spent_ms'),
      tagNamesOfSample(db, 'sample.id').as('tag_names'),
    ])
    .$call((q) => ordered(db, q, query.sort ?? { by: 'added', descending: false }))
    .offset(query.offset)
    .limit(query.limit)
    .execute();
  return {
    total: Number(totalRow.n),
    rows: rows.map(({ metadata_json, ...row }) => ({
      // The counts are subqueries over COUNT(*): never null, whatever Kysely infers.
      ...(row as Omit<SampleListRow, 'metadata'>),
      // Metadata only describes a sample: a damaged value shows none (and is logged), and the sample can still be labeled.
      metadata: readStoredJsonOrNull(sampleMetadataSchema, metadata_json, { table: 'sample', column: 'metadata_json', row: row.id }) ?? {},
    })),
  };
}

/** Every sample matching `query`'s filters (whatever page is shown), in import order: what a bulk action acts on. */
export async function matchingSampleIds(db: Kysely<Database>, query: Omit<SampleQuery, 'offset' | 'limit' | 'sort'>): Promise<number[]> {
  const rows = await filteredSamples(db, query).select('sample.id').orderBy('sample.id').execute();
  return rows.map((row) => row.id);
}

/** Every sample matching `query`'s filters, in the list's order (an agreement order falls back to import order). */
export async function orderedSampleIds(db: Kysely<Database>, query: Omit<SampleQuery, 'offset' | 'limit'>): Promise<number[]> {
  const rows = await filteredSamples(db, query)
    .select('sample.id')
    .$call((q) => ordered(db, q, query.sort ?? { by: 'added', descending: false }))
    .execute();
  return rows.map((row) => row.id);
}

/** Splits the tag list packed by `listSamples` (unit-separator joined, so commas in names survive). */
export function tagNamesOf(row: SampleListRow): string[] {
  return splitTagNames(row.tag_names);
}

/** Which of these content hashes the project already holds, and under what name. */
export async function findByHashes(db: Kysely<Database>, hashes: readonly string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (let i = 0; i < hashes.length; i += 500) {
    const rows = await db
      .selectFrom('sample')
      .select(['sha256', 'display_name'])
      .where('sha256', 'in', hashes.slice(i, i + 500))
      .execute();
    for (const row of rows) found.set(row.sha256, row.display_name);
  }
  return found;
}

export async function insertSample(db: Kysely<Database>, row: NewSampleRow, tagIds: readonly number[]): Promise<number> {
  const inserted = await db.insertInto('sample').values(row).returning('id').executeTakeFirstOrThrow();
  if (tagIds.length > 0) {
    await db
      .insertInto('sample_tag')
      .values(tagIds.map((tag_id) => ({ sample_id: inserted.id, tag_id })))
      .execute();
  }
  return inserted.id;
}

/** Rows per INSERT in `insertSamples`: well under either engine's limit on bound values. */
const SAMPLES_PER_INSERT = 500;

/**
 * Registers many untagged samples at once, in the caller's transaction: what a project
 * generator uses for files whose facts it already knows, instead of probing each one.
 */
export async function insertSamples(db: Kysely<Database>, rows: readonly NewSampleRow[]): Promise<void> {
  for (let first = 0; first < rows.length; first += SAMPLES_PER_INSERT) {
    await db
      .insertInto('sample')
      .values(rows.slice(first, first + SAMPLES_PER_INSERT))
      .execute();
  }
}

/**
 * Registers samples with their tags, in the caller's transaction: the rows in bulk, then all
 * their tags in bulk. What an import commits per batch, where a statement per file cost more
 * than the file's own checks.
 */
export async function insertSamplesWithTags(db: Kysely<Database>, samples: ReadonlyArray<{ row: NewSampleRow; tagIds: readonly number[] }>): Promise<void> {
  const idOfHash = new Map<string, number>();
  const tagged = samples.some((s) => s.tagIds.length > 0);
  for (let first = 0; first < samples.length; first += SAMPLES_PER_INSERT) {
    const rows = samples.slice(first, first + SAMPLES_PER_INSERT).map((s) => s.row);
    if (!tagged) {
      await db.insertInto('sample').values(rows).execute();
      continue;
    }
    // By content hash, which is unique: neither engine promises the order of rows returned.
    for (const { id, sha256 } of await db.insertInto('sample').values(rows).returning(['id', 'sha256']).execute()) idOfHash.set(sha256, id);
  }
  const links = samples.flatMap(({ row, tagIds }) => tagIds.map((tag_id) => ({ sample_id: idOfHash.get(row.sha256)!, tag_id })));
  for (let first = 0; first < links.length; first += SAMPLES_PER_INSERT) {
    await db
      .insertInto('sample_tag')
      .values(links.slice(first, first + SAMPLES_PER_INSERT))
      .execute();
  }
}

export async function getSample(db: Kysely<Database>, id: number): Promise<SampleFields | null> {
  const row = await db.selectFrom('sample').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const { metadata_json: _metadata, ...fields } = row;
  return fields;
}

export async function listSampleMedia(db: Kysely<Database>): Promise<Array<Pick<SampleRow, 'id' | 'media_path' | 'sha256' | 'byte_size'>>> {
  return db.selectFrom('sample').select(['id', 'media_path', 'sha256', 'byte_size']).orderBy('id').execute();
}

export async function updateMediaPath(db: Kysely<Database>, id: number, mediaPath: string): Promise<void> {
  await db.updateTable('sample').set({ media_path: mediaPath }).where('id', '=', id).execute();
}

export async function sampleIdsByName(db: Kysely<Database>): Promise<Map<string, number>> {
  const rows = await db.selectFrom('sample').select(['id', 'display_name']).execute();
  return new Map(rows.map((r) => [r.display_name, r.id]));
}

/** Display names of the given samples, by id. */
export async function sampleNames(db: Kysely<Database>, ids: readonly number[]): Promise<Map<number, string>> {
  const names = new Map<number, string>();
  // SQLite caps bound parameters; chunks keep any project size within it.
  for (let start = 0; start < ids.length; start += 500) {
    const rows = await db
      .selectFrom('sample')
      .select(['id', 'display_name'])
      .where('id', 'in', ids.slice(start, start + 500))
      .execute();
    for (const row of rows) names.set(row.id, row.display_name);
  }
  return names;
}

/** What an export needs of every sample (or of a page of them, by id after `afterId`): name, content hash, media, size, slice tags. */
export async function samplesForExport(db: Kysely<Database>, page?: { afterId: number; limit: number }) {
  const rows = await db
    .selectFrom('sample')
    .select([
      'sample.id',
      'sample.display_name',
      'sample.sha256',
      'sample.media_path',
      'sample.width',
      'sample.height',
      'sample.duration_ms',
      tagNamesOfSample(db, 'sample.id').as('tagNames'),
    ])
    .$if(page !== undefined, (q) => q.where('sample.id', '>', page!.afterId).limit(page!.limit))
    .orderBy('sample.id')
    .execute();
  return rows.map(({ tagNames, ...row }) => ({ ...row, tags: splitTagNames(tagNames) }));
}

/** Gives the samples a slice tag (those that have it already keep it once). */
export async function tagSamples(db: Kysely<Database>, sampleIds: readonly number[], tagId: number): Promise<void> {
  for (let start = 0; start < sampleIds.length; start += 300) {
    await db
      .insertInto('sample_tag')
      .values(sampleIds.slice(start, start + 300).map((sample_id) => ({ sample_id, tag_id: tagId })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}

/** Takes a slice tag off the samples (those without it are left as they are); returns how many had it. */
export async function untagSamples(db: Kysely<Database>, sampleIds: readonly number[], tagId: number): Promise<number> {
  let removed = 0;
  for (let start = 0; start < sampleIds.length; start += 300) {
    const result = await db
      .deleteFrom('sample_tag')
      .where('tag_id', '=', tagId)
      .where('sample_id', 'in', sampleIds.slice(start, start + 300))
      .executeTakeFirst();
    removed += Number(result.numDeletedRows);
  }
  return removed;
}

/** Which of these ids are samples of the project (a selection may name a sample removed since, or none at all). */
export async function existingSampleIds(db: Kysely<Database>, ids: readonly number[]): Promise<number[]> {
  const found: number[] = [];
  for (let start = 0; start < ids.length; start += 500) {
    const rows = await db
      .selectFrom('sample')
      .select('id')
      .where('id', 'in', ids.slice(start, start + 500))
      .execute();
    found.push(...rows.map((row) => row.id));
  }
  return found.sort((a, b) => a - b);
}

/** Which of these samples someone has submitted now (a submission sent back to relabel is a draft again). */
export async function samplesWithSubmissions(db: Kysely<Database>, ids: readonly number[]): Promise<number[]> {
  const found = new Set<number>();
  for (let start = 0; start < ids.length; start += 500) {
    const rows = await db
      .selectFrom('annotation')
      .select('sample_id')
      .distinct()
      .where('status', '=', 'submitted')
      .where('sample_id', 'in', ids.slice(start, start + 500))
      .execute();
    for (const row of rows) found.add(row.sample_id);
  }
  return ids.filter((id) => found.has(id));
}
