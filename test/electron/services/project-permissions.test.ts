import { chmodSync, existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openConnection } from '../../../electron/db/connection';
import { migrate } from '../../../electron/db/migrate';
import { openProjectDatabase, projectPaths } from '../../../electron/services/project-folder';
import { writeImage, writeWav } from '../../support/media-fixtures';
import { importAndWait, openDemoAs, useServiceHost } from '../../support/service-host';
import { seededSplits } from '../../support/dataset-splits';
import { useTempDirs } from '../../support/temp-dir';

const modeOf = (path: string) => statSync(path).mode & 0o777;

/** Every folder and file under `dir`, with `dir` itself. */
function everythingIn(dir: string): string[] {
  return [dir, ...readdirSync(dir, { recursive: true, withFileTypes: true }).map((entry) => join(entry.parentPath, entry.name))];
}

function expectOwnerOnly(paths: string[]): void {
  for (const path of paths) expect(`${path} ${modeOf(path).toString(8)}`).toBe(`${path} ${(statSync(path).isDirectory() ? 0o700 : 0o600).toString(8)}`);
}

describe.skipIf(process.platform === 'win32')('project files are readable by their owner only', () => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost();
  // The most permissive umask: the modes must come from Concord, not from the process setting.
  let umask: number;
  beforeEach(() => {
    umask = process.umask(0);
  });
  afterEach(() => {
    process.umask(umask);
  });

  it('the folder, its database with -wal and -shm, copied media and thumbnails', async () => {
    const photos = tempDir();
    await writeImage(join(photos, 'a.png'), 'png', 40, 30, 1);
    const host = newHost(tempDir());
    const dir = join(tempDir(), 'new', 'p');
    await host.ok('projects.create', { dir, name: 'P', kind: 'bbox', classes: [{ name: 'car' }] });
    await importAndWait(host, photos, true);
    const sample = (await host.ok('samples.list', {})).items[0]!;
    expect(await host.resolveMedia({ sampleId: sample.id, variant: 'thumbnail', sha256: sample.sha256 })).not.toBeNull();

    const files = everythingIn(dir);
    expect(files).toEqual(expect.arrayContaining([join(dir, 'concord.db-wal'), join(dir, 'concord.db-shm'), join(dir, 'cache', 'thumbnails')]));
    expect(files.filter((path) => path.startsWith(join(dir, 'media')) && statSync(path).isFile())).toHaveLength(1);
    expectOwnerOnly(files);
    // Its parent folder was created for it too.
    expectOwnerOnly([join(dir, '..')]);
  });

  it('an empty folder chosen for a new project', async () => {
    const dir = tempDir();
    chmodSync(dir, 0o755);
    await newHost(tempDir()).ok('projects.create', { dir, name: 'P', kind: 'bbox', classes: [{ name: 'car' }] });
    expectOwnerOnly([dir]);
  });

  it('waveform peaks and display copies', async () => {
    const clips = tempDir();
    writeWav(join(clips, 'a.wav'), 300);
    const host = newHost(tempDir());
    const audioProject = join(tempDir(), 'speech');
    await host.ok('projects.create', { dir: audioProject, name: 'S', kind: 'transcript' });
    await importAndWait(host, clips);
    const clip = (await host.ok('samples.list', {})).items[0]!;
    expect(await host.resolveMedia({ sampleId: clip.id, variant: 'peaks', sha256: clip.sha256 })).not.toBeNull();
    expectOwnerOnly(everythingIn(join(audioProject, 'cache')));

    const images = tempDir();
    await writeImage(join(images, 'wide.png'), 'png', 9000, 20, 2);
    const imageProject = join(tempDir(), 'wide');
    await host.ok('projects.create', { dir: imageProject, name: 'W', kind: 'bbox', classes: [{ name: 'car' }] });
    await importAndWait(host, images);
    const wide = (await host.ok('samples.list', {})).items[0]!;
    expect(await host.resolveMedia({ sampleId: wide.id, variant: 'display', sha256: wide.sha256 })).not.toBeNull();
    expect(existsSync(join(imageProject, 'cache', 'display'))).toBe(true);
    expectOwnerOnly(everythingIn(join(imageProject, 'cache')));
  });

  it('backups taken before a schema upgrade', async () => {
    const paths = projectPaths(tempDir());
    // A database of an earlier schema: opening it upgrades it after a backup.
    const old = openConnection(paths.database);
    await migrate(old.db, { target: 1 });
    await old.close();
    await (await openProjectDatabase(paths)).close();
    expect(readdirSync(paths.backups)).toHaveLength(1);
    expectOwnerOnly(everythingIn(paths.backups));
  });

  it('an export folder: written owner-only in its hidden folder, then renamed into place', async () => {
    const host = newHost(tempDir());
    await openDemoAs(host, 'bbox', 'eli');
    const version = await host.ok('datasets.create', seededSplits(3));
    const out = join(tempDir(), 'export');
    await host.ok('datasets.export', { version: version.version, format: 'coco', outDir: out, copyMedia: true });
    expectOwnerOnly([out]);
  });
});
