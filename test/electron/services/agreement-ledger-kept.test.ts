import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { AgreementLedger, type AgreementDashboard } from '../../../shared/agreement';
import { crc32 } from 'node:zlib';
import { readAgreementLedgerFile, writeAgreementLedgerFile, type KeptLedger, type KeptLedgerIdentity } from '../../../electron/workers/agreement-ledger-file';
import { describeOnEngines } from '../../support/engines';
import { expectClose } from '../../support/expect-close';
import { openDemoAs, useServiceHost, type TestHost } from '../../support/service-host';
import { useTempDirs } from '../../support/temp-dir';

/** The agreement ledger files a project keeps in its cache folder. */
function keptFiles(dir: string): string[] {
  const cache = join(dir, 'cache');
  return existsSync(cache)
    ? readdirSync(cache)
        .filter((name) => name.startsWith('agreement-ledger-'))
        .map((name) => join(cache, name))
    : [];
}

/** The one ledger file the dashboard's options keep (the dashboard opens with none given). */
function dashboardFile(dir: string): string {
  const files = keptFiles(dir);
  expect(files).toHaveLength(1);
  return files[0]!;
}

/** `bytes` (a sound ledger file) with `change` made to its header, its numbers kept where they were relative to it and the checksum made again. */
function withHeader(bytes: Buffer, change: Record<string, unknown>): Buffer {
  const headerEnd = 16 + bytes.readUInt32LE(12);
  const body = bytes.subarray(Math.ceil(headerEnd / 8) * 8);
  const header = Buffer.from(JSON.stringify({ ...headerOf(bytes), ...change }), 'utf8');
  const bodyStart = Math.ceil((16 + header.length) / 8) * 8;
  const changed = Buffer.alloc(bodyStart + body.length);
  bytes.copy(changed, 0, 0, 8);
  changed.writeUInt32LE(header.length, 12);
  header.copy(changed, 16);
  body.copy(changed, bodyStart);
  changed.writeUInt32LE(crc32(changed.subarray(12)), 8);
  return changed;
}

/** A ledger file's header as JSON (after the magic, the checksum and the header's length). */
function headerOf(bytes: Buffer): Record<string, unknown> {
  return JSON.parse(bytes.subarray(16, 16 + bytes.readUInt32LE(12)).toString('utf8')) as Record<string, unknown>;
}

/** What a box ledger's file was kept for (its options and project), read from its header. */
function identityOf(file: string): KeptLedgerIdentity {
  const { options, project } = headerOf(readFileSync(file)) as unknown as KeptLedgerIdentity;
  return { kind: 'bbox', options, project };
}

/** Rewrites `file` as read, with `change` made to what was read: the checksum is that of the new contents. */
async function rewrite(file: string, change: (kept: KeptLedger) => void, identity = identityOf(file)): Promise<void> {
  const kept = (await readAgreementLedgerFile(file, identityOf(file), WIDTH))!;
  expect(kept).not.toBeNull();
  change(kept);
  await writeAgreementLedgerFile(file, identity, kept);
}

/** How wide a box ledger's contributions are. */
const WIDTH = new AgreementLedger('bbox').width;

async function reopen(host: TestHost, dir: string, labelerId: number): Promise<void> {
  await host.ok('projects.close', {});
  await host.ok('projects.open', { dir });
  await host.signInAs(labelerId);
}

/** The dashboard of a ledger built from the annotations alone: the kept files removed first. */
async function freshDashboard(host: TestHost, dir: string, labelerId: number): Promise<AgreementDashboard> {
  await host.ok('projects.close', {});
  for (const file of keptFiles(dir)) rmSync(file);
  await host.ok('projects.open', { dir });
  await host.signInAs(labelerId);
  return host.ok('agreement.project', {}) as Promise<AgreementDashboard>;
}

