import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OperationArg } from '../../../shared/api/contract';
import { AgreementLedger } from '../../../shared/agreement';
import { bySample } from '../../../shared/agreement/current-answers';
import { ReviewLedger, type ReviewPageQuery } from '../../../shared/disagreement/review-ledger';
import type { DisagreementType } from '../../../shared/disagreement/types';
import type { ReviewQueueView } from '../../../shared/domain/gold';
import { submittedForAgreement } from '../../../electron/db/queries/agreement-inputs';
import { currentDecisions } from '../../../electron/db/queries/gold';
import { makeProject } from '../../../electron/generate/make-project';
import { describeOnEngines } from '../../support/engines';
import { openDemoAs, useServiceHost, type TestHost } from '../../support/service-host';
import { useTempDirs } from '../../support/temp-dir';

type QueueArg = OperationArg<'review.queue'>;

/** Queries an SME makes: the whole queue, pages, each kind of filter, undecided only, by sample id. */
function queriesOf(first: {
  types: Record<string, number | undefined>;
  classIds: number[];
  tags: string[];
  pairs: string[];
  guidelineVersions: number[];
}): QueueArg[] {
  const type = Object.keys(first.types)[0] as DisagreementType;
  return [
    {},
    { limit: 2 },
    { sort: 'sampleId', limit: 3 },
    { filters: { type } },
    { filters: { undecidedOnly: true } },
    { filters: { pair: first.pairs[0]! } },
    { filters: { version: first.guidelineVersions[0]! } },
    ...(first.classIds.length > 0 ? [{ filters: { classId: first.classIds[0]! } }] : []),
    ...(first.tags.length > 0 ? [{ filters: { tag: first.tags[0]! } }] : []),
    // Combinations are counted rather than read from the kept sums; small pages read a rare value's samples first.
    { filters: { type, undecidedOnly: true }, limit: 2 },
    { filters: { type, pair: first.pairs[0]! } },
    { filters: { pair: first.pairs[0]!, version: first.guidelineVersions[0]! }, limit: 1 },
    { filters: { tag: 'a tag no sample has' } },
  ];
}

/**
 * Every query answered from the queue kept in the database, and again from the same answers
 * classified in memory as the review ledger does (the order and facets Review had before the
 * queue was kept), following each page's cursor to the end.
 */
async function expectKeptEqualsComputed(host: TestHost, dir: string, kind: 'bbox' | 'transcript'): Promise<void> {
  const whole = await host.ok('review.queue', { limit: 1000 });
  expect(whole.items.length).toBeGreaterThan(0);
  const connection = await host.openDatabase(dir);
  try {
    const annotations = await submittedForAgreement(connection.db);
    const severity = new Map(
      [...bySample(annotations)].map(([id, list]) => [id, AgreementLedger.scoreOfSample(kind, id, list, { iouThreshold: 0.5, normalize: [] }) ?? 0]),
    );
    const ledger = ReviewLedger.of(annotations, severity, { iouThreshold: 0.5 });
    const decided = new Set((await currentDecisions(connection.db)).keys());
    for (const arg of queriesOf(whole.items[0]!)) {
      const { undecidedOnly, ...filters } = { type: null, classId: null, tag: null, pair: null, version: null, undecidedOnly: false, ...arg.filters };
      let after: ReviewPageQuery['after'] = null;
      do {
        const kept: ReviewQueueView = await host.ok('review.queue', { ...arg, after });
        const computed = ledger.page({ filters, sort: arg.sort ?? 'severity', after, limit: arg.limit ?? 100, exclude: undecidedOnly ? decided : undefined });
        const { items, ...rest } = kept;
        expect({ ...rest, items: items.map(({ displayName: _name, decision: _decision, ...item }) => item) }, JSON.stringify(arg)).toEqual(computed);
        after = kept.next;
      } while (after !== null);
    }
  } finally {
    await connection.close();
  }
}

describeOnEngines('the Review queue kept in the project database', (engine) => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost(engine.name);

  it('answers what classifying every answer would, after submissions, decisions, tags and relabels', async () => {
    const host = newHost(tempDir());
    const labelers = await openDemoAs(host, 'bbox', 'sam');
    const { dir } = (await host.ok('projects.current', {}))!;
    await expectKeptEqualsComputed(host, dir, 'bbox');

    // Chen submits the astronaut draft, the SME decides the most severe sample, a tag is added and samples go back for relabeling.
    const samples = (await host.ok('samples.list', {})).items;
    const astronaut = samples.find((s) => s.displayName === 'astronaut.jpg')!.id;
    const chen = labelers.get('chen')!;
    await host.signInAs(chen);
    const draft = (await host.ok('annotations.mine', { labelerId: chen, sampleId: astronaut }))!;
    await host.ok('annotations.save', { labelerId: chen, sampleId: astronaut, status: 'submitted', baseRevision: draft.revision, payload: draft.payload });
    await host.signInAs(labelers.get('sam')!);
    const top = (await host.ok('review.queue', { limit: 1 })).items[0]!;
    const evidence = await host.ok('review.sample', { sampleId: top.sampleId });
    await host.ok('review.decide', { sampleId: top.sampleId, choice: 'consensus', baseRevision: null, answersSeenAt: evidence.answersAt });
    const queued = (await host.ok('review.queue', {})).items.map((item) => item.sampleId);
    await host.ok('samples.tag', { sampleIds: queued.slice(0, 2), tag: 'night' });
    await host.ok('samples.relabel', { selection: { ids: queued.slice(-2) }, reason: 'boxes too loose' });
    const tagged = await host.ok('review.queue', { filters: { tag: 'night' } });
    expect(tagged.items.map((item) => item.sampleId).sort()).toEqual(queued.slice(0, 2).sort());
    await expectKeptEqualsComputed(host, dir, 'bbox');

    // Reopened, it answers the same without classifying anything again.
    const before = await host.ok('review.queue', {});
    await host.ok('projects.close', {});
    await host.ok('projects.open', { dir });
    await host.signInAs(labelers.get('sam')!);
    expect(await host.ok('review.queue', {})).toEqual(before);
  });
});

// The generator writes a project file (SQLite); the demo above runs on both engines.
describe('the Review queue of a generated project', () => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost();

  it('equals the classified queue, before and after a labeler resubmits', async () => {
    const dataDir = tempDir();
    const made = await makeProject({ kind: 'bbox', samples: 40, labelers: 3, boxes: 4, seed: 7, out: join(tempDir(), 'generated'), dataDir });
    const host = newHost(dataDir);
    await host.ok('projects.open', { dir: made.projectDir, readOnly: false });
    await expectKeptEqualsComputed(host, made.projectDir, 'bbox');
    const labeler = made.labelers[1]!;
    const sampleId = (await host.ok('samples.list', { limit: 1 })).items[0]!.id;
    const window = host.connection();
    await window.ok('session.signIn', { method: 'password', name: labeler.name, password: 'concord-labeler' });
    const mine = (await window.ok('annotations.mine', { labelerId: labeler.id, sampleId }))!;
    const payload = mine.payload.kind === 'bbox' ? { ...mine.payload, boxes: mine.payload.boxes.slice(1) } : mine.payload;
    await window.ok('annotations.save', { labelerId: labeler.id, sampleId, status: 'submitted', baseRevision: mine.revision, payload });
    await expectKeptEqualsComputed(host, made.projectDir, 'bbox');
  });
});
