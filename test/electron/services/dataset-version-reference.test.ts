import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { AgreementLedger, type ProjectAgreement } from '../../../shared/agreement';
import { bySample, currentAnswers } from '../../../shared/agreement/current-answers';
import { exportFileNames } from '../../../shared/dataset/file-names';
import { finalLabel } from '../../../shared/dataset/final-label';
import { assignSplits, type Split } from '../../../shared/dataset/splits';
import type { DatasetItem, DatasetOptions, DatasetSummary } from '../../../shared/domain/dataset';
import { submittedForAgreement } from '../../../electron/db/queries/agreement-inputs';
import { currentGoldLabels } from '../../../electron/db/queries/gold';
import { listGuidelineVersions } from '../../../electron/db/queries/guidelines';
import { listLabelers } from '../../../electron/db/queries/labelers';
import { listClasses } from '../../../electron/db/queries/project';
import { keptAgreementOf } from '../../../electron/db/queries/sample-agreement';
import { samplesForExport } from '../../../electron/db/queries/samples';
import { makeProject } from '../../../electron/generate/make-project';
import { consensusWith } from '../../../electron/services/consensus';
import { frozenItemsOf } from '../../support/dataset-items';
import { describeOnEngines } from '../../support/engines';
import { openDemoAs, useServiceHost, type TestHost } from '../../support/service-host';
import { useTempDirs } from '../../support/temp-dir';

type Reference = { summary: Omit<DatasetSummary, 'version' | 'createdAt'>; items: DatasetItem[] };

/**
 * What a version of the project holds, computed the plain way, all at once: every submitted
 * answer read together, each sample's final label, splits stratified by the rarest class, the
 * figures, and the hash over them. The service streams its reads; its result must be this.
 */
async function referenceVersion(host: TestHost, options: DatasetOptions): Promise<Reference> {
  const { dir, kind } = (await host.ok('projects.current', {}))!;
  const connection = await host.openDatabase(dir);
  try {
    const { db } = connection;
    const answers = await submittedForAgreement(db);
    const agreement: ProjectAgreement = AgreementLedger.of(kind, answers, { iouThreshold: 0.5, normalize: [] }).snapshot();
    const gold = await currentGoldLabels(db);
    const samples = await samplesForExport(db);
    const className = new Map((await listClasses(db)).map((c) => [c.id, c.name]));
    const labelerName = new Map((await listLabelers(db)).map((l) => [l.id, l.name]));
    const weights = new Map(agreement.perLabeler.map((l) => [l.labelerId, Math.max(0.05, l.figure.value ?? 0.5)]));
    const scores = new Map(agreement.perSample.map((row) => [row.sampleId, row.score]));
    const grouped = bySample(answers);
    const bySource = { gold: 0, consensus: 0, single: 0, flagged: 0 };
    let excluded = 0;
    const unsplit: Omit<DatasetItem, 'split' | 'fileName'>[] = [];
    for (const sample of samples) {
      const mine = currentAnswers(grouped.get(sample.id) ?? []);
      const decided = gold.get(sample.id) ?? null;
      if (mine.length === 0 && !decided) continue;
      const score = scores.get(sample.id);
      const agreementOf = score === undefined ? null : 1 - score;
      const chosen = finalLabel({ decision: decided, answers: mine, agreement: agreementOf }, () => consensusWith(kind, mine, { weights }), options);
      if (!chosen) excluded++;
      else {
        bySource[chosen.source]++;
        const { sha256, width, height, duration_ms: durationMs } = sample;
        unsplit.push({
          sampleId: sample.id,
          sha256,
          source: chosen.source,
          guidelineVersion: chosen.guidelineVersion,
          agreement: agreementOf,
          label: chosen.label,
          width,
          height,
          durationMs,
        });
      }
    }
    const classesIn = (item: (typeof unsplit)[number]) => [...new Set(item.label.kind === 'bbox' ? item.label.boxes.map((b) => b.classId) : [])];
    const frequency = new Map<number, number>();
    for (const item of unsplit) for (const id of classesIn(item)) frequency.set(id, (frequency.get(id) ?? 0) + 1);
    const tagsOf = new Map(samples.map((s) => [s.id, s.tags]));
    const stratum = (item: (typeof unsplit)[number]) => {
      const tagPart = [...new Set(options.stratifyTags)]
        .sort()
        .filter((tag) => tagsOf.get(item.sampleId)!.includes(tag))
        .join('+');
      if (item.label.kind !== 'bbox') return `all|${tagPart}`;
      const rarest = classesIn(item).sort((x, y) => frequency.get(x)! - frequency.get(y)! || x - y)[0];
      return `${rarest ?? 'none'}|${tagPart}`;
    };
    const splits = assignSplits(
      unsplit.map((item) => ({ sampleId: item.sampleId, sha256: item.sha256, stratum: stratum(item) })),
      { ratios: options.ratios, seed: options.seed },
    );
    const names = exportFileNames(samples.filter((s) => splits.has(s.id)).map((s) => ({ id: s.id, name: s.display_name })));
    const items = unsplit.map((item) => ({ ...item, split: splits.get(item.sampleId)!, fileName: names.get(item.sampleId)! }));

    const counts = { train: 0, dev: 0, test: 0 };
    const classes = { train: {}, dev: {}, test: {} } as Record<Split, Record<string, number>>;
    const tags = { train: {}, dev: {}, test: {} } as Record<Split, Record<string, number>>;
    for (const item of items) {
      counts[item.split]++;
      if (item.label.kind === 'bbox') for (const box of item.label.boxes) bump(classes[item.split], className.get(box.classId) ?? String(box.classId));
      for (const tag of tagsOf.get(item.sampleId)!) bump(tags[item.split], tag);
    }
    const included = new Set(items.map((item) => item.sampleId));
    const usedVersions = new Set(items.map((item) => item.guidelineVersion));
    const rest = {
      kind,
      options,
      counts,
      excluded,
      bySource,
      classes,
      tags,
      agreement: { value: agreement.overall.value, low: agreement.overall.interval?.low ?? null, high: agreement.overall.interval?.high ?? null },
      guidelines: (await listGuidelineVersions(db)).filter((g) => usedVersions.has(g.version)).map((g) => ({ version: g.version, changelog: g.changelog })),
      labelers: [...new Set(answers.filter((a) => included.has(a.sampleId)).map((a) => labelerName.get(a.labelerId) ?? `#${a.labelerId}`))].sort(),
    };
    const hash = createHash('sha256').update(JSON.stringify(rest));
    for (const item of items) hash.update(JSON.stringify(item));
    return { summary: { ...rest, contentHash: hash.digest('hex') }, items };
  } finally {
    await connection.close();
  }
}