describeOnEngines('the agreement ledger, kept between sessions', (engine) => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost(engine.name);

  /** A host with the box demo open, signed in as its SME sam; the demo's labelers by name and its folder. */
  async function demoAsSam() {
    const host = newHost(tempDir());
    const labelers = await openDemoAs(host, 'bbox', 'sam');
    const { dir } = (await host.ok('projects.current', {}))!;
    return { host, labelers, sam: labelers.get('sam')!, dir };
  }

  it('answers after reopening what a fresh ledger answers, from its kept sums, measuring only the samples changed while it was closed', async () => {
    const { host, labelers, sam, dir } = await demoAsSam();
    const before = (await host.ok('agreement.project', {})) as AgreementDashboard;
    await reopen(host, dir, sam);
    const file = dashboardFile(dir);
    expect(await host.ok('agreement.project', {})).toEqual(before);

    // What the file says is what the dashboard shows: an unchanged sample is not measured again,
    // and the sums are taken back as kept (a score within its histogram bin, and the overall pool's counts).
    const marked = before.worstSamples[0]!.sampleId;
    const markedScore = Math.min(0.9, Math.floor(before.worstSamples[0]!.score * 10) / 10) + 0.0123;
    await host.ok('projects.close', {});
    await rewrite(file, (kept) => {
      const at = kept.entries.findIndex((entry) => entry.sampleId === marked);
      kept.entries[at] = { ...kept.entries[at]!, score: markedScore };
      const overall = kept.sums.pools.find((pool) => kept.slots[pool.slot]!.dimension === 'overall')!;
      overall.counts[0]! += 1000; // true positives, as if a thousand more boxes had matched
    });
    await host.ok('projects.open', { dir });
    await host.signInAs(sam);
    const shown = (await host.ok('agreement.project', {})) as AgreementDashboard;
    expect(shown.worstSamples.find((row) => row.sampleId === marked)?.score).toBe(markedScore);
    expect(shown.overall.kind === 'bbox' && shown.overall.tp).toBe(before.overall.kind === 'bbox' && before.overall.tp + 1000);
    // A sound file again, built from the annotations alone.
    expect(await freshDashboard(host, dir, sam)).toEqual(before);

    // While nobody opens the dashboard: a submission, a tag given, and two samples sent back for relabeling.
    const samples = (await host.ok('samples.list', {})).items;
    const astronaut = samples.find((s) => s.displayName === 'astronaut.jpg')!.id;
    const chen = labelers.get('chen')!;
    await reopen(host, dir, chen);
    const draft = (await host.ok('annotations.mine', { labelerId: chen, sampleId: astronaut }))!;
    await host.ok('annotations.save', { labelerId: chen, sampleId: astronaut, status: 'submitted', baseRevision: draft.revision, payload: draft.payload });
    await host.signInAs(sam);
    const others = before.worstSamples.map((row) => row.sampleId).filter((id) => id !== astronaut && id !== marked);
    await host.ok('samples.tag', { sampleIds: [marked, others[0]!], tag: 'night' });
    await host.ok('samples.relabel', { selection: { ids: others.slice(1, 3) }, reason: 'boxes too loose' });

    await reopen(host, dir, sam);
    const restored = await host.ok('agreement.project', {});
    expect(restored).not.toEqual(before);
    // The kept sums with the changed samples taken back and added again, as a submission in a session does it.
    expectClose(restored, await freshDashboard(host, dir, sam));
  });

  it('notices what another process changed in the database while the project was closed, and only that', async () => {
    const { host, sam, dir } = await demoAsSam();
    const before = (await host.ok('agreement.project', {})) as AgreementDashboard;
    await host.ok('projects.close', {});
    const kept = (await readAgreementLedgerFile(dashboardFile(dir), identityOf(dashboardFile(dir)), WIDTH))!;

    // Straight into the database, as a script or another Concord would: no service, no notice to this host.
    const other = await host.openDatabase(dir);
    const [worst, second, third] = before.worstSamples.map((row) => row.sampleId);
    try {
      const { db } = other;
      const answer = await db
        .selectFrom('annotation_revision as r')
        .innerJoin('annotation as a', 'a.id', 'r.annotation_id')
        .select(['r.annotation_id', 'r.revision', 'r.guideline_version_id'])
        .where('a.sample_id', '=', worst!)
        .where('r.status', '=', 'submitted')
        .orderBy('r.revision', 'desc')
        .executeTakeFirstOrThrow();
      const elsewhere = await db
        .selectFrom('annotation_revision as r')
        .innerJoin('annotation as a', 'a.id', 'r.annotation_id')
        .select('r.payload_json')
        .where('a.sample_id', '=', second!)
        .where('r.status', '=', 'submitted')
        .executeTakeFirstOrThrow();
      // The worst sample's labeler submits again: another sample's boxes, far from the others'.
      await db
        .insertInto('annotation_revision')
        .values({ ...answer, revision: answer.revision + 1, status: 'submitted', payload_json: elsewhere.payload_json, saved_at: Date.now() })
        .execute();
      const tag = await db
        .selectFrom('tag')
        .select('id')
        .where('id', 'not in', db.selectFrom('sample_tag').select('tag_id').where('sample_id', '=', third!))
        .executeTakeFirstOrThrow();
      await db.insertInto('sample_tag').values({ sample_id: third!, tag_id: tag.id }).execute();
    } finally {
      await other.close();
    }

    await host.ok('projects.open', { dir });
    await host.signInAs(sam);
    const restored = (await host.ok('agreement.project', {})) as AgreementDashboard;
    expect(restored).not.toEqual(before);
    await host.ok('projects.close', {});
    // Two samples changed are not worth writing the file again for: it stays as it was kept, and
    // the next opening measures them again from the changes the database recorded.
    expect(await readAgreementLedgerFile(dashboardFile(dir), identityOf(dashboardFile(dir)), WIDTH)).toEqual(kept);
    await reopen(host, dir, sam);
    expect(await host.ok('agreement.project', {})).toEqual(restored);
    expectClose(restored, await freshDashboard(host, dir, sam));
  });

  it('builds the ledger from the annotations when its file is damaged, foreign or of another format, and keeps a sound one again', async () => {
    const { host, sam, dir } = await demoAsSam();
    const before = await host.ok('agreement.project', {});
    await host.ok('projects.close', {});
    const file = dashboardFile(dir);
    const sound = readFileSync(file);
    const identity = identityOf(file);
    const soundKept = (await readAgreementLedgerFile(file, identity, WIDTH))!;
    const keptSamples = soundKept.entries.length;
    expect(keptSamples).toBeGreaterThan(0);

    const flipped = Buffer.from(sound);
    flipped[flipped.length - 3]! ^= 0x10; // a number of the sums, after the samples
    const damaged: Record<string, () => Promise<void> | void> = {
      truncated: () => writeFileSync(file, sound.subarray(0, sound.length - 20)),
      flipped: () => writeFileSync(file, flipped),
      'not a ledger': () => writeFileSync(file, Buffer.from('{ "format": 1 }')),
      // Format 1 kept no sums: its samples alone, read as this format's, would leave every figure at zero.
      'of the format before': () => writeFileSync(file, withHeader(sound, { format: 1 })),
      // Sound in itself, but kept by another project (a cache folder copied over): its entries say nothing here.
      'of another project': () => rewrite(file, () => undefined, { ...identity, project: `${identity.project}0` }),
    };
    // Read whole and checksummed, but its parts do not fit together: the ledger refuses it when taking it back.
    const unfit: Record<string, () => Promise<void>> = {
      'with a pool counting a sample more': () => rewrite(file, (kept) => kept.sums.pools[0]!.samples++),
      'with the histogram of other scores': () =>
        rewrite(file, (kept) => {
          kept.sums.histogram[0]!++;
          kept.sums.histogram[9]!--;
        }),
      'with resamples of another size': () => rewrite(file, (kept) => (kept.sums.pools[0]!.resamples = new Float64Array(7))),
    };
    for (const [what, damage] of Object.entries({ ...damaged, ...unfit })) {
      writeFileSync(file, sound);
      await damage();
      if (what in damaged) expect(await readAgreementLedgerFile(file, identity, WIDTH), what).toBeNull();
      await host.ok('projects.open', { dir });
      await host.signInAs(sam);
      expect(await host.ok('agreement.project', {}), what).toEqual(before);
      await host.ok('projects.close', {});
      // Kept again as it was (where the changes stood aside: a PostgreSQL snapshot moves with every session).
      const rebuilt = (await readAgreementLedgerFile(file, identity, WIDTH))!;
      expect(rebuilt.entries.length, what).toBe(keptSamples);
      expect({ ...rebuilt, position: null }, what).toEqual({ ...soundKept, position: null });
    }
  });

  it("answers drift after reopening from the kept peer records, and fails once on a block's damaged records, then builds the ledger again", async () => {
    const { host, sam, dir } = await demoAsSam();
    const drift = await host.ok('quality.drift', {});
    expect(drift.length).toBeGreaterThan(1);
    await reopen(host, dir, sam);
    expect(await host.ok('quality.drift', {})).toEqual(drift);

    // The first block's first peer record made to claim more labelers than its numbers hold, under a sound checksum.
    await host.ok('projects.close', {});
    const file = dashboardFile(dir);
    const bytes = readFileSync(file);
    const header = headerOf(bytes) as { head: number; blocks: Array<{ numbers: number }> };
    const bodyStart = Math.ceil((16 + bytes.readUInt32LE(12)) / 8) * 8;
    const peersStart = bodyStart + 8 * (header.head + header.blocks.reduce((sum, block) => sum + block.numbers, 0));
    bytes.writeDoubleLE(1_000, peersStart + 8); // the record's labeler count, after its sample id
    bytes.writeUInt32LE(crc32(bytes.subarray(12)), 8);
    writeFileSync(file, bytes);
    await host.ok('projects.open', { dir });
    await host.signInAs(sam);
    // The dashboard answers from the kept sums; drift reads the damaged records and fails (the log says why), and the file is gone.
    const dashboard = await host.ok('agreement.project', {});
    expect((await host.fails('quality.drift', {})).code).toBe('internal');
    expect(keptFiles(dir)).toEqual([]);
    expect(await host.ok('agreement.project', {})).toEqual(dashboard);
    expect(await host.ok('quality.drift', {})).toEqual(drift);
  });
});
