import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { ApiError } from '../../shared/api/errors';
import type { LabelerRole } from '../../shared/domain/labeler';
import type { FailureStore } from './queries/sign-in-failures';
import { checkTeamDatabaseUrl, shownAddress, unreachable } from './team-database';

/** The schema of the server's home database that holds the catalogue, apart from a project's own tables. */
const SCHEMA = 'concord_server';
/**
 * The project a home database held before servers had several: it stays in the home database
 * itself (and its media in the media root itself), so existing servers keep working unchanged.
 */
export const HOME_PROJECT = 'main';

interface CatalogueTables {
  project: { slug: string; name: string; database_name: string; created_at: number };
  account: { name: string; password_hash: string; disabled_at: number | null; created_at: number };
  membership: { account_name: string; project_slug: string; role: LabelerRole };
  sign_in_failure: { key: string; failures: number; last_at: number; locked_until: number };
}

export interface CatalogueProject {
  slug: string;
  name: string;
  /** The PostgreSQL database holding the project's records. */
  databaseName: string;
}

export interface CatalogueAccount {
  name: string;
  passwordHash: string;
  disabled: boolean;
}

export interface Membership {
  projectSlug: string;
  projectName: string;
  role: LabelerRole;
}

export interface Catalogue {
  db: Kysely<CatalogueTables>;
  /** The home database's URL, from which each project's own URL is made. */
  url: string;
  close(): Promise<void>;
}

/**
 * Opens the catalogue of a team server: which projects it holds (each in a PostgreSQL
 * database of its own), its server-wide accounts and who is a member of which project with
 * which role. The tables live in the home database's `concord_server` schema and are made on
 * first contact, under an advisory lock so that several servers starting at once agree.
 */
export async function openCatalogue(url: string): Promise<Catalogue> {
  checkTeamDatabaseUrl(url);
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const db = new Kysely<CatalogueTables>({ dialect: new PostgresDialect({ pool }) }).withSchema(SCHEMA);
  try {
    // The catalogue joins a database that is Concord's or empty, never another application's.
    const { rows: tables } = await sql<{ name: string }>`
      SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'`.execute(db);
    if (tables.length > 0 && !tables.some((row) => row.name === 'schema_migration')) {
      throw new ApiError(
        'failed_precondition',
        `${shownAddress(url)} holds tables of another application; give Concord a database of its own. Nothing was changed.`,
      );
    }
    await db.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(hashtext('concord_server catalogue'))`.execute(trx);
      await sql`CREATE SCHEMA IF NOT EXISTS concord_server`.execute(trx);
      await sql`CREATE TABLE IF NOT EXISTS concord_server.project (
        slug text PRIMARY KEY, name text NOT NULL, database_name text NOT NULL UNIQUE, created_at bigint NOT NULL)`.execute(trx);
      await sql`CREATE TABLE IF NOT EXISTS concord_server.account (
        name text PRIMARY KEY, password_hash text NOT NULL, disabled_at bigint, created_at bigint NOT NULL)`.execute(trx);
      await sql`CREATE TABLE IF NOT EXISTS concord_server.membership (
        account_name text NOT NULL REFERENCES concord_server.account(name) ON DELETE CASCADE,
        project_slug text NOT NULL REFERENCES concord_server.project(slug) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('labeler', 'sme', 'engineer', 'admin')),
        PRIMARY KEY (account_name, project_slug))`.execute(trx);
      await sql`CREATE TABLE IF NOT EXISTS concord_server.sign_in_failure (
        key text PRIMARY KEY, failures integer NOT NULL, last_at bigint NOT NULL, locked_until bigint NOT NULL)`.execute(trx);
    });
  } catch (error) {
    await db.destroy();
    throw unreachable(url, error);
  }
  return { db, url, close: () => db.destroy() };
}

/**
 * A project's own database URL: the home database's address with the project's database name.
 *
 * @example
 *   projectDatabaseUrl('postgres://concord@db:5432/labels', 'labels_street') // 'postgres://concord@db:5432/labels_street'
 */
export function projectDatabaseUrl(homeUrl: string, databaseName: string): string {
  const url = new URL(homeUrl);
  url.pathname = `/${databaseName}`;
  return url.toString();
}

/** The home database's own name (the last part of its URL's path). */
export function homeDatabaseName(homeUrl: string): string {
  return decodeURIComponent(new URL(homeUrl).pathname.slice(1));
}

export async function listCatalogueProjects(catalogue: Catalogue): Promise<CatalogueProject[]> {
  const rows = await catalogue.db.selectFrom('project').selectAll().orderBy('name').execute();
  return rows.map((row) => ({ slug: row.slug, name: row.name, databaseName: row.database_name }));
}

export async function findCatalogueProject(catalogue: Catalogue, slug: string): Promise<CatalogueProject | null> {
  const row = await catalogue.db.selectFrom('project').selectAll().where('slug', '=', slug).executeTakeFirst();
  return row ? { slug: row.slug, name: row.name, databaseName: row.database_name } : null;
}

export async function insertCatalogueProject(catalogue: Catalogue, project: CatalogueProject, now: number): Promise<void> {
  await catalogue.db
    .insertInto('project')
    .values({ slug: project.slug, name: project.name, database_name: project.databaseName, created_at: now })
    .onConflict((oc) => oc.column('slug').doNothing())
    .execute();
}

/** Takes a project out of the catalogue (its memberships go with it), when entering it failed. */
export async function deleteCatalogueProject(catalogue: Catalogue, slug: string): Promise<void> {
  await catalogue.db.deleteFrom('project').where('slug', '=', slug).execute();
}

/**
 * Makes a project's database (empty; the project's migrations run when it is first opened).
 * The name is made by Concord from a checked slug, never taken from a request as it is.
 */
export async function createProjectDatabase(catalogue: Catalogue, databaseName: string): Promise<void> {
  if (!/^[a-z][a-z0-9_]{0,62}$/.test(databaseName)) throw new ApiError('invalid_argument', `"${databaseName}" cannot name a database.`);
  try {
    await sql`CREATE DATABASE ${sql.id(databaseName)}`.execute(catalogue.db);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === '42P04')
      throw new ApiError('conflict', `A database named ${databaseName} already exists on ${shownAddress(catalogue.url)}; choose another project name.`);
    if (code === '42501') {
      throw new ApiError('failed_precondition', `The server's database user may not create databases (it needs CREATEDB on ${shownAddress(catalogue.url)}).`);
    }
    throw error;
  }
}

