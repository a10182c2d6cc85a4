import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect';
import type { Database } from '../schema';

/** Between tag names in one text: a control character no tag name holds. */
const SEPARATOR = '\u001f';

/**
 * A correlated subquery for a select list: the tag names of the sample whose id is in the outer
 * query's `sampleIdColumn` (for example `'sample.id'`), as one text, null when it has none. Read
 * it with {@link splitTagNames}.
 */
export function tagNamesOfSample(db: Kysely<Database>, sampleIdColumn: string) {
  return db
    .selectFrom('sample_tag')
    .innerJoin('tag', 'tag.id', 'sample_tag.tag_id')
    .select(dialectOf(db).joinText('tag.name', SEPARATOR).as('names'))
    .where('sample_tag.sample_id', '=', sql.ref<number>(sampleIdColumn));
}

/** The names {@link tagNamesOfSample} selected, sorted: the engines join them in no promised order. */
export function splitTagNames(joined: string | null): string[] {
  return joined ? joined.split(SEPARATOR).sort() : [];
}
