import { expect, it } from 'vitest';
import { annotationArms, predictionsOfAnnotations } from '../../../electron/db/queries/predictions';
import { sqlitePlans } from '../../support/query-plans';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();

// The anchoring report asks these each time the Agreement area opens, with every other request
// waiting on SQLite's answer: in a project of 300,000 annotations a scan of them took ~100 ms.
it("reads the annotations started from a model's predictions through their own index, never a scan of every annotation (SQLite's plan)", async () => {
  const plans = await sqlitePlans(tempDir(), async (db) => {
    await annotationArms(db);
    await predictionsOfAnnotations(db);
  });
  expect(plans).toHaveLength(2);
  for (const plan of plans) {
    expect(plan.some((detail) => /annotation_with_prediction/.test(detail))).toBe(true);
    expect(plan.filter((detail) => /^SCAN annotation\b/.test(detail))).toEqual([]);
  }
});
