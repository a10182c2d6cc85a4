import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DatasetSummary } from '../../../shared/domain/dataset';
import { boxOfWidth } from '../../support/box-payload';
import { oneWinner, whileTableHeld } from '../../support/held-table';
import { writeImage } from '../../support/media-fixtures';
import { importAndWait, TEST_PASSWORD, useServiceHost, type TestHost } from '../../support/service-host';
import { useTempDirs } from '../../support/temp-dir';

/**
 * On a team server every call runs on its own connection of a pool, and a transaction holds
 * only the rows it locks: a check read before a write may be stale when the write lands. Each
 * race here is real: two people's calls in flight at once, each having read before either
 * writes (see `whileTableHeld`). One lands; the other is told what beat it; nothing is lost.
 */
describe('checks that hold when two people write at once on a team server', () => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost('postgres');

  /** The demo on a team server, with two SMEs and two engineers signed in from their own windows. */
  async function demoWithTwoSmes(kind: 'bbox' | 'transcript') {
    const host = newHost(tempDir());
    await host.ok('projects.openDemo', { kind }); // the owner, who makes the accounts
    const signedIn = async (name: string, role: 'sme' | 'engineer') => {
      const account = await host.ok('labelers.create', { name, role, password: TEST_PASSWORD });
      const window = host.connection();
      await window.signInAs(account.id);
      return window;
    };
    return {
      host,
      sam: await signedIn('ida', 'sme'),
      uma: await signedIn('uma', 'sme'),
      kai: await signedIn('kai', 'engineer'),
      vic: await signedIn('vic', 'engineer'),
    };
  }

  async function teamDatabase(host: TestHost) {
    const project = await host.ok('projects.current', {});
    return host.openDatabase(project!.dir);
  }

  it('decisions: of two SMEs deciding a sample at once, the second is told which decision beat theirs', async () => {
    const { host, sam, uma } = await demoWithTwoSmes('bbox');
    const coins = (await sam.ok('review.queue', {})).items.find((item) => item.displayName === 'coins.png')!;
    const seen = await sam.ok('review.sample', { sampleId: coins.sampleId });
    const decide = (window: TestHost, choice: 'consensus' | 'labeler') => () =>
      window.call('review.decide', {
        sampleId: coins.sampleId,
        choice,
        ...(choice === 'labeler' ? { labelerId: seen.annotations[0]!.labelerId } : {}),
        reason: `${choice} is right`,
        baseRevision: null,
        answersSeenAt: seen.answersAt,
      });
    const database = await teamDatabase(host);
    const results = await whileTableHeld(database.db, 'gold_decision', [decide(sam, 'consensus'), decide(uma, 'labeler')]);
    await database.close();

    const { winner, refusals } = oneWinner(results);
    expect(refusals).toEqual([
      expect.objectContaining({ code: 'conflict', message: expect.stringMatching(/decided meanwhile \(decision 1; you were looking at none\)/) }),
    ]);
    const history = (await sam.ok('review.sample', { sampleId: coins.sampleId })).history;
    expect(history.map((d) => [d.revision, d.choice])).toEqual([[1, winner === 0 ? 'consensus' : 'labeler']]);
  });

  it("gold drafts: of two SMEs' first autosaves at once, the second is told of the draft that landed", async () => {
    const { host, sam, uma } = await demoWithTwoSmes('bbox');
    const sampleId = (await sam.ok('review.queue', {})).items[0]!.sampleId;
    const widths = [20, 30];
    const save = (window: TestHost, width: number) => () => window.call('review.saveDraft', { sampleId, payload: boxOfWidth(width), baseRevision: null });
    const database = await teamDatabase(host);
    const results = await whileTableHeld(database.db, 'gold_draft', [save(sam, widths[0]!), save(uma, widths[1]!)]);
    await database.close();

    const { winner, refusals } = oneWinner(results);
    expect(refusals).toEqual([
      expect.objectContaining({ code: 'conflict', message: expect.stringMatching(/edited elsewhere meanwhile \(draft 1, this edit started from none\)/) }),
    ]);
    expect((await sam.ok('review.sample', { sampleId })).draft).toEqual({ revision: 1, payload: boxOfWidth(widths[winner]!) });
  });

  it('guideline drafts: of two saves from one revision at once, the second is told the revision that beat it', async () => {
    const { host, sam, uma } = await demoWithTwoSmes('transcript');
    const draft = await sam.ok('guidelines.draft', {});
    const bodies = [`${draft.bodyMd}\n\nFrom ida.\n`, `${draft.bodyMd}\n\nFrom uma.\n`];
    const save = (window: TestHost, bodyMd: string) => () => window.call('guidelines.saveDraft', { bodyMd, baseRevision: draft.revision });
    const database = await teamDatabase(host);
    const results = await whileTableHeld(database.db, 'guideline_draft', [save(sam, bodies[0]!), save(uma, bodies[1]!)]);
    await database.close();

    const { winner, refusals } = oneWinner(results);
    const next = draft.revision + 1;
    expect(refusals).toEqual([
      expect.objectContaining({
        code: 'conflict',
        message: expect.stringContaining(`saved elsewhere meanwhile (revision ${next}, this edit started from ${draft.revision})`),
      }),
    ]);
    expect(await sam.ok('guidelines.draft', {})).toMatchObject({ revision: next, bodyMd: bodies[winner] });
  });

  it('guideline publication: two publications of one draft at once make one version; the second is told which', async () => {
    const { host, sam, uma } = await demoWithTwoSmes('transcript');
    const draft = await sam.ok('guidelines.draft', {});
    const saved = await sam.ok('guidelines.saveDraft', { bodyMd: `${draft.bodyMd}\n\nLeave out um.\n`, baseRevision: draft.revision });
    const publish = (window: TestHost, changelog: string) => () => window.call('guidelines.publish', { changelog, baseRevision: saved.revision });
    const database = await teamDatabase(host);
    const results = await whileTableHeld(database.db, 'guideline_version', [publish(sam, 'By ida.'), publish(uma, 'By uma.')]);
    await database.close();

    const { winner, refusals } = oneWinner(results);
    expect(refusals).toEqual([
      expect.objectContaining({ code: 'conflict', message: expect.stringMatching(/published as v2 meanwhile; it was not published again/) }),
    ]);
    expect((await sam.ok('guidelines.list', {})).map((v) => [v.version, v.changelog])).toEqual([
      [1, expect.any(String)],
      [2, winner === 0 ? 'By ida.' : 'By uma.'],
    ]);
  });

  it('guideline publication and a save at once: whichever lands second is refused, so no saved text is silently dropped', async () => {
    const { host, sam, uma } = await demoWithTwoSmes('transcript');
    const draft = await sam.ok('guidelines.draft', {});
    const saved = await sam.ok('guidelines.saveDraft', { bodyMd: `${draft.bodyMd}\n\nLeave out um.\n`, baseRevision: draft.revision });
    const laterBody = `${saved.bodyMd}\nAnd uh.\n`;
    const database = await teamDatabase(host);
    const results = await whileTableHeld(database.db, 'guideline_draft', [
      () => sam.call('guidelines.publish', { changelog: 'Fillers.', baseRevision: saved.revision }),
      () => uma.call('guidelines.saveDraft', { bodyMd: laterBody, baseRevision: saved.revision }),
    ]);
    await database.close();

    const { winner, refusals } = oneWinner(results);
    const versions = await sam.ok('guidelines.list', {});
    if (winner === 0) {
      expect(refusals[0]).toMatchObject({ code: 'conflict', message: expect.stringMatching(/published as v2 meanwhile; nothing was saved/) });
      expect((await sam.ok('guidelines.version', { version: 2 })).bodyMd).toBe(saved.bodyMd);
    } else {
      expect(refusals[0]).toMatchObject({ code: 'conflict', message: expect.stringMatching(`draft changed meanwhile \\(revision ${saved.revision + 1}\\)`) });
      expect(versions).toHaveLength(1);
      expect((await sam.ok('guidelines.draft', {})).bodyMd).toBe(laterBody);
    }
  });

  it('dataset versions: two frozen at once each get their own number, neither overwriting the other', async () => {
    const { host, kai, vic } = await demoWithTwoSmes('bbox');
    const create = (window: TestHost, seed: number) => () =>
      window.call('datasets.create', { ratios: [0.5, 0.25, 0.25], seed, minAgreement: 0, unresolved: 'flag', stratifyTags: [], pinTestFrom: null });
    const database = await teamDatabase(host);
    const results = await whileTableHeld(database.db, 'dataset_version', [create(kai, 1), create(vic, 2)]);
    await database.close();

    expect(results.map((r) => r.ok)).toEqual([true, true]);
    const made = results.map((r) => (r as { ok: true; value: DatasetSummary }).value);
    expect(made.map((d) => d.version).sort()).toEqual([1, 2]);
    expect((await kai.ok('datasets.list', {})).map((d) => [d.version, d.options.seed])).toEqual(
      [...made].sort((a, b) => a.version - b.version).map((d) => [d.version, d.options.seed]),
    );
  });

  it('assignments: two SMEs moving one sample to the same labeler at once leave it with one copy, the second told why', async () => {
    const host = newHost(tempDir());
    const media = tempDir();
    for (let i = 0; i < 6; i++) await writeImage(join(media, `s${i}.png`), 'png', 32, 24, i);
    await host.ok('projects.create', { dir: join(tempDir(), 'p'), name: 'P', kind: 'bbox', classes: [{ name: 'car' }] });
    await importAndWait(host, media);
    const [ana, ben, chen] = await Promise.all(['ana', 'ben', 'chen'].map((name) => host.ok('labelers.create', { name, password: TEST_PASSWORD })));
    const smes = await Promise.all(
      ['sam', 'uma'].map(async (name) => {
        const window = host.connection();
        await window.signInAs((await host.ok('labelers.create', { name, role: 'sme', password: TEST_PASSWORD })).id);
        return window;
      }),
    );
    await smes[0]!.ok('assignments.plan', { overlap: 2, calibrationCount: 0, seed: 5 });
    const holders = async (sampleId: number) => {
      const queues = await Promise.all([ana!, ben!, chen!].map(async (l) => ({ l, items: (await smes[0]!.ok('queue.get', { labelerId: l.id })).items })));
      return queues.filter((q) => q.items.some((i) => i.sampleId === sampleId)).map((q) => q.l.id);
    };
    const sampleId = (await smes[0]!.ok('queue.get', { labelerId: ana!.id })).items.map((i) => i.sampleId)[0]!;
    const before = await holders(sampleId);
    const outsider = [ana!, ben!, chen!].find((l) => !before.includes(l.id))!.id;
    const database = await teamDatabase(host);
    const results = await whileTableHeld(
      database.db,
      'assignment',
      before.map((from, index) => () => smes[index]!.call('assignments.reassign', { sampleId, from, to: outsider })),
    );
    await database.close();

    const { winner, refusals } = oneWinner(results);
    expect(refusals).toEqual([expect.objectContaining({ code: 'conflict', message: expect.stringMatching(`labeler ${outsider} already has it`) })]);
    expect((await holders(sampleId)).sort()).toEqual(before.map((id, index) => (index === winner ? outsider : id)).sort());
  });
});
