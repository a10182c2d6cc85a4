import { expect, it } from 'vitest';
import type { AgreementDashboard } from '../../../shared/agreement';
import { describeOnEngines } from '../../support/engines';
import { openDemoAs, useServiceHost, type TestHost } from '../../support/service-host';
import { useTempDirs } from '../../support/temp-dir';

/** The box demo's tag of this name: its id, hotkey and former names. */
async function tagNamed(host: TestHost, name: string) {
  const tag = (await host.ok('projects.current', {}))!.tags.find((t) => t.name === name);
  if (!tag) throw new Error(`no tag “${name}”`);
  return tag;
}

/** Sample ids carrying a slice tag, by the filter of the Samples list. */
async function filteredBy(host: TestHost, tag: string): Promise<number[]> {
  return (await host.ok('samples.list', { filter: { tags: [tag] } })).items.map((s) => s.id);
}

/** The figures agreement keeps by tag name: slices (sample tags) and the labelers' own tags. */
function byTag(agreement: AgreementDashboard) {
  return {
    slices: new Map(agreement.perTag.map(({ key, ...figure }) => [key, figure])),
    given: new Map(agreement.tagKappa.map(({ tag, ...figure }) => [tag, figure])),
  };
}

describeOnEngines('renaming a tag', (engine) => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost(engine.name);

  it("keeps every sample's tags, filters, labels and agreement per tag under the new name, recorded with its guideline version", async () => {
    const host = newHost(tempDir());
    await openDemoAs(host, 'bbox', 'sam');
    const grayscale = await tagNamed(host, 'grayscale');
    const small = await tagNamed(host, 'small objects');
    const grayscaleSamples = await filteredBy(host, 'grayscale');
    expect(grayscaleSamples.length).toBeGreaterThan(3);
    // Loaded before the rename, so the figures kept in the worker must be read again after it.
    const before = byTag(await host.ok('agreement.project', {}));
    // An SME made Ana's label of coins.png its gold label, tags and all.
    const coins = (await host.ok('samples.list', { filter: { tags: [], search: 'coins.png' } })).items[0]!.id;
    const labelers = new Map((await host.ok('labelers.list', {})).map((l) => [l.name, l.id]));
    const seen = await host.ok('review.sample', { sampleId: coins });
    await host.ok('review.decide', {
      sampleId: coins,
      choice: 'labeler',
      labelerId: labelers.get('ana')!,
      reason: '',
      guidelineRule: null,
      baseRevision: null,
      answersSeenAt: seen.answersAt,
    });
    expect(before.given.has('small objects')).toBe(true);

    const change = await host.ok('taxonomy.change', { action: 'edit', target: 'tag', id: grayscale.id, name: 'monochrome' });
    expect(change).toMatchObject({
      action: 'edit',
      target: 'tag',
      itemId: grayscale.id,
      before: { name: 'grayscale' },
      after: { name: 'monochrome' },
      guidelineVersion: 1,
    });
    await host.ok('taxonomy.change', { action: 'edit', target: 'tag', id: small.id, name: 'tiny objects' });

    expect(await tagNamed(host, 'monochrome')).toEqual({ ...grayscale, name: 'monochrome', formerNames: ['grayscale'] });
    // Filters by the new name and by the old one (a link kept from before) find the same samples.
    expect(await filteredBy(host, 'monochrome')).toEqual(grayscaleSamples);
    expect(await filteredBy(host, 'grayscale')).toEqual(grayscaleSamples);
    expect((await host.ok('samples.get', { sampleId: grayscaleSamples[0]! })).tags).toContain('monochrome');

    // Labels given the tags before the rename read under the new names.
    await host.signInAs(labelers.get('ana')!);
    expect((await host.ok('annotations.mine', { labelerId: labelers.get('ana')!, sampleId: coins }))!.payload.tags).toEqual(['monochrome', 'tiny objects']);

    // One history: the same figures, under the new names only.
    await host.signInAs(labelers.get('sam')!);
    const after = byTag(await host.ok('agreement.project', {}));
    expect(after.slices.get('monochrome')).toEqual(before.slices.get('grayscale'));
    expect(after.given.get('tiny objects')).toEqual(before.given.get('small objects'));
    expect([...after.slices.keys(), ...after.given.keys()]).not.toContain('grayscale');
    expect([...after.given.keys()]).not.toContain('small objects');
    // Review shows the answers and the gold label under the new names too (gold checks and datasets read them so).
    const review = await host.ok('review.sample', { sampleId: coins });
    expect(review.annotations.flatMap((a) => a.payload.tags)).not.toContain('small objects');
    expect(review.decision!.payload.tags).toEqual(['monochrome', 'tiny objects']);
  });

  it('stores a label saved under a former name with the current one, untags by a former name, and keeps former names reserved', async () => {
    const host = newHost(tempDir());
    const labelers = await openDemoAs(host, 'bbox', 'sam');
    const grayscale = await tagNamed(host, 'grayscale');
    const blurry = await tagNamed(host, 'blurry');
    await host.ok('taxonomy.change', { action: 'edit', target: 'tag', id: grayscale.id, name: 'monochrome' });

    // An editor opened before the rename still sends the old name: it is stored as the tag it means.
    const coins = (await host.ok('samples.list', { filter: { tags: [], search: 'coins.png' } })).items[0]!.id;
    const ana = labelers.get('ana')!;
    await host.signInAs(ana);
    const mine = (await host.ok('annotations.mine', { labelerId: ana, sampleId: coins }))!;
    const saved = await host.ok('annotations.save', {
      labelerId: ana,
      sampleId: coins,
      payload: { ...mine.payload, tags: ['grayscale'] },
      status: 'submitted',
      baseRevision: mine.revision,
    });
    expect(saved.payload.tags).toEqual(['monochrome']);

    await host.signInAs(labelers.get('sam')!);
    expect(await host.ok('samples.untag', { selection: { ids: [coins] }, tag: 'grayscale' })).toMatchObject({ changed: 1 });
    expect((await host.ok('samples.get', { sampleId: coins })).tags).not.toContain('monochrome');
    // Tagging by the former name gives the same tag back, not a second one.
    const tagCount = (await host.ok('projects.current', {}))!.tags.length;
    await host.ok('samples.tag', { sampleIds: [coins], tag: 'grayscale' });
    expect((await host.ok('samples.get', { sampleId: coins })).tags).toContain('monochrome');
    expect((await host.ok('projects.current', {}))!.tags.length).toBe(tagCount);

    for (const arg of [
      { action: 'add', target: 'tag', name: 'Grayscale' },
      { action: 'edit', target: 'tag', id: blurry.id, name: 'grayscale' },
    ]) {
      const error = await host.fails('taxonomy.change', arg);
      expect(error.message).toMatch(/“grayscale” is a former name of the tag “monochrome”/);
      expect(error.issues?.map((i) => i.path)).toEqual(['name']);
    }
    // The tag itself may go back to its old name; the name it leaves becomes the former one.
    await host.ok('taxonomy.change', { action: 'edit', target: 'tag', id: grayscale.id, name: 'grayscale' });
    expect(await tagNamed(host, 'grayscale')).toMatchObject({ id: grayscale.id, formerNames: ['monochrome'] });
    expect(await filteredBy(host, 'monochrome')).toEqual(await filteredBy(host, 'grayscale'));
    expect((await host.ok('taxonomy.history', {})).filter((c) => c.target === 'tag').map((c) => c.after.name)).toEqual(['grayscale', 'monochrome']);
  });
});
