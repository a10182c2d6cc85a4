import type { Kysely } from 'kysely';
import type { Database } from '../../electron/db/schema';

/**
 * The rows most database tests start from, written directly: labelers by name (ids 1, 2, …),
 * published guideline versions (`v1` …, ids in the same order), and image samples `s1.jpg` …
 * with sha256 `sha1` … (ids 1 … count).
 * @example await seedBasicRows(db, { labelers: ['ana'], guidelineVersions: [1], samples: 2 })
 */
export async function seedBasicRows(
  db: Kysely<Database>,
  rows: { labelers: readonly string[]; guidelineVersions: readonly number[]; samples: number },
): Promise<void> {
  for (const name of rows.labelers)
    await db.insertInto('labeler').values({ name, role: 'labeler', created_at: 1, password_hash: null, disabled_at: null }).execute();
  for (const version of rows.guidelineVersions)
    await db
      .insertInto('guideline_version')
      .values({ version, body_md: '# Rules', changelog: `v${version}`, published_at: version })
      .execute();
  for (let id = 1; id <= rows.samples; id++) {
    await db
      .insertInto('sample')
      .values({
        display_name: `s${id}.jpg`,
        media_path: `/m/s${id}.jpg`,
        media_kind: 'image',
        mime_type: 'image/jpeg',
        sha256: `sha${id}`,
        byte_size: 10,
        imported_at: 1,
      })
      .execute();
  }
}
