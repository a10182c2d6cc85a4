import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../electron/cli/commands';
import { runCli } from '../../../electron/cli/run-cli';
import { openConnection } from '../../../electron/db/connection';
import { describeTables } from '../../../electron/db/dialect/catalog';
import { openPostgresConnection } from '../../../electron/db/postgres-connection';
import { openTeamDatabase } from '../../../electron/db/team-database';
import type { ProjectDatabase } from '../../../electron/db/project-database';
import { copyOrder, tableRows, type TableRow } from '../../../electron/db/table-copy';
import { usePostgresUrls } from '../../support/postgres';
import { useServiceHost, type TestHost } from '../../support/service-host';
import { useTempDirs } from '../../support/temp-dir';

function capture(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t), progress: () => undefined, readStdin: async () => '' };
}

/** Every copied table's rows, in key order, as the database holds them. */
async function everyRow(connection: ProjectDatabase): Promise<Record<string, TableRow[]>> {
  const tables: Record<string, TableRow[]> = {};
  try {
    for (const table of copyOrder(await describeTables(connection.db))) {
      tables[table.name] = [];
      for await (const page of tableRows(connection.db, table)) tables[table.name]!.push(...page);
    }
  } finally {
    await connection.close();
  }
  return tables;
}

/** Files under a folder, recursively (the media root's copies). */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('concord push', () => {
  const tempDir = useTempDirs();
  const reserveDatabase = usePostgresUrls();
  const newLocalHost = useServiceHost('sqlite');
  const newTeamHost = useServiceHost('postgres');

  const push = async (args: string[]) => {
    const io = capture();
    const code = await runCli(['push', ...args], io, tempDir());
    return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
  };

  /** A demo project as the start screen makes it, with a dataset version on top; closed again, so it can be pushed. */
  async function localDemo(kind: 'bbox' | 'transcript'): Promise<{ host: TestHost; dir: string }> {
    const host = newLocalHost(tempDir());
    const { dir } = await host.ok('projects.openDemo', { kind });
    await host.ok('datasets.create', { ratios: [0.5, 0.25, 0.25], seed: 3, minAgreement: 0, unresolved: 'flag', stratifyTags: [], pinTestFrom: null });
    return { host, dir };
  }

  it.each(['bbox', 'transcript'] as const)(
    'moves the %s demo with every row of every table and its media; the agreement figures and Review queue are the same on the server',
    async (kind) => {
      const { host: local, dir } = await localDemo(kind);
      const agreementBefore = await local.ok('agreement.project', {});
      const reviewBefore = await local.ok('review.queue', {});
      await local.ok('projects.close', {});
      const before = await everyRow(openConnection(join(dir, 'concord.db')));

      const { url, ready } = reserveDatabase();
      await ready;
      const mediaRoot = join(tempDir(), 'media-root');
      const pushed = await push([dir, '--database', url, '--media-root', mediaRoot]);
      expect(pushed.err).toBe('');
      expect(pushed.code).toBe(0);
      expect(pushed.out).toContain(`${before['sample']!.length} samples, ${before['annotation_revision']!.length} annotation revisions`);

      const after = await everyRow(openPostgresConnection({ connectionString: url }));
      expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
      for (const table of Object.keys(before)) {
        if (table === 'sample') continue;
        expect(after[table], table).toEqual(before[table]);
      }
      // Samples keep everything but where their media is: now copied into the media root, by content hash.
      const placeless = (rows: TableRow[]) => rows.map(({ media_path: _path, media_copied: _copied, ...rest }) => rest);
      expect(placeless(after['sample']!)).toEqual(placeless(before['sample']!));
      for (const sample of after['sample']!) {
        const sha256 = String(sample['sha256']);
        expect(sample['media_path']).toMatch(new RegExp(`^media/${sha256.slice(0, 2)}/${sha256}\\.[a-z0-9]+$`));
        expect(sample['media_copied']).toBe(1);
      }
      expect(filesUnder(mediaRoot)).toHaveLength(before['sample']!.length);

      const server = newTeamHost(tempDir(), { teamDatabase: url });
      await server.ok('projects.open', { dir: mediaRoot });
      expect(await server.ok('agreement.project', {})).toEqual(agreementBefore);
      // The kept Review queue is not copied: the pushed answers marked every sample, and it is built again.
      expect(await server.ok('review.queue', {})).toEqual(reviewBefore);
      const samples = await server.ok('samples.list', {});
      expect(samples.items.map((s) => s.mediaAvailable)).toEqual(samples.items.map(() => true));
      // New rows continue after the pushed ids instead of colliding with them.
      const account = await server.ok('labelers.create', { name: 'newcomer', role: 'labeler', password: 'a long enough password' });
      expect(account.id).toBe(Math.max(...before['labeler']!.map((l) => l['id'] as number)) + 1);
    },
  );

  it('refuses a database that already holds a project, and leaves it as it was', async () => {
    const { host: local, dir } = await localDemo('transcript');
    await local.ok('projects.close', {});
    const { url, ready } = reserveDatabase();
    await ready;
    const mediaRoot = join(tempDir(), 'media-root');
    expect((await push([dir, '--database', url, '--media-root', mediaRoot])).code).toBe(0);
    const first = await everyRow(openPostgresConnection({ connectionString: url }));

    const again = await push([dir, '--database', url, '--media-root', mediaRoot]);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(
      /already holds a project or accounts; push only into a new, empty database, or into a new project of a team server with --project NAME\. Nothing was pushed\./,
    );
    expect(await everyRow(openPostgresConnection({ connectionString: url }))).toEqual(first);
  });

  it('pushes nothing when a sample has lost its media file, naming the sample', async () => {
    const { host: local, dir } = await localDemo('bbox');
    const [lost] = (await local.ok('samples.list', {})).items;
    await local.ok('projects.close', {});
    rmSync(join(dir, 'media', lost!.sha256.slice(0, 2)), { recursive: true });
    const { url, ready } = reserveDatabase();
    await ready;
    const mediaRoot = join(tempDir(), 'media-root');

    const refused = await push([dir, '--database', url, '--media-root', mediaRoot]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(`sample ${lost!.id} ("${lost!.displayName}"): its media file is missing`);
    expect(filesUnder(mediaRoot)).toEqual([]);
    const target = await everyRow(openPostgresConnection({ connectionString: url }));
    expect(Object.entries(target).filter(([table, rows]) => rows.length > 0 && table !== 'labeler')).toEqual([]);
  });

  it('is all or nothing: a failure halfway through the rows leaves the database empty and removes the media it copied', async () => {
    const { host: local, dir } = await localDemo('bbox');
    await local.ok('projects.close', {});
    const { url, ready, config } = reserveDatabase();
    await ready;
    // A database migrated as a server would, that then refuses the third annotation revision pushed into it.
    await (await openTeamDatabase(url)).close();
    const client = new pg.Client(config);
    await client.connect();
    try {
      await client.query(`CREATE FUNCTION refuse_revision() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF (SELECT count(*) FROM annotation_revision) >= 3 THEN RAISE EXCEPTION 'disk trouble'; END IF; RETURN NEW; END $$`);
      await client.query('CREATE TRIGGER refuse_revision BEFORE INSERT ON annotation_revision FOR EACH ROW EXECUTE FUNCTION refuse_revision()');
    } finally {
      await client.end();
    }
    const mediaRoot = join(tempDir(), 'media-root');

    const failed = await push([dir, '--database', url, '--media-root', mediaRoot]);
    expect(failed.code).toBe(2);
    expect(failed.err).toMatch(/annotation_revision.*disk trouble.*Nothing was pushed/);
    expect(filesUnder(mediaRoot)).toEqual([]);
    const target = await everyRow(openPostgresConnection({ connectionString: url }));
    expect(Object.entries(target).filter(([, rows]) => rows.length > 0)).toEqual([['labeler', [expect.objectContaining({ name: 'admin', is_owner: 1 })]]]);
  });

  it('asks for the media root when the project has samples, and for a database', async () => {
    const { host: local, dir } = await localDemo('transcript');
    await local.ok('projects.close', {});
    const { url, ready } = reserveDatabase();
    await ready;
    expect(await push([dir, '--database', url])).toMatchObject({ code: 1, err: expect.stringMatching(/Give --media-root DIR/) });
    expect(await push([dir])).toMatchObject({ code: 1, err: expect.stringMatching(/--database postgres:\/\/USER@HOST:PORT\/DB is required/) });
    expect(await push([join(tempDir(), 'nothing-here'), '--database', url])).toMatchObject({ code: 1, err: expect.stringMatching(/No Concord project in/) });
  });
});
