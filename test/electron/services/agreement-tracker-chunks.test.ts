import { expect, it } from 'vitest';
import { submittedForAgreement } from '../../../electron/db/queries/agreement-inputs';
import type { ProjectDatabase } from '../../../electron/db/project-database';
import { AgreementTracker } from '../../../electron/services/agreement-tracker';
import { AgreementLedger } from '../../../shared/agreement';
import { describeOnEngines } from '../../support/engines';
import { twoLabelerBoxProject } from '../../support/two-labeler-boxes';

/**
 * More samples than two of the tracker's chunks (1,000 each), so more than two are read while the
 * worker measures; each chunk's answers (~200 characters a sample) go in several pieces.
 */
const SAMPLES = 3_500;

describeOnEngines('the agreement tracker reading a project a chunk at a time', (engine) => {
  it('measures every sample once, in order, when the project takes more chunks than the worker holds at once', async () => {
    const db = await engine.migratedDatabase();
    await twoLabelerBoxProject(db, SAMPLES);
    const tracker = new AgreementTracker({ db } as ProjectDatabase, 'bbox');
    try {
      const options = { iouThreshold: 0.5 };
      const dashboard = await tracker.dashboard(options);
      expect(dashboard.samplesCompared).toBe(SAMPLES);
      // The same answers measured in one go, in this process: the same figures, intervals and lists to the last digit.
      expect(dashboard).toEqual(AgreementLedger.of('bbox', await submittedForAgreement(db), options).dashboard());
    } finally {
      await tracker.close();
    }
  }, 120_000);
});
