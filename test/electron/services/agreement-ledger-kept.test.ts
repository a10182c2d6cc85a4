import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { AgreementLedger, type AgreementDashboard } from '../../../shared/agreement';
import { readAgreementLedgerFile, writeAgreementLedgerFile, type KeptLedgerIdentity } from '../../../electron/workers/agreement-ledger-file';
import { describeOnEngines } from '../../support/engines';
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

/** What a box ledger's file was kept for (its options and project), read from its header (after the magic and checksum). */
function identityOf(file: string): KeptLedgerIdentity {
  const bytes = readFileSync(file);
  const { options, project } = JSON.parse(bytes.subarray(44, 44 + bytes.readUInt32LE(40)).toString('utf8')) as KeptLedgerIdentity;
  return { kind: 'bbox', options, project };
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

  it('answers after reopening exactly what a fresh ledger answers, measuring only the samples changed while it was closed', async () => {
    const host = newHost(tempDir());
    const labelers = await openDemoAs(host, 'bbox', 'sam');
    const sam = labelers.get('sam')!;
    const { dir } = (await host.ok('projects.current', {}))!;
    const before = (await host.ok('agreement.project', {})) as AgreementDashboard;
    await reopen(host, dir, sam);
    const file = dashboardFile(dir);
    expect(await host.ok('agreement.project', {})).toEqual(before);

    // What the file says is what the dashboard shows: an unchanged sample is not measured again.
    const marked = before.worstSamples[0]!.sampleId;
    await host.ok('projects.close', {});
    const identity = identityOf(file);
    const kept = (await readAgreementLedgerFile(file, identity, WIDTH))!;
    expect(kept).not.toBeNull();
    const sample = kept.samples.get(marked)!;
    sample.entry = { ...sample.entry!, score: 0.0123 };
    await writeAgreementLedgerFile(file, identity, kept.slots, [...kept.samples.values()]);
    await host.ok('projects.open', { dir });
    await host.signInAs(sam);
    const shown = (await host.ok('agreement.project', {})) as AgreementDashboard;
    expect(shown.worstSamples.find((row) => row.sampleId === marked)?.score ?? 0.0123).toBe(0.0123);
    expect(shown).not.toEqual(before);

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
    expect(restored).toEqual(await freshDashboard(host, dir, sam));
  });

  it('builds the ledger from the annotations when its file is damaged, foreign or of another format, and keeps a sound one again', async () => {
    const host = newHost(tempDir());
    const labelers = await openDemoAs(host, 'bbox', 'sam');
    const sam = labelers.get('sam')!;
    const { dir } = (await host.ok('projects.current', {}))!;
    const before = await host.ok('agreement.project', {});
    await host.ok('projects.close', {});
    const file = dashboardFile(dir);
    const sound = readFileSync(file);
    const identity = identityOf(file);
    const keptSamples = (await readAgreementLedgerFile(file, identity, WIDTH))!.samples.size;
    expect(keptSamples).toBeGreaterThan(0);

    const flipped = Buffer.from(sound);
    flipped[flipped.length - 3]! ^= 0x10; // a number of the last sample
    const damaged = {
      truncated: sound.subarray(0, sound.length - 20),
      flipped,
      'not a ledger': Buffer.from('{ "format": 1 }'),
      'of another project': null,
    };
    for (const [what, bytes] of Object.entries(damaged)) {
      if (bytes) writeFileSync(file, bytes);
      else {
        // Sound in itself, but kept by another project (a cache folder copied over): its stamps say nothing here.
        const kept = (await readAgreementLedgerFile(file, identity, WIDTH))!;
        await writeAgreementLedgerFile(file, { ...identity, project: `${identity.project}0` }, kept.slots, [...kept.samples.values()]);
      }
      expect(await readAgreementLedgerFile(file, identity, WIDTH), what).toBeNull();
      await host.ok('projects.open', { dir });
      await host.signInAs(sam);
      expect(await host.ok('agreement.project', {}), what).toEqual(before);
      await host.ok('projects.close', {});
      expect((await readAgreementLedgerFile(file, identity, WIDTH))?.samples.size, what).toBe(keptSamples);
    }
  });
});
