import { expect, it } from 'vitest';
import { describeOnEngines } from '../../support/engines';
import { openDemoAs, useServiceHost } from '../../support/service-host';
import { useTempDirs } from '../../support/temp-dir';

describeOnEngines('disagreement review and adjudication', (engine) => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost(engine.name);

  it("lists the demo's image disagreements by severity with their types, only for SMEs", async () => {
    const host = newHost(tempDir());
    await openDemoAs(host, 'bbox', 'ana');
    expect((await host.fails('review.queue', {})).code).toBe('forbidden');
    const labelers = await openDemoAs(host, 'bbox', 'sam');
    const queue = await host.ok('review.queue', {});
    const byName = new Map(queue.items.map((item) => [item.displayName, item]));
    expect(queue.items[0]!.displayName).toBe('chelsea.jpg'); // total disagreement ranks first
    expect(byName.get('chelsea.jpg')!.types).toEqual({ flag_mismatch: 2 }); // chen: "no objects", and unsure
    expect(byName.get('coins.png')!.types.one_vs_many).toBeGreaterThan(0);
    expect(byName.get('coins.png')!.types.missing_object).toBeGreaterThan(0);
    expect(byName.get('chelsea.jpg')!.pairs).toEqual([`${labelers.get('ana')}:${labelers.get('chen')}`]);
    const severities = queue.items.map((item) => item.severity);
    expect(severities).toEqual([...severities].sort((x, y) => y - x));
    expect(queue.shares.overall.total).toBe(queue.items.reduce((sum, item) => sum + Object.values(item.types).reduce((s, n) => s + n!, 0), 0));
  });

  it('records decisions with provenance, revises them without losing the old, and never touches labels', async () => {
    const host = newHost(tempDir());
    const labelers = await openDemoAs(host, 'bbox', 'sam');
    const queue = await host.ok('review.queue', {});
    const coins = queue.items.find((item) => item.displayName === 'coins.png')!;
    const evidence = await host.ok('review.sample', { sampleId: coins.sampleId });
    expect(evidence.annotations.map((a) => a.labelerId)).toEqual(coins.labelerIds);
    expect(evidence.disagreements.some((d) => d.type === 'one_vs_many')).toBe(true);
    expect(evidence.consensus.kind).toBe('bbox');
    expect(evidence.decision).toBeNull();

    const ana = labelers.get('ana')!;
    const first = await host.ok('review.decide', {
      sampleId: coins.sampleId,
      choice: 'labeler',
      labelerId: ana,
      reason: 'a box per coin',
      guidelineRule: '#tight',
      baseRevision: null,
      answersSeenAt: evidence.answersAt,
    });
    const anasPayload = evidence.annotations.find((a) => a.labelerId === ana)!.payload;
    expect(first).toMatchObject({
      revision: 1,
      choice: 'labeler',
      sourceLabelerId: ana,
      decidedBy: labelers.get('sam'),
      reason: 'a box per coin',
      guidelineRule: '#tight',
      guidelineVersion: 1,
    });
    expect(first.payload).toEqual(anasPayload);

    // A stale decision is refused; a revision supersedes and keeps the first.
    const seen = evidence.answersAt;
    expect((await host.fails('review.decide', { sampleId: coins.sampleId, choice: 'consensus', baseRevision: null, answersSeenAt: seen })).code).toBe(
      'conflict',
    );
    const second = await host.ok('review.decide', {
      sampleId: coins.sampleId,
      choice: 'consensus',
      reason: 'the consensus is tighter',
      baseRevision: 1,
      answersSeenAt: seen,
    });
    expect(second).toMatchObject({ revision: 2, choice: 'consensus', sourceLabelerId: null });
    const after = await host.ok('review.sample', { sampleId: coins.sampleId });
    expect(after.history.map((d) => [d.revision, d.choice])).toEqual([
      [2, 'consensus'],
      [1, 'labeler'],
    ]);
    expect(after.annotations).toEqual(evidence.annotations); // the labelers' work is untouched
    expect((await host.ok('review.queue', {})).items.find((item) => item.sampleId === coins.sampleId)!.decision).toEqual({ revision: 2, choice: 'consensus' });
  });

  it('takes as the rule only a section of the guideline in force, and names its sections when refusing', async () => {
    const host = newHost(tempDir());
    const labelers = await openDemoAs(host, 'bbox', 'sam');
    const coins = (await host.ok('review.queue', {})).items.find((item) => item.displayName === 'coins.png')!;
    const seen = (await host.ok('review.sample', { sampleId: coins.sampleId })).answersAt;
    const decide = (guidelineRule: string | null, baseRevision: number | null) => ({
      sampleId: coins.sampleId,
      choice: 'labeler' as const,
      labelerId: labelers.get('ana')!,
      guidelineRule,
      baseRevision,
      answersSeenAt: seen,
    });

    const refused = await host.fails('review.decide', decide('#groups', null));
    expect(refused).toMatchObject({ code: 'invalid_argument', issues: [{ path: 'guidelineRule' }] });
    expect(refused.message).toMatch(/Guideline v1 has no section “#groups”/);
    expect(refused.message).toMatch(/“Tight boxes” \(#tight\), “Classes” \(#classes\), “Nothing to box” \(#no-objects\)/);
    expect(refused.message).not.toMatch(/outermost visible pixels/); // the sections' names, never the guideline's text
    expect((await host.ok('review.sample', { sampleId: coins.sampleId })).decision).toBeNull();

    // Written without its #, the anchor is stored as a link.
    expect((await host.ok('review.decide', decide('no-objects', null))).guidelineRule).toBe('#no-objects');
    expect((await host.ok('review.decide', decide(null, 1))).guidelineRule).toBeNull();
  });

  it('refuses a decision on answers that changed since the SME opened the sample', async () => {
    const host = newHost(tempDir());
    const labelers = await openDemoAs(host, 'bbox', 'sam');
    const coins = (await host.ok('review.queue', {})).items.find((item) => item.displayName === 'coins.png')!;
    const seen = await host.ok('review.sample', { sampleId: coins.sampleId });

    // Meanwhile ana resubmits her answer.
    const ana = labelers.get('ana')!;
    await host.signInAs(ana);
    const mine = (await host.ok('annotations.mine', { labelerId: ana, sampleId: coins.sampleId }))!;
    await host.ok('annotations.save', { labelerId: ana, sampleId: coins.sampleId, payload: mine.payload, status: 'submitted', baseRevision: mine.revision });
    await host.signInAs(labelers.get('sam')!);

    const stale = await host.fails('review.decide', {
      sampleId: coins.sampleId,
      choice: 'labeler',
      labelerId: ana,
      baseRevision: null,
      answersSeenAt: seen.answersAt,
    });
    expect(stale).toMatchObject({ code: 'conflict', message: expect.stringMatching(/submitted a new answer for this sample since you opened it/) });
    expect((await host.ok('review.sample', { sampleId: coins.sampleId })).decision).toBeNull();
    const reloaded = await host.ok('review.sample', { sampleId: coins.sampleId });
    expect(reloaded.answersAt! > seen.answersAt!).toBe(true);
    await host.ok('review.decide', { sampleId: coins.sampleId, choice: 'labeler', labelerId: ana, baseRevision: null, answersSeenAt: reloaded.answersAt });
  });

  it('checks an edited gold label like any label, and requires a submitted labeler to accept', async () => {
    const host = newHost(tempDir());
    const labelers = await openDemoAs(host, 'bbox', 'sam');
    const chelsea = (await host.ok('review.queue', {})).items.find((item) => item.displayName === 'chelsea.jpg')!;
    const flags = { unsure: false, comment: '', mediaBroken: false };
    const outside = await host.fails('review.decide', {
      sampleId: chelsea.sampleId,
      choice: 'edited',
      payload: { v: 1, kind: 'bbox', boxes: [{ id: 'g', classId: 1, x1: 0, y1: 0, x2: 99999, y2: 10 }], noObjects: false, flags, tags: [] },
      baseRevision: null,
      answersSeenAt: (await host.ok('review.sample', { sampleId: chelsea.sampleId })).answersAt,
    });
    expect(outside).toMatchObject({ code: 'invalid_argument', message: expect.stringMatching(/right edge/) });
    // An edit in progress is autosaved as a draft, then decided; the draft goes, the decision stays.
    const cat = { v: 1 as const, kind: 'bbox' as const, boxes: [{ id: 'g', classId: 1, x1: 10, y1: 10, x2: 300, y2: 290 }], noObjects: false, flags, tags: [] };
    expect(await host.ok('review.saveDraft', { sampleId: chelsea.sampleId, payload: cat, baseRevision: null })).toEqual({ revision: 1 });
    expect(await host.ok('review.saveDraft', { sampleId: chelsea.sampleId, payload: cat, baseRevision: 1 })).toEqual({ revision: 2 });
    expect((await host.fails('review.saveDraft', { sampleId: chelsea.sampleId, payload: cat, baseRevision: 1 })).code).toBe('conflict');
    expect((await host.ok('review.sample', { sampleId: chelsea.sampleId })).draft).toEqual({ payload: cat, revision: 2 });
    const edited = await host.ok('review.decide', {
      sampleId: chelsea.sampleId,
      choice: 'edited',
      payload: cat,
      reason: 'a cut-off cat is a cat',
      baseRevision: null,
      answersSeenAt: (await host.ok('review.sample', { sampleId: chelsea.sampleId })).answersAt,
    });
    expect(edited).toMatchObject({ choice: 'edited', payload: cat, sourceLabelerId: null });
    expect((await host.ok('review.sample', { sampleId: chelsea.sampleId })).draft).toBeNull();

    // Ben's chelsea is only a draft.
    expect(
      (
        await host.fails('review.decide', {
          sampleId: chelsea.sampleId,
          choice: 'labeler',
          labelerId: labelers.get('ben'),
          baseRevision: 1,
          answersSeenAt: (await host.ok('review.sample', { sampleId: chelsea.sampleId })).answersAt,
        })
      ).message,
    ).toMatch(/has not submitted/);
  });

  it('accepts the consensus automatically above the threshold, and leaves the rest to the SME', async () => {
    const host = newHost(tempDir());
    await openDemoAs(host, 'bbox', 'sam');
    const agreement = await host.ok('agreement.project', {});
    expect(agreement.worstSamples).toHaveLength(agreement.samplesCompared); // the demo's samples are fewer than the list holds
    const above = agreement.worstSamples.filter((s) => 1 - s.score >= 0.9).length;
    expect(above).toBeGreaterThan(0);
    expect(above).toBeLessThan(agreement.samplesCompared);
    expect(await host.ok('review.autoAccept', { threshold: 0.9 })).toEqual({ accepted: above });
    expect(await host.ok('review.autoAccept', { threshold: 0.9 })).toEqual({ accepted: 0 }); // already decided
    const decided = (await host.ok('review.queue', {})).items.filter((item) => item.decision?.choice === 'auto_consensus');
    for (const item of decided) expect(1 - item.severity).toBeGreaterThanOrEqual(0.9);
  });

  it('finds filler-word disagreements in the transcript demo', async () => {
    const host = newHost(tempDir());
    await openDemoAs(host, 'transcript', 'sam');
    const queue = await host.ok('review.queue', {});
    expect(queue.shares.overall.shares.map((s) => s.type)).toContain('filler');
    expect(queue.items.some((item) => (item.types.filler ?? 0) > 0)).toBe(true);
  });

  it('pages the queue with filters applied to the whole of it, and follows a new submission without reloading', async () => {
    const host = newHost(tempDir());
    const labelers = await openDemoAs(host, 'bbox', 'sam');
    const whole = await host.ok('review.queue', {});
    expect(whole.items.length).toBeGreaterThan(2);
    const paged = [];
    let page = await host.ok('review.queue', { limit: 1 });
    for (;;) {
      expect(page.total).toBe(whole.items.length);
      paged.push(...page.items);
      if (!page.next) break;
      page = await host.ok('review.queue', { limit: 1, after: page.next });
    }
    expect(paged).toEqual(whole.items);

    const missing = await host.ok('review.queue', { filters: { type: 'missing_object' } });
    expect(missing.items.map((item) => item.sampleId)).toEqual(whole.items.filter((item) => (item.types.missing_object ?? 0) > 0).map((item) => item.sampleId));
    expect(missing.total).toBe(missing.items.length);
    expect(missing.all).toBe(whole.items.length);
    expect((await host.ok('review.queue', { limit: 0 })).shares).toEqual(whole.shares);

    // Deciding one sample takes it out of the undecided ones.
    const first = whole.items[0]!;
    const evidence = await host.ok('review.sample', { sampleId: first.sampleId });
    await host.ok('review.decide', { sampleId: first.sampleId, choice: 'consensus', baseRevision: null, answersSeenAt: evidence.answersAt });
    const undecided = await host.ok('review.queue', { filters: { undecidedOnly: true } });
    expect(undecided.items.map((item) => item.sampleId)).toEqual(whole.items.slice(1).map((item) => item.sampleId));

    // Chen submits the astronaut draft that calls the shuttle a "vehicle": the kept queue gains it.
    const astronaut = (await host.ok('samples.list', {})).items.find((s) => s.displayName === 'astronaut.jpg')!.id;
    expect(whole.items.some((item) => item.sampleId === astronaut && (item.types.class_mismatch ?? 0) > 0)).toBe(false);
    const chen = labelers.get('chen')!;
    await host.signInAs(chen);
    const draft = (await host.ok('annotations.mine', { labelerId: chen, sampleId: astronaut }))!;
    await host.ok('annotations.save', { labelerId: chen, sampleId: astronaut, status: 'submitted', baseRevision: draft.revision, payload: draft.payload });
    await host.signInAs(labelers.get('sam')!);
    const after = await host.ok('review.queue', { filters: { type: 'class_mismatch' } });
    expect(after.items.map((item) => item.sampleId)).toContain(astronaut);
  });
});
