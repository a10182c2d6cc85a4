import { expect, it } from 'vitest';
import { describeOnEngines } from '../../support/engines';
import type { BoxFigure, AgreementDashboard, TranscriptFigure } from '../../../shared/agreement';
import type { EventMap } from '../../../shared/api/events';
import { useServiceHost } from '../../support/service-host';
import { useTempDirs } from '../../support/temp-dir';

describeOnEngines("the project's agreement", (engine) => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost(engine.name);

  it('ranks the demo images by disagreement and shows it only to SMEs', async () => {
    const host = newHost(tempDir());
    await host.ok('projects.openDemo', { kind: 'bbox' });
    const labelers = new Map((await host.ok('labelers.list', {})).map((l) => [l.name, l.id]));
    const samples = new Map((await host.ok('samples.list', {})).items.map((s) => [s.id, s.displayName]));

    await host.signInAs(labelers.get('ana')!);
    expect((await host.fails('agreement.project', {})).code).toBe('forbidden');

    await host.signInAs(labelers.get('sam')!);
    const result = (await host.ok('agreement.project', {})) as AgreementDashboard<BoxFigure>;
    expect(result.kind).toBe('bbox');
    expect(result.overall.value).toBeGreaterThan(0.5);
    expect(result.overall.value).toBeLessThan(1);
    expect(result.overall.interval!.low).toBeLessThanOrEqual(result.overall.value!);
    expect(result.overall.interval!.high).toBeGreaterThanOrEqual(result.overall.value!);
    // Chelsea: ana boxed the cat, chen said "no objects" (ben's is only a draft) - total disagreement.
    // Coins: a box per coin, one box around them all, and a few coins missed.
    expect(result.worstSamples.slice(0, 2).map((s) => [samples.get(s.sampleId), s.score])).toEqual([
      ['chelsea.jpg', 1],
      ['coins.png', expect.closeTo(0.574, 3)],
    ]);
    expect(result.perPair.map((p) => [p.labelerA, p.labelerB].sort())).toHaveLength(3);
    // Chen's "vehicle" for the shuttle is only a draft, so every submitted matched pair agrees on class.
    expect(result.overall.classAgreement).toBe(1);
    expect(result.perClass.length).toBeGreaterThan(0);
  });

  it('shows how much transcript disagreement is only formatting', async () => {
    const host = newHost(tempDir());
    await host.ok('projects.openDemo', { kind: 'transcript' });
    const sam = (await host.ok('labelers.list', {})).find((l) => l.name === 'sam')!;
    await host.signInAs(sam.id);
    const result = (await host.ok('agreement.project', {})) as AgreementDashboard<TranscriptFigure>;
    expect(result.kind).toBe('transcript');
    expect(result.overall.normalized.agreement!).toBeGreaterThan(result.overall.raw.agreement!);
    expect(result.overall.samples).toBe((await host.ok('projects.current', {}))!.sampleCount); // every clip has two or more answers
  });

  it('follows each submission without recomputing the project, and matches a recomputation', async () => {
    const host = newHost(tempDir());
    await host.ok('projects.openDemo', { kind: 'bbox' });
    const labelers = new Map((await host.ok('labelers.list', {})).map((l) => [l.name, l.id]));
    const astronaut = (await host.ok('samples.list', {})).items.find((s) => s.displayName === 'astronaut.jpg')!.id;
    const changed: number[] = [];
    host.onEvent((event) => {
      if (event.name === 'agreement.changed') changed.push((event.payload as EventMap['agreement.changed']).sampleId);
    });

    await host.signInAs(labelers.get('sam')!);
    const before = (await host.ok('agreement.project', {})) as AgreementDashboard<BoxFigure>;
    expect(before.overall.classAgreement).toBe(1);

    // Chen submits the astronaut draft that calls the shuttle a "vehicle".
    await host.signInAs(labelers.get('chen')!);
    const draft = (await host.ok('annotations.mine', { labelerId: labelers.get('chen')!, sampleId: astronaut }))!;
    await host.ok('annotations.save', {
      labelerId: labelers.get('chen')!,
      sampleId: astronaut,
      status: 'submitted',
      baseRevision: draft.revision,
      payload: draft.payload,
    });
    expect(changed).toEqual([astronaut]);

    await host.signInAs(labelers.get('sam')!);
    const after = (await host.ok('agreement.project', {})) as AgreementDashboard<BoxFigure>;
    expect(after.overall.classAgreement).toBeLessThan(1);
    expect(after.overall.comparisons).toBeGreaterThan(before.overall.comparisons);
    expect(after.worstSamples.find((s) => s.sampleId === astronaut)!.labelerIds).toContain(labelers.get('chen')!);
    // Other options load a fresh ledger from the database: the same figures as the updated one.
    const fresh = await host.ok('agreement.project', { normalize: ['nfc'] }); // changes no box figure, but is a new ledger
    expect(rounded(fresh)).toEqual(rounded(after));
  });
});

/** Numbers to 9 decimals: a ledger that took a sample back and re-added it may differ in the last bits. */
function rounded(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_, v: unknown) => (typeof v === 'number' ? Math.round(v * 1e9) / 1e9 : v)));
}