/**
 * Drops a project database this server just made, when making its project failed. Its own
 * connections have just been closed and PostgreSQL waits for them to go; only a database still
 * in use after that is dropped by force (forcing first would cut connections mid-goodbye).
 */
export async function dropProjectDatabase(catalogue: Catalogue, databaseName: string): Promise<void> {
  try {
    await sql`DROP DATABASE IF EXISTS ${sql.id(databaseName)}`.execute(catalogue.db);
  } catch (error) {
    if ((error as { code?: unknown }).code !== '55006') throw error;
    await sql`DROP DATABASE IF EXISTS ${sql.id(databaseName)} WITH (FORCE)`.execute(catalogue.db);
  }
}

export async function findAccount(catalogue: Catalogue, name: string): Promise<CatalogueAccount | null> {
  const row = await catalogue.db.selectFrom('account').selectAll().where('name', '=', name).executeTakeFirst();
  return row ? { name: row.name, passwordHash: row.password_hash, disabled: row.disabled_at !== null } : null;
}

export async function listAccounts(catalogue: Catalogue): Promise<CatalogueAccount[]> {
  const rows = await catalogue.db.selectFrom('account').selectAll().orderBy('name').execute();
  return rows.map((row) => ({ name: row.name, passwordHash: row.password_hash, disabled: row.disabled_at !== null }));
}

/** Adds an account, or gives an existing one this password (an account made before the catalogue existed). */
export async function upsertAccount(catalogue: Catalogue, name: string, passwordHash: string, now: number): Promise<void> {
  await catalogue.db
    .insertInto('account')
    .values({ name, password_hash: passwordHash, disabled_at: null, created_at: now })
    .onConflict((oc) => oc.column('name').doUpdateSet({ password_hash: passwordHash }))
    .execute();
}

export async function setAccountDisabled(catalogue: Catalogue, name: string, disabledAt: number | null): Promise<void> {
  await catalogue.db.updateTable('account').set({ disabled_at: disabledAt }).where('name', '=', name).execute();
}

export async function upsertMembership(catalogue: Catalogue, accountName: string, projectSlug: string, role: LabelerRole): Promise<void> {
  await catalogue.db
    .insertInto('membership')
    .values({ account_name: accountName, project_slug: projectSlug, role })
    .onConflict((oc) => oc.columns(['account_name', 'project_slug']).doUpdateSet({ role }))
    .execute();
}

