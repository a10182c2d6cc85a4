import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeOnEngines } from '../../support/engines';
import { goldProject } from '../../support/gold-project';
import { useServiceHost } from '../../support/service-host';
import { useTempDirs } from '../../support/temp-dir';

describeOnEngines('the audit log of gold check settings', (engine) => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost(engine.name);

  it('records who set the rate, the feedback switch, the threshold and the qualification set, and when, newest first; a refused change leaves no entry', async () => {
    const host = newHost(tempDir());
    const { decidedIds, sampleIds } = await goldProject(host, join(tempDir(), 'p'), tempDir(), 16, 4);
    const before = Date.now();
    await host.ok('gold.configure', { rate: 0.05, feedback: true });
    await host.ok('gold.mark', { sampleIds: decidedIds.slice(0, 2), mark: 'qualification' });
    await host.ok('gold.mark', { sampleIds: [decidedIds[2]!], mark: 'check' });
    await host.ok('gold.configure', { rate: 0.1, feedback: false, qualification: { threshold: 0.8, requalifyOnNewVersion: true } });
    await host.ok('gold.mark', { sampleIds: [decidedIds[1]!], mark: 'none' });
    expect((await host.fails('gold.mark', { sampleIds: [sampleIds[15]!], mark: 'check' })).code).toBe('failed_precondition'); // undecided

    const entries = (await host.ok('audit.list', {})).entries.filter((entry) => entry.action.startsWith('gold.'));
    expect(entries.map((entry) => [entry.actor, entry.action, entry.subject, entry.details])).toEqual([
      ['sam', 'gold.mark', `sample ${decidedIds[1]}`, { mark: 'none', samples: 1 }],
      ['sam', 'gold.configure', 'gold check settings', { rate: 0.1, feedback: false, qualificationThreshold: 0.8, requalifyOnNewVersion: true }],
      ['sam', 'gold.mark', `sample ${decidedIds[2]}`, { mark: 'check', samples: 1 }],
      ['sam', 'gold.mark', `samples ${decidedIds[0]}, ${decidedIds[1]}`, { mark: 'qualification', samples: 2 }],
      ['sam', 'gold.configure', 'gold check settings', { rate: 0.05, feedback: true, qualificationThreshold: null, requalifyOnNewVersion: null }],
    ]);
    for (const entry of entries) expect(Date.parse(entry.at)).toBeGreaterThanOrEqual(before);
  });
});
