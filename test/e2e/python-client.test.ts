import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/paths';
import { useTempDirs } from '../support/temp-dir';
import { startWebApp, type RunningWebApp } from '../support/web-app';

/** The README's Python example, run as a user would run it against the running host. */
const EXAMPLE = join(REPO_ROOT, 'examples', 'python', 'concord_api.py');

/** Debian's python3 with python3-requests (what `.ci/run` installs), or a python3 on the PATH that has requests. */
function pythonWithRequests(): string {
  for (const python of ['/usr/bin/python3', 'python3']) {
    if (spawnSync(python, ['-c', 'import requests']).status === 0) return python;
  }
  throw new Error('No python3 with the requests package: install python3-requests (Debian) to run this test.');
}

interface ExampleOutput {
  operations: number;
  project: string;
  signedInAs: string;
  samples: number[];
  overall: unknown;
  version: number;
  counts: Record<string, number>;
  zip: string;
  zipFiles: number;
  trainImages: number;
}

describe('the API from Python', () => {
  const tempDir = useTempDirs('suite');
  let app: RunningWebApp;
  beforeAll(async () => {
    app = await startWebApp(tempDir());
  });
  afterAll(() => app?.stop());

  it('signs in, lists samples, reads agreement, and downloads a dataset version as a zip with requests', async () => {
    const out = join(tempDir(), 'export');
    const printed = execFileSync(pythonWithRequests(), [EXAMPLE, app.url, out], { encoding: 'utf8', timeout: 120_000 });
    const result = JSON.parse(printed) as ExampleOutput;

    // What the script saw is what the API says to the app's own client.
    const owner = (await app.call<{ ownerAccount: string }>('session.options')).ownerAccount;
    const samples = await app.call<{ total: number; items: Array<{ id: number }> }>('samples.list', { limit: 500 });
    const agreement = await app.call<{ overall: unknown }>('agreement.project', { iouThreshold: 0.5 });
    const versions = await app.call<Array<{ version: number; counts: Record<string, number> }>>('datasets.list');
    expect(result.signedInAs).toBe(owner);
    expect(result.samples).toEqual(samples.items.map((s) => s.id));
    expect(result.samples.length).toBe(samples.total);
    expect(result.overall).toEqual(agreement.overall);
    const made = versions.find((v) => v.version === result.version)!;
    expect(result.counts).toEqual(made.counts);
    // The zip it saved holds the version: its train split, and as many files as its export with copied media.
    expect(result.trainImages).toBe(made.counts.train);
    expect(dirname(result.zip)).toBe(out);
    expect(existsSync(result.zip)).toBe(true);
    const exported = await app.call<{ files: number }>('datasets.export', {
      version: result.version,
      format: 'coco',
      outDir: join(tempDir(), 'coco'),
      copyMedia: true,
    });
    expect(result.zipFiles).toBe(exported.files);
    expect(result.operations).toBeGreaterThan(50);
  });
});
