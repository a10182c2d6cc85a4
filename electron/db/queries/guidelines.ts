import type { Kysely } from 'kysely';
import type { DisagreementType } from '../../../shared/disagreement/types';
import type { ExampleEvidence, GuidelineDraft, GuidelineExample, GuidelineVersionSummary, PublishedGuideline } from '../../../shared/domain/guideline';
import { disagreementTypesSchema, storedExampleEvidence } from '../../../shared/domain/stored/guideline';
import { dialectOf } from '../dialect';
import type { Database } from '../schema';
import { readStoredJson, readStoredJsonOrNull } from '../stored-json';

export async function listGuidelineVersions(db: Kysely<Database>): Promise<GuidelineVersionSummary[]> {
  const rows = await db.selectFrom('guideline_version').select(['version', 'changelog', 'published_at']).orderBy('version').execute();
  return rows.map((row) => ({ version: row.version, changelog: row.changelog, publishedAt: new Date(row.published_at).toISOString() }));
}

export async function publishedGuideline(db: Kysely<Database>, version: number): Promise<PublishedGuideline | null> {
  const row = await db.selectFrom('guideline_version').selectAll().where('version', '=', version).executeTakeFirst();
  if (!row) return null;
  return {
    version: row.version,
    changelog: row.changelog,
    publishedAt: new Date(row.published_at).toISOString(),
    bodyMd: row.body_md,
    examples: await examplesOf(db, row.id),
  };
}

