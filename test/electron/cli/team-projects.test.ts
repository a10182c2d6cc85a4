import { mkdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../electron/cli/commands';
import { runCli } from '../../../electron/cli/run-cli';
import { writeImage } from '../../support/media-fixtures';
import { usePostgresUrls } from '../../support/postgres';
import { importAndWait, useServiceHost } from '../../support/service-host';
import { useTempDirs } from '../../support/temp-dir';

function capture(stdin = ''): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t), progress: () => undefined, readStdin: async () => stdin };
}

describe("a team's project from the CLI", () => {
  const tempDir = useTempDirs();
  const reserveDatabase = usePostgresUrls();
  const newHost = useServiceHost('postgres');

  async function concord(args: string[]) {
    const io = capture();
    const code = await runCli(args, io, tempDir());
    return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
  }

  it('creates the project, then imports media: inside the media root in place, from elsewhere copied in; the server serves both', async () => {
    const { url, ready } = reserveDatabase();
    await ready;
    const mediaRoot = join(tempDir(), 'media-root');
    const created = await concord([
      'projects',
      'create',
      '--database',
      url,
      '--media-root',
      mediaRoot,
      '--kind',
      'bbox',
      '--name',
      'Street',
      '--classes',
      'car,person',
    ]);
    expect(created).toMatchObject({ code: 0, out: expect.stringContaining('Created bbox project "Street" (main) in the team database') as unknown });
    expect(created.out).toContain('Classes: car [1], person [2]');

    const inside = join(mediaRoot, 'batch-1');
    mkdirSync(inside);
    await writeImage(join(inside, 'a.png'), 'png', 40, 30, 1);
    const outside = tempDir();
    await writeImage(join(outside, 'b.png'), 'png', 40, 30, 2);
    expect(await concord(['import', '--database', url, '--media-root', mediaRoot, inside])).toMatchObject({
      code: 0,
      out: 'Imported 1 of 1 file (0 duplicates, 0 skipped).',
    });
    const copied = await concord(['import', '--database', url, '--media-root', mediaRoot, outside]);
    expect(copied.code).toBe(0);
    expect(copied.out).toContain('lies outside the media root: its files are copied into');

    // A server on the same database and media root finds the project, both samples and their media.
    const server = newHost(tempDir(), { teamDatabase: url });
    const project = await server.ok('projects.open', { dir: mediaRoot });
    expect(project).toMatchObject({ name: 'Street', kind: 'bbox', sampleCount: 2 });
    const samples = (await server.ok('samples.list', {})).items;
    const served = await Promise.all(samples.map((s) => server.resolveMedia({ sampleId: s.id, sha256: s.sha256, variant: 'original' })));
    const root = realpathSync(mediaRoot);
    expect(served.map((file) => file?.path).sort()).toEqual(
      [join(root, 'batch-1', 'a.png'), expect.stringMatching(new RegExp(`^${root}/media/.+\\.png$`))].sort(),
    );
  });

  it("refuses in-place media outside a team server's media root, importing nothing, and says why", async () => {
    const host = newHost(tempDir());
    const mediaRoot = join(tempDir(), 'media-root');
    await host.ok('projects.create', { dir: mediaRoot, name: 'Street', kind: 'bbox', classes: [{ name: 'car' }] });
    const elsewhere = tempDir();
    await writeImage(join(elsewhere, 'a.png'), 'png', 40, 30, 1);
    const report = await importAndWait(host, elsewhere, false);
    expect(report.state).toBe('failed');
    expect(report.error).toMatch(/lies outside the server's media root .*Import with "copy media"/);
    expect((await host.ok('samples.list', {})).items).toEqual([]);
  });

  it('refuses a second project, missing options and a database without a project, with exit code 1', async () => {
    const { url, ready } = reserveDatabase();
    await ready;
    const empty = reserveDatabase();
    await empty.ready;
    const mediaRoot = join(tempDir(), 'media-root');
    const create = ['projects', 'create', '--database', url, '--media-root', mediaRoot, '--kind', 'transcript', '--name', 'Calls'];
    expect((await concord(create)).code).toBe(0);
    const cases: Array<[string[], RegExp]> = [
      [create, /already holds a project/],
      [['projects', 'create', '--database', url, '--kind', 'bbox', '--name', 'X', '--classes', 'car'], /--media-root DIR is required/],
      [['projects', 'create', '--database', url, '--media-root', mediaRoot, '--kind', 'video', '--name', 'X'], /--kind must be bbox or transcript/],
      [
        ['projects', 'create', '--media-root', mediaRoot, '--kind', 'bbox', '--name', 'X', '--classes', 'car'],
        /--database postgres:\/\/USER@HOST:PORT\/DB is required/,
      ],
      [['projects', 'rename', '--database', url], /projects takes create, list, add-member or remove-member/],
      [['import', '--database', url, mediaRoot], /--media-root DIR is required/],
      [['import', '--database', empty.url, '--media-root', mediaRoot, mediaRoot], /holds no project yet/],
    ];
    for (const [argv, message] of cases) {
      const result = await concord(argv);
      expect(result.code, argv.join(' ')).toBe(1);
      expect(result.err).toMatch(message);
    }
  });
});
