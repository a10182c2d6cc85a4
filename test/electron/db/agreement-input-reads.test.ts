import { expect, it } from 'vitest';
import { samplesWithSubmissions } from '../../../electron/db/queries/agreement-inputs';
import { sqlitePlans } from '../../support/query-plans';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();

// A whole agreement computation starts with this list, every other request waiting on SQLite's
// answer: looking each of 300,000 annotations' revisions up in their table took ~250 ms.
it("lists the samples with a submitted answer from the submitted revisions' own index, never reading a revision's row (SQLite's plan)", async () => {
  const plans = await sqlitePlans(tempDir(), (db) => samplesWithSubmissions(db));
  expect(plans).toHaveLength(1);
  const revisionSteps = plans[0]!.filter((detail) => /\br\b/.test(detail));
  expect(revisionSteps).toHaveLength(1);
  expect(revisionSteps[0]).toMatch(/USING COVERING INDEX annotation_revision_submitted\b/);
});
