import { lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DatasetItem } from '../../../shared/domain/dataset';
import { frozenItemsOf } from '../../support/dataset-items';
import { SPLITS as ALL_IN } from '../../support/dataset-splits';
import type { EngineName } from '../../support/engines';
import { openDemoAs, useServiceHost, type TestHost } from '../../support/service-host';
import { useTempDirs } from '../../support/temp-dir';

/** tmpfs here and in CI: a file system other than the one the temporary folders (and so the projects) are on. */
const OTHER_DISK = '/dev/shm';
const otherDiskDevice = statSync(OTHER_DISK, { throwIfNoEntry: false })?.dev;
const otherDiskDiffers = otherDiskDevice !== undefined && otherDiskDevice !== statSync(tmpdir()).dev;

/** Every file under the project's folder by its inode: where a hard link's other name is. */
function filesByInode(dir: string): Map<number, string> {
  const byInode = new Map<number, string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true }))
    if (entry.isFile()) byInode.set(statSync(join(entry.parentPath, entry.name)).ino, join(entry.parentPath, entry.name));
  return byInode;
}

const imageOf = (dir: string, item: DatasetItem) => join(dir, item.split === 'dev' ? 'val' : item.split, 'images', item.fileName);

describe.each<EngineName>(['sqlite', 'postgres'])('linked exports [%s]', (engine) => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost(engine);
  const onOtherDisk: string[] = [];
  afterEach(() => {
    for (const dir of onOtherDisk.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  async function demoVersion(host: TestHost): Promise<{ version: number; items: DatasetItem[]; projectDir: string }> {
    await openDemoAs(host, 'bbox', 'eli');
    const { version } = await host.ok('datasets.create', ALL_IN);
    return { version, items: await frozenItemsOf(host, version), projectDir: (await host.ok('projects.current', {}))!.dir };
  }

  it("hard-links each image to the project's own file on the same disk, and the card counts them", async () => {
    const host = newHost(tempDir());
    const { version, items, projectDir } = await demoVersion(host);
    const dir = join(tempDir(), 'coco');
    await host.ok('datasets.export', { version, format: 'coco', outDir: dir, copyMedia: false });
    const projectFiles = filesByInode(projectDir);
    for (const item of items) {
      const image = lstatSync(imageOf(dir, item));
      expect(image.isFile(), item.fileName).toBe(true);
      expect(image.nlink).toBeGreaterThanOrEqual(2);
      const original = projectFiles.get(image.ino);
      expect(original, `${item.fileName} is another name for a file of the project`).toBeDefined();
      expect(readFileSync(imageOf(dir, item))).toEqual(readFileSync(original!));
    }
    const card = readFileSync(join(dir, 'DATASET.md'), 'utf8');
    expect(card).toContain(`- ${items.length} as hard links`);
    expect(card).not.toContain('as symbolic links');
    expect(card).toMatch(/not portable[\s\S]*concord export --portable/);
  });

  it("keeps a hard-linked image readable after the project's file is removed", async () => {
    const host = newHost(tempDir());
    const { version, items, projectDir } = await demoVersion(host);
    const dir = join(tempDir(), 'yolo');
    await host.ok('datasets.export', { version, format: 'yolo', outDir: dir, copyMedia: false });
    const item = items[0]!;
    const exported = join(dir, 'images', item.split === 'dev' ? 'val' : item.split, item.fileName);
    const bytes = readFileSync(exported);
    const original = filesByInode(projectDir).get(statSync(exported).ino)!;
    unlinkSync(original);
    expect(readFileSync(exported)).toEqual(bytes);
    expect(statSync(exported).nlink).toBe(1);
  });

  it.skipIf(!otherDiskDiffers)(
    `falls back to relative symbolic links on another file system (skipped only if ${OTHER_DISK} is missing or on the same one)`,
    async () => {
      const host = newHost(tempDir());
      const { version, items, projectDir } = await demoVersion(host);
      const parent = mkdtempSync(join(OTHER_DISK, 'concord-test-'));
      onOtherDisk.push(parent);
      const dir = join(parent, 'coco');
      await host.ok('datasets.export', { version, format: 'coco', outDir: dir, copyMedia: false });
      for (const item of items) {
        const image = imageOf(dir, item);
        expect(lstatSync(image).isSymbolicLink(), item.fileName).toBe(true);
        expect(isAbsolute(readlinkSync(image))).toBe(false);
        expect(realpathSync(image).startsWith(realpathSync(projectDir))).toBe(true);
      }
      const card = readFileSync(join(dir, 'DATASET.md'), 'utf8');
      expect(card).toContain(`- ${items.length} as symbolic links`);
      expect(card).not.toContain('as hard links');
    },
  );
});
