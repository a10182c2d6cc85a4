import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACCESS } from '../../../shared/api/access';
import { operations, type OperationName } from '../../../shared/api/contract';
import type { LabelerRole } from '../../../shared/domain/labeler';
import { TEST_PASSWORD, useServiceHost, type TestHost } from '../../support/service-host';
import { useTempDirs } from '../../support/temp-dir';

/**
 * The policy, written out independently of `shared/api/access.ts`: what each role may call.
 * Labelers label their own queue and read the current guideline; SMEs review, decide, edit
 * guidelines and plan; engineers make dataset versions, exports and training runs; admins
 * may do everything. An operation missing here fails the test, so a new one needs a decision.
 */
const L = 'labeler',
  S = 'sme',
  E = 'engineer',
  A = 'admin';
const EXPECTED: Record<OperationName, 'anyone' | 'owner' | 'owner or signed in' | LabelerRole[]> = {
  'app.info': 'anyone',
  'system.pickFolder': 'owner',
  'system.openServerWindow': 'owner',
  'projects.recent': 'owner',
  'projects.current': 'owner or signed in',
  'projects.create': 'owner',
  'projects.open': 'owner',
  'projects.openDemo': 'owner',
  'projects.close': 'owner',
  'projects.restoreBackup': 'owner',
  'projects.latestBackup': 'owner',
  'session.options': 'anyone',
  'session.signIn': 'anyone',
  'session.current': 'anyone',
  'session.signOut': 'anyone',
  'session.changePassword': [L, S, E, A],
  'labelers.list': [S, E, A],
  'labelers.create': [A],
  'labelers.update': [A],
  'audit.list': [S, A],
  'taxonomy.change': [S, A],
  'taxonomy.history': [S, E, A],
  'samples.list': [S, E, A],
  'samples.get': [L, S, E, A],
  'samples.agreement': [S, E, A],
  'samples.tag': [S, E, A],
  'samples.tagMatching': [S, E, A],
  'samples.untag': [S, A],
  'samples.assign': [S, A],
  'samples.relabel': [S, A],
  'samples.acceptConsensus': [S, A],
  'queue.get': [L, S, E, A],
  'queue.window': [L, S, E, A],
  'annotations.mine': [L, S, E, A],
  'annotations.save': [L, S, E, A],
  'guidelines.current': [L, S, E, A],
  'guidelines.notice': [L, S, E, A],
  'guidelines.acknowledge': [L, S, E, A],
  'guidelines.diff': [L, S, E, A],
  'guidelines.list': [S, E, A],
  'guidelines.version': [S, E, A],
  'guidelines.draft': [S, A],
  'guidelines.saveDraft': [S, A],
  'guidelines.attachCases': [S, A],
  'guidelines.addExample': [S, A],
  'guidelines.updateExample': [S, A],
  'guidelines.removeExample': [S, A],
  'guidelines.publish': [S, A],
  'assignments.plan': [S, A],
  'assignments.reassign': [S, A],
  'assignments.summary': [S, E, A],
  'agreement.project': [S, E, A],
  'quality.drift': [S, E, A],
  'team.throughput': [S, E, A],
  'review.queue': [S, E, A],
  'review.sample': [S, E, A],
  'review.decide': [S, A],
  'review.saveDraft': [S, A],
  'review.autoAccept': [S, A],
  'gold.checks': [S, E, A],
  'gold.configure': [S, A],
  'gold.mark': [S, A],
  'gold.report': [S, E, A],
  'gold.qualification': [L, S, E, A],
  'gold.requalify': [S, A],
  'gold.feedback': [L, S, E, A],
  'datasets.preview': [S, E, A],
  'datasets.list': [S, E, A],
  'datasets.compare': [S, E, A],
  'datasets.create': [E, A],
  'datasets.export': [E, A],
  'datasets.download': [E, A],
  'labels.import': [E, A],
  'labels.export': [E, A],
  'train.crops': [E, A],
  'train.clips': [E, A],
  'train.saveRun': [E, A],
  'train.runs': [S, E, A],
  'train.runModel': [E, A],
  'train.clipsToPrelabel': [E, A],
  'train.imagesToPrelabel': [E, A],
  'train.predictions': [E, A],
  'train.requestRelabel': [S, E, A],
  'imports.start': [E, A],
  'imports.cancel': [E, A],
  'imports.get': [E, A],
  'media.relink': [E, A],
  'prelabels.import': [E, A],
  'prelabels.storeBatch': [E, A],
  'prelabels.summary': [S, E, A],
  'prelabels.configure': [S, A],
  'prelabels.override': [S, A],
  'prelabels.sample': [S, E, A],
  'prelabels.offer': [L, S, E, A],
  'agreement.anchoring': [S, E, A],
  'comments.list': [L, S, E, A],
  'comments.post': [L, S, E, A],
  'comments.resolve': [L, S, E, A],
  'comments.openQuestions': [S, E, A],
};

/** An argument no operation accepts: the call stops at the access check or at validation, and changes nothing. */
const PROBE = 'probe';

describe('who may call what', () => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost();

  async function teamOf(host: TestHost): Promise<Record<LabelerRole, TestHost>> {
    await host.ok('projects.create', { dir: join(tempDir(), 'p'), name: 'P', kind: 'bbox', classes: [{ name: 'car' }] });
    const team = {} as Record<LabelerRole, TestHost>;
    for (const role of ['labeler', 'sme', 'engineer', 'admin'] as const) {
      await host.ok('labelers.create', { name: role, role, password: TEST_PASSWORD });
      team[role] = host.connection();
      await team[role].ok('session.signIn', { method: 'password', name: role, password: TEST_PASSWORD });
    }
    return team;
  }

  it('lists every operation of the contract in the access table and in this test', () => {
    expect(Object.keys(ACCESS).sort()).toEqual(Object.keys(operations).sort());
    expect(Object.keys(EXPECTED).sort()).toEqual(Object.keys(operations).sort());
  });

  it('lets each role call exactly what it is for, checked before the argument or the handler', async () => {
    const host = newHost(tempDir());
    const team = await teamOf(host);
    const stranger = host.connection();
    for (const name of Object.keys(operations) as OperationName[]) {
      const rule = EXPECTED[name];
      for (const role of ['labeler', 'sme', 'engineer', 'admin'] as const) {
        const { code } = await team[role].fails(name, PROBE);
        const allowed = rule === 'anyone' || rule === 'owner or signed in' || (Array.isArray(rule) && rule.includes(role));
        expect({ name, role, code }).toEqual({ name, role, code: allowed ? 'invalid_argument' : 'forbidden' });
      }
      // Signed in nowhere, without the owner's key: only what the sign-in screen needs.
      const { code } = await stranger.fails(name, PROBE);
      expect({ name, code }).toEqual({ name, code: rule === 'anyone' ? 'invalid_argument' : rule === 'owner' ? 'forbidden' : 'unauthenticated' });
    }
  });
});
