import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { insertGuidelineVersion } from '../../../electron/db/queries/project';
import { openProjectDatabase, projectPaths } from '../../../electron/services/project-folder';
import { openDemoAs, useServiceHost } from '../../support/service-host';
import { useTempDirs } from '../../support/temp-dir';

describe('versioned guidelines', () => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost();

  it('edits a draft, refuses publishing without a changelog, and publishes an immutable version', async () => {
    const host = newHost(tempDir());
    await openDemoAs(host, 'transcript', 'ana');
    expect((await host.fails('guidelines.draft', {})).code).toBe('forbidden'); // labelers read, SMEs write
    await openDemoAs(host, 'transcript', 'sam');
    const v1 = await host.ok('guidelines.current', {});
    const draft = await host.ok('guidelines.draft', {});
    expect(draft).toMatchObject({ bodyMd: v1.bodyMd, baseVersion: 1, revision: 1, examples: [] });

    const body = `${v1.bodyMd}\n\n## Filler words {#fillers}\n\nLeave out um and uh.\n`;
    const saved = await host.ok('guidelines.saveDraft', { bodyMd: body, addresses: ['filler'], baseRevision: 1 });
    expect(saved).toMatchObject({ revision: 2, addresses: ['filler'] });
    expect((await host.fails('guidelines.saveDraft', { bodyMd: 'stale', baseRevision: 1 })).code).toBe('conflict');

    const noChangelog = await host.fails('guidelines.publish', { changelog: '  ', baseRevision: 2 });
    expect(noChangelog).toMatchObject({ code: 'invalid_argument', message: expect.stringMatching(/changelog/) });
    const v2 = await host.ok('guidelines.publish', { changelog: 'Fillers are left out.', baseRevision: 2 });
    expect(v2).toMatchObject({ version: 2, bodyMd: body, changelog: 'Fillers are left out.' });
    expect((await host.ok('guidelines.current', {})).version).toBe(2);
    expect((await host.ok('guidelines.version', { version: 1 })).bodyMd).toBe(v1.bodyMd); // v1 unchanged
    expect((await host.ok('guidelines.list', {})).map((v) => v.version)).toEqual([1, 2]);
    const diff = await host.ok('guidelines.diff', { from: 1, to: 2 });
    expect(
      diff
        .filter((part) => part.op === 'added')
        .map((part) => part.text)
        .join(''),
    ).toContain('Leave out um and uh.');
    // The next draft starts from v2.
    expect(await host.ok('guidelines.draft', {})).toMatchObject({ baseVersion: 2, bodyMd: body });
  });

  it('attaches real cases as examples, freezes the placed ones with the version, and drops the unplaced', async () => {
    const host = newHost(tempDir());
    await openDemoAs(host, 'bbox', 'sam');
    const queue = await host.ok('review.queue', {});
    const coins = queue.items.find((item) => item.displayName === 'coins.png')!;
    const chelsea = queue.items.find((item) => item.displayName === 'chelsea.jpg')!;
    let draft = await host.ok('guidelines.attachCases', { sampleIds: [coins.sampleId, chelsea.sampleId], addresses: ['one_vs_many'] });
    expect(draft.addresses).toEqual(['one_vs_many']);
    expect(draft.examples.map((e) => [e.sampleName, e.section, e.polarity])).toEqual([
      ['coins.png', '', 'dont'],
      ['chelsea.jpg', '', 'dont'],
    ]);
    const evidence = draft.examples[0]!.evidence;
    expect(evidence.kind).toBe('bbox');
    if (evidence.kind === 'bbox') {
      expect(evidence.labels.map((l) => l.who)).toEqual(['Labeler A', 'Labeler B', 'Labeler C']); // names stay out of guidelines
      expect(evidence.labels.some((l) => l.boxes.length === 1)).toBe(true); // the one box around the pile
    }
    draft = await host.ok('guidelines.updateExample', {
      id: draft.examples[0]!.id,
      section: 'groups',
      polarity: 'dont',
      caption: 'One box around a pile: box each coin instead.',
    });
    draft = await host.ok('guidelines.saveDraft', { bodyMd: `${draft.bodyMd}\n\n## Groups {#groups}\n\nBox each object.`, baseRevision: draft.revision });
    const v2 = await host.ok('guidelines.publish', {
      changelog: 'Box each object of a group.',
      requeueSampleIds: [coins.sampleId],
      baseRevision: draft.revision,
    });
    expect(v2.examples.map((e) => [e.sampleName, e.section, e.caption])).toEqual([['coins.png', 'groups', 'One box around a pile: box each coin instead.']]);
    // Labelers work blind: ana, sent coins.png back to relabel, does not see its example (everyone's boxes) until she has.
    const labelers = new Map((await host.ok('labelers.list', {})).map((l) => [l.name, l.id]));
    await host.signInAs(labelers.get('ana')!);
    expect((await host.ok('guidelines.current', {})).examples).toEqual([]);
    await host.signInAs(labelers.get('sam')!);
    expect((await host.ok('guidelines.current', {})).examples).toHaveLength(1);
    expect((await host.fails('guidelines.updateExample', { id: v2.examples[0]!.id, caption: 'changed' })).code).toBe('not_found');
    expect((await host.ok('guidelines.draft', {})).examples).toEqual([]);
  });

  it('re-queues chosen samples for relabeling, shows labelers the change once, and closes the request on submit', async () => {
    const host = newHost(tempDir());
    const labelers = await openDemoAs(host, 'transcript', 'ana');
    const ana = labelers.get('ana')!;
    expect(await host.ok('guidelines.notice', { labelerId: ana })).toBeNull(); // reads v1 first

    await host.signInAs(labelers.get('sam')!);
    const fillers = (await host.ok('review.queue', {})).items.filter((item) => (item.types.filler ?? 0) > 0).map((item) => item.sampleId);
    expect(fillers.length).toBeGreaterThan(0);
    const draft = await host.ok('guidelines.draft', {});
    const saved = await host.ok('guidelines.saveDraft', {
      bodyMd: `${draft.bodyMd}\n\nLeave out um and uh.`,
      addresses: ['filler'],
      baseRevision: draft.revision,
    });
    const agreementBefore = await host.ok('agreement.project', {});
    await host.ok('guidelines.publish', { changelog: 'Fillers are left out.', requeueSampleIds: fillers, baseRevision: saved.revision });
    // Re-queued answers still count as the labelers' answers until they submit new ones.
    expect((await host.ok('agreement.project', {})).overall.comparisons).toBe(agreementBefore.overall.comparisons);

    await host.signInAs(ana);
    const notice = (await host.ok('guidelines.notice', { labelerId: ana }))!;
    expect(notice).toMatchObject({ fromVersion: 1, toVersion: 2, changelog: [{ version: 2, changelog: 'Fillers are left out.' }] });
    expect(notice.diff.some((part) => part.op === 'added' && part.text.includes('Leave out um and uh.'))).toBe(true);
    const queue = await host.ok('queue.get', { labelerId: ana });
    const requeued = queue.items.filter((item) => item.relabel);
    expect(requeued.map((item) => item.sampleId).sort()).toEqual(fillers.filter((id) => queue.items.some((item) => item.sampleId === id)).sort());
    expect(requeued.every((item) => item.status === 'draft' && item.relabel!.version === 2)).toBe(true);
    // Saving under the new version is not reading it: the change is shown until acknowledged.
    const drafted = (await host.ok('annotations.mine', { labelerId: ana, sampleId: requeued[0]!.sampleId }))!;
    await host.ok('annotations.save', {
      labelerId: ana,
      sampleId: requeued[0]!.sampleId,
      status: 'draft',
      baseRevision: drafted.revision,
      payload: drafted.payload,
    });
    expect(await host.ok('guidelines.notice', { labelerId: ana })).toMatchObject({ fromVersion: 1, toVersion: 2 });
    await host.ok('guidelines.acknowledge', { labelerId: ana });
    expect(await host.ok('guidelines.notice', { labelerId: ana })).toBeNull();

    const first = requeued[0]!;
    const mine = (await host.ok('annotations.mine', { labelerId: ana, sampleId: first.sampleId }))!;
    await host.ok('annotations.save', { labelerId: ana, sampleId: first.sampleId, status: 'submitted', baseRevision: mine.revision, payload: mine.payload });
    const after = await host.ok('queue.get', { labelerId: ana });
    expect(after.items.find((item) => item.sampleId === first.sampleId)).toMatchObject({ status: 'submitted' });
    expect(after.items.find((item) => item.sampleId === first.sampleId)!.relabel).toBeUndefined();
    expect((await host.ok('annotations.mine', { labelerId: ana, sampleId: first.sampleId }))!.guidelineVersion).toBe(2);
  });

  it('keeps published versions immutable in the database itself', async () => {
    const connection = await openProjectDatabase(projectPaths(join(tempDir(), 'p')));
    await insertGuidelineVersion(connection.db, { version: 1, bodyMd: '# Rules', changelog: 'first', publishedAt: 0 });
    await expect(sql`update guideline_version set body_md = 'rewritten'`.execute(connection.db)).rejects.toThrow(/immutable/);
    const row = await connection.db.selectFrom('guideline_version').select('body_md').executeTakeFirstOrThrow();
    expect(row.body_md).toBe('# Rules');
    await connection.close();
  });
});
