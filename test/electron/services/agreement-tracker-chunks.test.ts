import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { submittedForAgreement } from '../../../electron/db/queries/agreement-inputs';
import { insertLabeler } from '../../../electron/db/queries/labelers';
import { insertGuidelineVersion, insertProject } from '../../../electron/db/queries/project';
import { insertSamples } from '../../../electron/db/queries/samples';
import type { ProjectDatabase } from '../../../electron/db/project-database';
import type { Database } from '../../../electron/db/schema';
import { AgreementTracker } from '../../../electron/services/agreement-tracker';
import { AgreementLedger } from '../../../shared/agreement';
import { describeOnEngines } from '../../support/engines';

/** More samples than two of the tracker's chunks (1,000 each), so more than two are read while the worker measures. */
const SAMPLES = 3_500;

/** `SAMPLES` samples, each answered by two labelers with a box whose width depends on the sample (so scores differ). */
async function answeredProject(db: Kysely<Database>): Promise<void> {
  await insertProject(db, { name: 'p', kind: 'bbox', createdAt: 1 });
  const version = await insertGuidelineVersion(db, { version: 1, bodyMd: '# v1', changelog: 'first', publishedAt: 1 });
  const labelers = [
    (await insertLabeler(db, { name: 'ana', role: 'labeler', createdAt: 1 })).id,
    (await insertLabeler(db, { name: 'ben', role: 'labeler', createdAt: 1 })).id,
  ];
  const names = Array.from({ length: SAMPLES }, (_, i) => `s${i}.png`);
  await insertSamples(
    db,
    names.map((name) => ({
      display_name: name,
      media_path: `/${name}`,
      media_kind: 'image',
      mime_type: 'image/png',
      sha256: name,
      byte_size: 1,
      imported_at: 1,
    })),
  );
  const samples = (await db.selectFrom('sample').select('id').orderBy('id').execute()).map((row) => row.id);
  for (const [index, labelerId] of labelers.entries()) {
    for (let first = 0; first < samples.length; first += 500) {
      const batch = samples.slice(first, first + 500).map((sampleId) => {
        const width = 10 + ((sampleId * (index + 3)) % 7);
        const payload = JSON.stringify({
          v: 1,
          kind: 'bbox',
          boxes: [{ id: 'b', classId: 1 + (sampleId % 2), x1: 0, y1: 0, x2: width, y2: 10 }],
          noObjects: false,
          tags: [],
        });
        return { sampleId, payload };
      });
      const annotations = await db
        .insertInto('annotation')
        .values(
          batch.map(({ sampleId, payload }) => ({
            sample_id: sampleId,
            labeler_id: labelerId,
            guideline_version_id: version,
            status: 'submitted',
            payload_json: payload,
            revision: 1,
            created_at: 1,
            updated_at: 1,
            submitted_at: 1,
          })),
        )
        .returning(['id', 'sample_id'])
        .execute();
      const payloadOf = new Map(batch.map(({ sampleId, payload }) => [sampleId, payload]));
      await db
        .insertInto('annotation_revision')
        .values(
          annotations.map((row) => ({
            annotation_id: row.id,
            revision: 1,
            status: 'submitted',
            guideline_version_id: version,
            payload_json: payloadOf.get(row.sample_id)!,
            saved_at: 1,
          })),
        )
        .execute();
    }
  }
}

describeOnEngines('the agreement tracker reading a project a chunk at a time', (engine) => {
  it('measures every sample once, in order, when the project takes more chunks than the worker holds at once', async () => {
    const db = await engine.migratedDatabase();
    await answeredProject(db);
    const tracker = new AgreementTracker({ db } as ProjectDatabase, 'bbox');
    try {
      const options = { iouThreshold: 0.5 };
      const dashboard = await tracker.dashboard(options);
      expect(dashboard.samplesCompared).toBe(SAMPLES);
      // The same answers measured in one go, in this process: the same figures, intervals and lists to the last digit.
      expect(dashboard).toEqual(AgreementLedger.of('bbox', await submittedForAgreement(db), options).dashboard());
    } finally {
      await tracker.close();
    }
  }, 120_000);
});
