import type { TestProject } from 'vitest/node';
import type { ProvidedPostgres } from './postgres';
import { startCluster } from './postgres-cluster';

/**
 * Vitest global setup of the Node suite: one throwaway PostgreSQL cluster for the whole
 * run (each test file makes its own databases in it), stopped and removed at the end.
 * Without PostgreSQL the run still starts; the tests that need it fail, saying why.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  let provided: ProvidedPostgres;
  let stop = () => {};
  try {
    const cluster = await startCluster();
    provided = { ok: true, address: cluster.address };
    stop = cluster.stop;
  } catch (error) {
    provided = { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
  project.provide('postgres', provided);
  return stop;
}
