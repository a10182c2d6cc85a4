import { describe, expect, it } from 'vitest';
import type { BoxFigure, ProjectAgreement, TranscriptFigure } from '../../../shared/agreement';
import { useServiceHost } from '../../support/service-host';
import { useTempDirs } from '../../support/temp-dir';

describe("the project's agreement", () => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost();

  it('ranks the demo images by disagreement and shows it only to SMEs', async () => {
    const host = newHost(tempDir());
    await host.ok('projects.openDemo', { kind: 'bbox' });
    const labelers = new Map((await host.ok('labelers.list', {})).map((l) => [l.name, l.id]));
    const samples = new Map((await host.ok('samples.list', {})).items.map((s) => [s.id, s.displayName]));

    await host.ok('session.signIn', { labelerId: labelers.get('ana')! });
    expect((await host.fails('agreement.project', {})).code).toBe('forbidden');

    await host.ok('session.signIn', { labelerId: labelers.get('sam')! });
    const result = (await host.ok('agreement.project', {})) as ProjectAgreement<BoxFigure>;
    expect(result.kind).toBe('bbox');
    expect(result.overall.value).toBeGreaterThan(0.5);
    expect(result.overall.value).toBeLessThan(1);
    expect(result.overall.interval!.low).toBeLessThanOrEqual(result.overall.value!);
    expect(result.overall.interval!.high).toBeGreaterThanOrEqual(result.overall.value!);
    // Chelsea: ana boxed the cat, chen said "no objects" (ben's is only a draft) - total disagreement.
    // Coins: a box per coin, one box around them all, and a few coins missed.
    expect(result.perSample.slice(0, 2).map((s) => [samples.get(s.sampleId), s.score])).toEqual([
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
    await host.ok('session.signIn', { labelerId: sam.id });
    const result = (await host.ok('agreement.project', {})) as ProjectAgreement<TranscriptFigure>;
    expect(result.kind).toBe('transcript');
    expect(result.overall.normalized.agreement!).toBeGreaterThan(result.overall.raw.agreement!);
    expect(result.overall.samples).toBe(6);
  });
});