function bump(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

/** Makes the version through the API and checks it, item by item and figure by figure, against the reference. */
async function expectVersionEqualsReference(host: TestHost, options: DatasetOptions): Promise<DatasetSummary> {
  const expected = await referenceVersion(host, options);
  const made = await host.ok('datasets.create', options);
  const { version, createdAt, ...summary } = made;
  expect(summary).toEqual(expected.summary);
  expect(await frozenItemsOf(host, version)).toEqual(expected.items);
  expect(createdAt).toMatch(/^\d{4}-/);
  return made;
}

/**
 * For `count` samples, the first of their labelers submits again, the answer of the second (as a
 * labeler who changed their mind would): their kept agreement is stale until the Review queue is
 * read again, and the version must score them from the answers. Written to the database directly,
 * before the app asks for any agreement, so its ledger reads the new answers when it loads.
 * Returns the kept agreement the changed samples had.
 */
async function resubmitBehindKeptScores(host: TestHost, dir: string, count: number): Promise<Map<number, number>> {
  const connection = await host.openDatabase(dir);
  try {
    const { db } = connection;
    const rows = await db
      .selectFrom('annotation')
      .select(['id', 'sample_id', 'guideline_version_id', 'payload_json'])
      .where('status', '=', 'submitted')
      .orderBy('sample_id')
      .orderBy('labeler_id')
      .execute();
    const answers = new Map<number, typeof rows>();
    for (const row of rows) answers.set(row.sample_id, [...(answers.get(row.sample_id) ?? []), row]);
    const changed = [...answers.values()].filter((list) => list.length >= 2 && list[0]!.payload_json !== list[1]!.payload_json).slice(0, count);
    const kept = await keptAgreementOf(
      db,
      changed.map((list) => list[0]!.sample_id),
    );
    for (const [first, second] of changed as [(typeof rows)[number], (typeof rows)[number]][]) {
      const { latest } = await db
        .selectFrom('annotation_revision')
        .select((eb) => eb.fn.max('revision').as('latest'))
        .where('annotation_id', '=', first.id)
        .executeTakeFirstOrThrow();
      await db
        .insertInto('annotation_revision')
        .values({
          annotation_id: first.id,
          revision: Number(latest) + 1,
          status: 'submitted',
          guideline_version_id: first.guideline_version_id,
          payload_json: second.payload_json,
          saved_at: Date.now(),
        })
        .execute();
    }
    return kept;
  } finally {
    await connection.close();
  }
}

const flagged: DatasetOptions = { ratios: [0.6, 0.2, 0.2], seed: 5, minAgreement: 0.8, unresolved: 'flag', stratifyTags: [], pinTestFrom: null };
const strict: DatasetOptions = { ...flagged, seed: 9, minAgreement: 0.5, unresolved: 'exclude' };

const tempDir = useTempDirs();

it('a version of a generated project equals the plain reference, flagging or leaving out the unresolved', async () => {
  const newHost = useServiceHost();
  const dataDir = tempDir();
  // More samples than one batch of answers the service reads at a time.
  const made = await makeProject({ kind: 'bbox', samples: 600, labelers: 3, boxes: 3, seed: 4, out: join(tempDir(), 'generated'), dataDir });
  const host = newHost(dataDir);
  await host.ok('projects.open', { dir: made.projectDir, readOnly: false });
  // The generator keeps every sample's agreement; these 20 then change behind it.
  const keptBefore = await resubmitBehindKeptScores(host, made.projectDir, 20);
  expect(keptBefore.size).toBeGreaterThan(0);
  const first = await expectVersionEqualsReference(host, flagged);
  expect(first.counts.train + first.counts.dev + first.counts.test).toBe(600);
  expect(first.bySource.flagged).toBeGreaterThan(0);
  // Taking a stale kept score would have frozen an agreement the answers no longer have.
  const frozen = new Map((await frozenItemsOf(host, first.version)).map((item) => [item.sampleId, item.agreement]));
  expect([...keptBefore].some(([sampleId, agreement]) => frozen.get(sampleId) !== agreement)).toBe(true);
  // An export reads the version a page at a time, each page's media with it: every image is its sample's, the last page's too.
  const out = join(tempDir(), 'yolo');
  await host.ok('datasets.export', { version: first.version, format: 'yolo', outDir: out });
  const items = await frozenItemsOf(host, first.version);
  const splitFolder = { train: 'train', dev: 'val', test: 'test' } as const;
  for (const item of [items[0]!, items.at(-1)!, ...items.filter((it) => it.sampleId % 97 === 0)])
    expect(
      createHash('sha256')
        .update(readFileSync(join(out, 'images', splitFolder[item.split], item.fileName)))
        .digest('hex'),
      `sample ${item.sampleId}`,
    ).toBe(item.sha256);
  const second = await expectVersionEqualsReference(host, strict);
  expect(second.excluded).toBeGreaterThan(0);
  expect(second.bySource.consensus).toBeGreaterThan(0);
}, 240_000);

describeOnEngines('a dataset version', (engine) => {
  const newHost = useServiceHost(engine.name);

  it('of the demo projects (gold decisions, tags, transcripts) equals the plain reference', async () => {
    for (const kind of ['bbox', 'transcript'] as const) {
      const host = newHost(tempDir());
      const people = await openDemoAs(host, kind, 'sam');
      // An SME's decision on the first disagreement: the version takes it over the labelers' answers.
      const { sampleId } = (await host.ok('review.queue', {})).items[0]!;
      const { answersAt } = await host.ok('review.sample', { sampleId });
      await host.ok('review.decide', { sampleId, choice: 'consensus', baseRevision: null, answersSeenAt: answersAt });
      await host.signInAs(people.get('eli')!);
      const tags = (await host.ok('projects.current', {}))!.tags.map((t) => t.name);
      const made = await expectVersionEqualsReference(host, { ...flagged, stratifyTags: tags.slice(0, 2) });
      expect(made.bySource.gold).toBe(1);
      await expectVersionEqualsReference(host, strict);
    }
  }, 120_000);
});

it('a damaged answer met while the worker makes the items leaves no version, and the error names it', async () => {
  const newHost = useServiceHost();
  const dataDir = tempDir();
  // Two pages of samples, both made in the version's worker; the damaged answer is on the second.
  const made = await makeProject({ kind: 'bbox', samples: 600, labelers: 3, boxes: 2, seed: 7, out: join(tempDir(), 'generated'), dataDir });
  const host = newHost(dataDir);
  await host.ok('projects.open', { dir: made.projectDir, readOnly: false });
  // The agreement ledger loaded first, as the app has it: the damage comes after, so only the version's own read meets it.
  await host.ok('agreement.project', { iouThreshold: 0.5, normalize: [] });
  const connection = await host.openDatabase(made.projectDir);
  let damaged: number;
  try {
    const { db } = connection;
    const revision = await db
      .selectFrom('annotation_revision as r')
      .innerJoin('annotation as a', 'a.id', 'r.annotation_id')
      .select('r.id')
      .where('a.sample_id', '=', 550)
      .where('r.status', '=', 'submitted')
      .orderBy('r.id', 'desc')
      .executeTakeFirstOrThrow();
    damaged = revision.id;
    await db.updateTable('annotation_revision').set({ payload_json: '{"v":1,"kind":"bb' }).where('id', '=', damaged).execute();
  } finally {
    await connection.close();
  }
  const error = await host.fails('datasets.create', flagged);
  expect(error.code).toBe('damaged');
  expect(error.message).toBe(`The project database is damaged: payload_json of annotation_revision row ${damaged} is not valid JSON.`);
  expect(await host.ok('datasets.list', {})).toEqual([]);
}, 240_000);