export async function deleteMembership(catalogue: Catalogue, accountName: string, projectSlug: string): Promise<boolean> {
  const result = await catalogue.db.deleteFrom('membership').where('account_name', '=', accountName).where('project_slug', '=', projectSlug).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** The projects an account belongs to, with its role in each, by project name. */
export async function membershipsOf(catalogue: Catalogue, accountName: string): Promise<Membership[]> {
  const rows = await catalogue.db
    .selectFrom('membership')
    .innerJoin('project', 'project.slug', 'membership.project_slug')
    .select(['project.slug', 'project.name', 'membership.role'])
    .where('membership.account_name', '=', accountName)
    .orderBy('project.name')
    .execute();
  return rows.map((row) => ({ projectSlug: row.slug, projectName: row.name, role: row.role }));
}

/**
 * Runs `work` in one catalogue transaction holding these projects' rows locked, so that changes
 * to their people (who is admin, who is enabled) made by two commands at once run one after the
 * other: the second sees what the first did, and a check such as "not the last admin" holds.
 * The rows are locked in name order, so two calls over overlapping projects cannot deadlock.
 */
export async function withProjectsLocked<T>(catalogue: Catalogue, slugs: readonly string[], work: (locked: Catalogue) => Promise<T>): Promise<T> {
  return catalogue.db.transaction().execute(async (trx) => {
    if (slugs.length > 0)
      await trx
        .selectFrom('project')
        .select('slug')
        .where('slug', 'in', [...slugs])
        .orderBy('slug')
        .forUpdate()
        .execute();
    return work({ ...catalogue, db: trx });
  });
}

/** The names of a project's admins whose server account is active. */
export async function activeAdminsOf(catalogue: Catalogue, projectSlug: string): Promise<string[]> {
  const rows = await catalogue.db
    .selectFrom('membership')
    .innerJoin('account', 'account.name', 'membership.account_name')
    .select('account.name')
    .where('membership.project_slug', '=', projectSlug)
    .where('membership.role', '=', 'admin')
    .where('account.disabled_at', 'is', null)
    .execute();
  return rows.map((row) => row.name);
}

/**
 * Failed sign-ins counted for the whole server (the picker and every project's sign-in), by
 * account and by address, so that trying another project does not start the count again.
 */
export function catalogueFailureStore(catalogue: Catalogue): FailureStore {
  return {
    async get(key) {
      const row = await catalogue.db.selectFrom('sign_in_failure').selectAll().where('key', '=', key).executeTakeFirst();
      return row ? { failures: row.failures, lastAt: Number(row.last_at), lockedUntil: Number(row.locked_until) } : null;
    },
    async put(key, count) {
      const values = { failures: count.failures, last_at: count.lastAt, locked_until: count.lockedUntil };
      await catalogue.db
        .insertInto('sign_in_failure')
        .values({ key, ...values })
        .onConflict((oc) => oc.column('key').doUpdateSet(values))
        .execute();
    },
    async clear(key) {
      await catalogue.db.deleteFrom('sign_in_failure').where('key', '=', key).execute();
    },
  };
}

export async function isMember(catalogue: Catalogue, accountName: string, projectSlug: string): Promise<boolean> {
  const row = await catalogue.db
    .selectFrom('membership')
    .select('role')
    .where('account_name', '=', accountName)
    .where('project_slug', '=', projectSlug)
    .executeTakeFirst();
  return row !== undefined;
}

export interface HomeProject {
  name: string;
  /** Its accounts that sign in with a password, which become server accounts. */
  accounts: Array<{ name: string; passwordHash: string; role: LabelerRole; disabled: boolean }>;
}

/**
 * The project a home database held from before servers had several (its own tables in the
 * public schema), if any and not yet in the catalogue.
 */
export async function unregisteredHomeProject(catalogue: Catalogue): Promise<HomeProject | null> {
  if (await findCatalogueProject(catalogue, HOME_PROJECT)) return null;
  const { rows: tables } = await sql<{ found: string | null }>`SELECT to_regclass('public.project')::text AS found`.execute(catalogue.db);
  if (!tables[0]?.found) return null;
  const { rows: projects } = await sql<{ name: string }>`SELECT name FROM public.project ORDER BY id LIMIT 1`.execute(catalogue.db);
  if (!projects[0]) return null;
  const { rows: accounts } = await sql<{ name: string; password_hash: string; role: LabelerRole; disabled_at: string | null }>`
    SELECT name, password_hash, role, disabled_at FROM public.labeler WHERE password_hash IS NOT NULL ORDER BY name`.execute(catalogue.db);
  return {
    name: projects[0].name,
    accounts: accounts.map((a) => ({ name: a.name, passwordHash: a.password_hash, role: a.role, disabled: a.disabled_at !== null })),
  };
}

/** Enters the home database's own project as `main`, with its accounts and their roles, in one transaction. */
export async function registerHomeProject(catalogue: Catalogue, home: HomeProject, now: number): Promise<void> {
  await catalogue.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('project')
      .values({ slug: HOME_PROJECT, name: home.name, database_name: homeDatabaseName(catalogue.url), created_at: now })
      .onConflict((oc) => oc.column('slug').doNothing())
      .returning('slug')
      .executeTakeFirst();
    // Another server registered it meanwhile: its copy of the accounts stands.
    if (!inserted) return;
    for (const account of home.accounts) {
      await trx
        .insertInto('account')
        .values({ name: account.name, password_hash: account.passwordHash, disabled_at: account.disabled ? now : null, created_at: now })
        .onConflict((oc) => oc.column('name').doNothing())
        .execute();
      await trx.insertInto('membership').values({ account_name: account.name, project_slug: HOME_PROJECT, role: account.role }).execute();
    }
  });
}
