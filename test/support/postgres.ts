import pg from 'pg';
import { afterAll, inject } from 'vitest';
import type { ClusterAddress } from './postgres-cluster';

/** What the global setup hands each test file: the cluster, or why there is none. */
export type ProvidedPostgres = { ok: true; address: ClusterAddress } | { ok: false; reason: string };

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: ProvidedPostgres;
  }
}

let databaseCount = 0;

/**
 * Fresh, empty databases in the run's cluster for one test file, dropped when the file is
 * done. Fails (never skips) when the run has no cluster, saying why.
 *
 * @example
 *   const newDatabase = usePostgresDatabases();
 *   const config = await newDatabase(); // { host, port, user, database }
 */
export function usePostgresDatabases(): () => Promise<pg.PoolConfig> {
  const made: string[] = [];
  afterAll(async () => {
    if (made.length === 0) return;
    await withAdmin(async (admin) => {
      for (const name of made.splice(0)) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    });
  });
  return async () => {
    const name = `concord_test_${process.pid}_${++databaseCount}`;
    await withAdmin((admin) => admin.query(`CREATE DATABASE ${name}`));
    made.push(name);
    return { ...clusterAddress(), database: name };
  };
}

function clusterAddress(): ClusterAddress {
  const provided = inject('postgres');
  if (!provided) throw new Error('No PostgreSQL cluster: run the tests through vitest.config.ts, whose global setup starts one.');
  if (!provided.ok) throw new Error(`No PostgreSQL cluster for this run: ${provided.reason}`);
  return provided.address;
}

async function withAdmin<T>(work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ ...clusterAddress(), database: 'postgres' });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}
