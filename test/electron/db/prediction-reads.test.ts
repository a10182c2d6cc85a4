import { join } from 'node:path';
import { Kysely, SqliteDialect, type CompiledQuery } from 'kysely';
import { expect, it } from 'vitest';
import { openConnection } from '../../../electron/db/connection';
import { migrate } from '../../../electron/db/migrate';
import { annotationArms, predictionsOfAnnotations } from '../../../electron/db/queries/predictions';
import type { Database } from '../../../electron/db/schema';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();

// The anchoring report asks these each time the Agreement area opens, with every other request
// waiting on SQLite's answer: in a project of 300,000 annotations a scan of them took ~100 ms.
it("reads the annotations started from a model's predictions through their own index, never a scan of every annotation (SQLite's plan)", async () => {
  const connection = openConnection(join(tempDir(), 'concord.db'));
  try {
    await migrate(connection.db);
    const asked: CompiledQuery[] = [];
    const recording = new Kysely<Database>({ dialect: new SqliteDialect({ database: connection.sqlite }), log: (event) => void asked.push(event.query) });
    await annotationArms(recording);
    await predictionsOfAnnotations(recording);
    expect(asked).toHaveLength(2);
    const plans = asked.map((query) =>
      (connection.sqlite.prepare(`explain query plan ${query.sql}`).all(...query.parameters) as Array<{ detail: string }>).map((step) => step.detail),
    );
    for (const plan of plans) {
      expect(plan.some((detail) => /annotation_with_prediction/.test(detail))).toBe(true);
      expect(plan.filter((detail) => /^SCAN annotation\b/.test(detail))).toEqual([]);
    }
  } finally {
    await connection.close();
  }
});