/** The draft row, or null when nobody has started one since the last publication. */
export async function readDraft(db: Kysely<Database>): Promise<GuidelineDraft | null> {
  const row = await db.selectFrom('guideline_draft').selectAll().executeTakeFirst();
  if (!row) return null;
  return {
    bodyMd: row.body_md,
    revision: row.revision,
    baseVersion: row.base_version,
    // The draft is one row: saving over a damaged one would lose what it addressed, so reading it fails.
    addresses: readStoredJson(disagreementTypesSchema, row.addresses_json, { table: 'guideline_draft', column: 'addresses_json', row: row.id }),
    examples: await examplesOf(db, null),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/**
 * Locks the draft for a write that depends on what it is now (inside a transaction, until it
 * ends): a save or publication made meanwhile on another connection waits for this one and
 * then reads what it left. Returns the draft's revision, null when there is no draft.
 */
export async function lockDraft(trx: Kysely<Database>): Promise<number | null> {
  const row = await trx
    .selectFrom('guideline_draft')
    .select('revision')
    .$if(dialectOf(trx).locksRows, (q) => q.forUpdate())
    .executeTakeFirst();
  return row?.revision ?? null;
}

/**
 * Writes the draft as its next revision, only over the revision just before it: false when
 * another writer got there first (the write itself checks, so no earlier read can be stale).
 */
export async function writeDraft(
  db: Kysely<Database>,
  draft: { bodyMd: string; baseVersion: number; addresses: readonly DisagreementType[]; revision: number; at: number },
): Promise<boolean> {
  const values = {
    body_md: draft.bodyMd,
    base_version: draft.baseVersion,
    addresses_json: JSON.stringify(draft.addresses),
    revision: draft.revision,
    updated_at: draft.at,
  };
  const result = await db
    .insertInto('guideline_draft')
    .values({ id: 1, ...values })
    .onConflict((oc) =>
      oc
        .column('id')
        .doUpdateSet(values)
        .where('guideline_draft.revision', '=', draft.revision - 1),
    )
    .executeTakeFirst();
  return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
}

export async function deleteDraft(db: Kysely<Database>): Promise<void> {
  await db.deleteFrom('guideline_draft').execute();
}

export interface ExampleWrite {
  section: string;
  polarity: 'do' | 'dont';
  sampleId: number;
  caption: string;
  evidence: ExampleEvidence;
  at: number;
}

export async function addDraftExample(db: Kysely<Database>, example: ExampleWrite): Promise<void> {
  await db
    .insertInto('guideline_example')
    .values({
      guideline_version_id: null,
      section: example.section,
      polarity: example.polarity,
      sample_id: example.sampleId,
      caption: example.caption,
      evidence_json: JSON.stringify(storedExampleEvidence.stamp(example.evidence)),
      created_at: example.at,
    })
    .execute();
}

/** Changes a draft example (published ones are frozen by a trigger); false when there is no such draft example. */
export async function updateDraftExample(
  db: Kysely<Database>,
  id: number,
  change: { section?: string; polarity?: 'do' | 'dont'; caption?: string },
): Promise<boolean> {
  const result = await db.updateTable('guideline_example').set(change).where('id', '=', id).where('guideline_version_id', 'is', null).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function deleteDraftExample(db: Kysely<Database>, id: number): Promise<boolean> {
  const result = await db.deleteFrom('guideline_example').where('id', '=', id).where('guideline_version_id', 'is', null).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Publishing freezes the draft's placed examples into the version and drops unplaced cases. */
export async function freezeDraftExamples(db: Kysely<Database>, versionId: number): Promise<void> {
  await db.deleteFrom('guideline_example').where('guideline_version_id', 'is', null).where('section', '=', '').execute();
  await db.updateTable('guideline_example').set({ guideline_version_id: versionId }).where('guideline_version_id', 'is', null).execute();
}

async function examplesOf(db: Kysely<Database>, versionId: number | null): Promise<GuidelineExample[]> {
  const rows = await db
    .selectFrom('guideline_example as e')
    .innerJoin('sample as s', 's.id', 'e.sample_id')
    .select(['e.id', 'e.section', 'e.polarity', 'e.sample_id', 'e.caption', 'e.evidence_json', 's.display_name', 's.sha256'])
    .where('e.guideline_version_id', versionId === null ? 'is' : '=', versionId)
    .orderBy('e.id')
    .execute();
  // An example whose evidence is damaged is left out (and logged): labelers still need the rest of the guideline.
  return rows.flatMap((row) => {
    const evidence = readStoredJsonOrNull(storedExampleEvidence.schema, row.evidence_json, {
      table: 'guideline_example',
      column: 'evidence_json',
      row: row.id,
    });
    if (!evidence) return [];
    return [
      {
        id: row.id,
        section: row.section,
        polarity: row.polarity,
        sampleId: row.sample_id,
        sampleName: row.display_name,
        sha256: row.sha256,
        caption: row.caption,
        evidence,
      },
    ];
  });
}

/** Opens relabel requests and returns the annotations to drafts, so edits stay drafts until submitted. */
export async function requestRelabel(db: Kysely<Database>, sampleIds: readonly number[], versionId: number, reason: string, at: number): Promise<number> {
  let requests = 0;
  for (const sampleId of sampleIds) {
    const annotations = await db.selectFrom('annotation').select(['labeler_id']).where('sample_id', '=', sampleId).where('status', '=', 'submitted').execute();
    for (const { labeler_id } of annotations) {
      await db
        .insertInto('relabel_request')
        .values({ sample_id: sampleId, labeler_id, guideline_version_id: versionId, reason, requested_at: at, done_at: null })
        // Asked again under the same version: the request opens again with the new reason.
        .onConflict((oc) => oc.columns(['sample_id', 'labeler_id', 'guideline_version_id']).doUpdateSet({ reason, requested_at: at, done_at: null }))
        .execute();
      requests++;
    }
    await db.updateTable('annotation').set({ status: 'draft' }).where('sample_id', '=', sampleId).where('status', '=', 'submitted').execute();
  }
  return requests;
}

/** Open relabel requests of a labeler, by sample id, with the version they are for: all of them, or those of `sampleIds` only. */
export async function openRelabels(
  db: Kysely<Database>,
  labelerId: number,
  sampleIds?: readonly number[],
): Promise<Map<number, { version: number; reason: string }>> {
  const rows = await db
    .selectFrom('relabel_request as r')
    .innerJoin('guideline_version as g', 'g.id', 'r.guideline_version_id')
    .select(['r.sample_id', 'g.version', 'r.reason'])
    .where('r.labeler_id', '=', labelerId)
    .where('r.done_at', 'is', null)
    .$if(sampleIds !== undefined, (query) => query.where('r.sample_id', 'in', sampleIds!))
    .execute();
  return new Map(rows.map((row) => [row.sample_id, { version: row.version, reason: row.reason }]));
}

export async function closeRelabels(db: Kysely<Database>, sampleId: number, labelerId: number, at: number): Promise<void> {
  await db
    .updateTable('relabel_request')
    .set({ done_at: at })
    .where('sample_id', '=', sampleId)
    .where('labeler_id', '=', labelerId)
    .where('done_at', 'is', null)
    .execute();
}

export async function seenVersion(db: Kysely<Database>, labelerId: number): Promise<number | null> {
  const row = await db.selectFrom('guideline_seen').select('version').where('labeler_id', '=', labelerId).executeTakeFirst();
  return row?.version ?? null;
}

export async function markSeen(db: Kysely<Database>, labelerId: number, version: number): Promise<void> {
  await db
    .insertInto('guideline_seen')
    .values({ labeler_id: labelerId, version })
    .onConflict((oc) => oc.column('labeler_id').doUpdateSet({ version }))
    .execute();
}

/** The newest guideline version a labeler saved any annotation under; null for someone who has not labeled. */
export async function lastLabeledVersion(db: Kysely<Database>, labelerId: number): Promise<number | null> {
  const row = await db
    .selectFrom('annotation_revision as r')
    .innerJoin('annotation as a', 'a.id', 'r.annotation_id')
    .innerJoin('guideline_version as g', 'g.id', 'r.guideline_version_id')
    .select((eb) => eb.fn.max('g.version').as('version'))
    .where('a.labeler_id', '=', labelerId)
    .executeTakeFirst();
  return row?.version ?? null;
}
