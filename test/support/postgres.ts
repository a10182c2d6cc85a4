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
  const reserve = usePostgresUrls();
  return async () => {
    const { config, ready } = reserve();
    await ready;
    return config;
  };
}

/** A database reserved by name now and created by `ready`, for code that needs its address before it can wait. */
export interface ReservedDatabase {
  /** `postgres://USER@HOST:PORT/NAME`, as `concord serve --database` takes it. */
  url: string;
  config: pg.PoolConfig;
  ready: Promise<void>;
}

/**
 * Like `usePostgresDatabases`, with the address known at once (a service host takes it when
 * it is made) and the database made in the background.
 *
 * @example
 *   const reserve = usePostgresUrls();
 *   const { url, ready } = reserve();
 *   const host = createServiceHost({ ..., teamDatabase: url });
 *   await ready;
 */
export function usePostgresUrls(): () => ReservedDatabase {
  const made: Array<Promise<string | null>> = [];
  afterAll(async () => {
    const names = (await Promise.all(made.splice(0))).filter((name) => name !== null);
    if (names.length === 0) return;
    await withAdmin(async (admin) => {
      for (const name of names) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    });
  });
  return () => {
    const name = `concord_test_${process.pid}_${++databaseCount}`;
    const address = clusterAddress();
    const ready = withAdmin((admin) => admin.query(`CREATE DATABASE ${name}`)).then(() => undefined);
    made.push(ready.then(() => name).catch(() => null));
    return { url: `postgres://${address.user}@${address.host}:${address.port}/${name}`, config: { ...address, database: name }, ready };
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
