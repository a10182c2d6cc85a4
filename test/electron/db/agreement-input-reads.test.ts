import { join } from 'node:path';
import { Kysely, SqliteDialect, type CompiledQuery } from 'kysely';
import { expect, it } from 'vitest';
import { openConnection } from '../../../electron/db/connection';
import { migrate } from '../../../electron/db/migrate';
import { samplesWithSubmissions } from '../../../electron/db/queries/agreement-inputs';
import type { Database } from '../../../electron/db/schema';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();

// A whole agreement computation starts with this list, every other request waiting on SQLite's
// answer: looking each of 300,000 annotations' revisions up in their table took ~250 ms.
it("lists the samples with a submitted answer from the submitted revisions' own index, never reading a revision's row (SQLite's plan)", async () => {
  const connection = openConnection(join(tempDir(), 'concord.db'));
  try {
    await migrate(connection.db);
    const asked: CompiledQuery[] = [];
    const recording = new Kysely<Database>({ dialect: new SqliteDialect({ database: connection.sqlite }), log: (event) => void asked.push(event.query) });
    await samplesWithSubmissions(recording);
    expect(asked).toHaveLength(1);
    const plan = (connection.sqlite.prepare(`explain query plan ${asked[0]!.sql}`).all(...asked[0]!.parameters) as Array<{ detail: string }>).map(
      (step) => step.detail,
    );
    const revisionSteps = plan.filter((detail) => /\br\b/.test(detail));
    expect(revisionSteps).toHaveLength(1);
    expect(revisionSteps[0]).toMatch(/USING COVERING INDEX annotation_revision_submitted\b/);
  } finally {
    await connection.close();
  }
});
