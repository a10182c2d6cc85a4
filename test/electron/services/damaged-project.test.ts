import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { projectPaths } from '../../../electron/services/project-folder';
import { useServiceHost } from '../../support/service-host';
import { useTempDirs } from '../../support/temp-dir';

const SECRET = 'do-not-echo-7731';

describe('a project database with damaged JSON', () => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost();

  it('answers with a `damaged` error naming the table, row and column, and keeps listing what it can read', async () => {
    const dir = join(tempDir(), 'p');
    const host = newHost(tempDir());
    await host.ok('projects.create', { dir, name: 'P', kind: 'bbox', classes: [{ name: 'car' }] });
    expect(await host.ok('datasets.list', {})).toEqual([]);

    // As a tool other than Concord could leave it, behind the open host's back.
    const sqlite = new BetterSqlite3(projectPaths(dir).database);
    try {
      sqlite.prepare(`INSERT INTO dataset_version (version, summary_json, created_at) VALUES (1, ?, 1)`).run(`{"${SECRET}"`);
    } finally {
      sqlite.close();
    }

    // The list is still usable; opening the damaged version says what is wrong and where.
    expect(await host.ok('datasets.list', {})).toEqual([]);
    const error = await host.fails('datasets.compare', { from: 1, to: 1 });
    expect(error).toEqual({
      code: 'damaged',
      message: 'The project database is damaged: summary_json of dataset_version row 1 is not valid JSON.',
    });
  });
});
