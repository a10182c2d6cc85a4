import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { CLI_CREDENTIALS } from '../../../electron/cli/commands';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openConnection } from '../../../electron/db/connection';
import { createServiceHost } from '../../../electron/services/hosting/service-host';
import { REPO_ROOT, useServiceHost } from '../../support/service-host';
import { useTempDirs } from '../../support/temp-dir';

const demoJson = (kind: string) =>
  JSON.parse(readFileSync(join(REPO_ROOT, 'resources', 'demo', kind, 'demo.json'), 'utf8')) as {
    name: string;
    samples: unknown[];
    annotations: Array<{ status: string }>;
    labelers: unknown[];
  };

describe('demo projects', () => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost();

  it.each(['bbox', 'transcript'] as const)("builds the %s demo once, with its media and three labelers' annotations", async (kind) => {
    const dataDir = tempDir();
    const host = newHost(dataDir);
    const demo = demoJson(kind);
    const project = await host.ok('projects.openDemo', { kind });
    expect(project).toMatchObject({
      name: demo.name,
      kind,
      sampleCount: demo.samples.length,
      labelerCount: demo.labelers.length + 1 /* and the owner's admin account */,
    });

    const samples = await host.ok('samples.list', {});
    expect(samples.items.every((s) => s.mediaAvailable)).toBe(true);
    expect(samples.items.filter((s) => s.status !== 'unlabeled').length).toBe(demo.samples.length);

    await host.ok('projects.close', {});
    const connection = openConnection(join(project.dir, 'concord.db'));
    const annotations = await connection.db.selectFrom('annotation').select(['status', 'revision']).execute();
    const revisions = await connection.db.selectFrom('annotation_revision').select('id').execute();
    await connection.close();
    expect(annotations).toHaveLength(demo.annotations.length);
    expect(annotations.filter((a) => a.status === 'submitted')).toHaveLength(demo.annotations.filter((a) => a.status === 'submitted').length);
    expect(revisions).toHaveLength(demo.annotations.length);

    // Opening it again reopens the same project rather than building a second copy.
    const again = await host.ok('projects.openDemo', { kind });
    expect(again.dir).toBe(project.dir);
    expect(again.sampleCount).toBe(demo.samples.length);
  });

  it('opens nothing on first start, so the start screen shows, and the last project on later starts', async () => {
    const dataDir = tempDir();
    const first = newHost(dataDir);
    await first.openInitialProject();
    expect(await first.ok('projects.current', {})).toBeNull();
    const mine = await first.ok('projects.create', { dir: join(tempDir(), 'mine'), name: 'Mine', kind: 'transcript' });
    await first.close();

    const second = newHost(dataDir);
    await second.openInitialProject();
    expect((await second.ok('projects.current', {}))?.dir).toBe(mine.dir);
  });

  it('leaves nothing behind when the demo cannot be built, and finds resources by a relative path', async () => {
    const resources = tempDir();
    mkdirSync(join(resources, 'demo', 'bbox'), { recursive: true });
    const broken = {
      name: 'Broken',
      kind: 'bbox',
      classes: [{ name: 'car' }],
      tags: [],
      labelers: [],
      samples: [{ file: 'images/missing.jpg' }],
      annotations: [],
    };
    writeFileSync(join(resources, 'demo', 'bbox', 'demo.json'), JSON.stringify(broken));
    const dataDir = tempDir();
    const host = createServiceHost({ hostKind: 'cli', dataDir, resourcesDir: relative(process.cwd(), resources) });
    const result = await host.call('projects.openDemo', { kind: 'bbox' }, CLI_CREDENTIALS);
    await host.close();
    expect(result).toMatchObject({ ok: false, error: { message: expect.stringMatching(/demo project could not be built.*missing\.jpg/) } });
    expect(existsSync(join(dataDir, 'demo', 'bbox'))).toBe(false);
  });
});
