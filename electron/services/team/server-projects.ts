import { join } from 'node:path';
import { ApiError } from '../../../shared/api/errors';
import type { LabelerRole } from '../../../shared/domain/labeler';
import type { ProjectSummary } from '../../../shared/domain/project';
import { projectSlugSchema, type ServerProject } from '../../../shared/domain/team-server';
import { findLabelerByName, insertLabeler, updateLabeler } from '../../db/queries/labelers';
import { deleteSessionsOf } from '../../db/queries/sessions';
import {
  HOME_PROJECT,
  activeAdminsOf,
  catalogueFailureStore,
  createProjectDatabase,
  deleteMembership,
  dropProjectDatabase,
  findAccount,
  findCatalogueProject,
  homeDatabaseName,
  insertCatalogueProject,
  membershipsOf,
  openCatalogue,
  projectDatabaseUrl,
  registerHomeProject,
  setAccountDisabled,
  unregisteredHomeProject,
  upsertAccount,
  upsertMembership,
  withProjectsLocked,
  type Catalogue,
  type CatalogueProject,
} from '../../db/server-catalogue';
import type { PostgresConnection } from '../../db/postgres-connection';
import { openTeamDatabase } from '../../db/team-database';
import { inTransaction } from '../../db/transaction';
import { hashPassword, spendVerificationTime, verifyPassword } from '../auth/passwords';
import { recordFailure, recordSuccess, refuseIfLocked, type ThrottleKey } from '../auth/throttle';
import type { HostOptions } from '../hosting/host';
import { createServiceHost } from '../hosting/service-host';

/**
 * Opens a team server's catalogue. A home database that already held a project (a server from
 * before several projects) is treated as a one-project server: that project is entered as
 * `main`, and its password accounts become server accounts, members of it with their roles.
 */
export async function openTeamServer(url: string, now = Date.now()): Promise<Catalogue> {
  const catalogue = await openCatalogue(url);
  try {
    const home = await unregisteredHomeProject(catalogue);
    if (home) await registerHomeProject(catalogue, home, now);
    return catalogue;
  } catch (error) {
    await catalogue.close();
    throw error;
  }
}

/** Where a project's media live: `main` in the media root itself (as before), others in `projects/<slug>` under it. */
export function projectMediaDir(mediaRoot: string, slug: string): string {
  return slug === HOME_PROJECT ? mediaRoot : join(mediaRoot, 'projects', slug);
}

export function projectUrl(catalogue: Catalogue, project: CatalogueProject): string {
  return projectDatabaseUrl(catalogue.url, project.databaseName);
}

/** A project of the server by slug, or `not_found` naming it. */
export async function requireTeamProject(catalogue: Catalogue, slug: string): Promise<CatalogueProject> {
  const project = await findCatalogueProject(catalogue, slug);
  if (!project) throw new ApiError('not_found', `The server holds no project "${slug}".`);
  return project;
}

export interface NewTeamProject {
  slug: string;
  name: string;
  kind: ProjectSummary['kind'];
  classes: Array<{ name: string }>;
  tags: Array<{ name: string }>;
}

/**
 * Adds a project to the server: its own database (`main` uses the home database), created and
 * migrated, the project made in it, then entered in the catalogue. If any step fails, the new
 * database is dropped again and the catalogue is left as it was.
 */
export async function createTeamProject(
  catalogue: Catalogue,
  mediaRoot: string,
  arg: NewTeamProject,
  hostOptions: Omit<HostOptions, 'teamDatabase' | 'hostKind'>,
): Promise<ProjectSummary> {
  const slug = projectSlugSchema.safeParse(arg.slug);
  if (!slug.success) throw new ApiError('invalid_argument', `The project name in addresses "${arg.slug}" ${slug.error.issues[0]!.message}.`);
  const existing = await findCatalogueProject(catalogue, slug.data);
  if (existing) throw new ApiError('conflict', `The server already holds a project "${slug.data}" (${existing.name}).`);
  const home = slug.data === HOME_PROJECT;
  const databaseName = home ? homeDatabaseName(catalogue.url) : `${homeDatabaseName(catalogue.url)}_${slug.data}`;
  if (!home) await createProjectDatabase(catalogue, databaseName);
  const project: CatalogueProject = { slug: slug.data, name: arg.name, databaseName };
  const host = createServiceHost({ ...hostOptions, hostKind: 'cli', teamDatabase: projectUrl(catalogue, project) });
  let summary: ProjectSummary;
  try {
    const created = await host.call(
      'projects.create',
      { dir: projectMediaDir(mediaRoot, slug.data), name: arg.name, kind: arg.kind, classes: arg.classes, tags: arg.tags },
      { transport: 'cli', owner: true, session: null, address: null },
    );
    if (!created.ok) throw new ApiError(created.error.code, created.error.message);
    await insertCatalogueProject(catalogue, project, Date.now());
    summary = created.value as ProjectSummary;
  } catch (error) {
    await host.close();
    if (!home) await dropProjectDatabase(catalogue, databaseName).catch(() => undefined);
    throw error;
  }
  await host.close();
  return summary;
}

/** A server account: one name and password for every project it becomes a member of. */
export async function addTeamAccount(catalogue: Catalogue, name: string, password: string): Promise<void> {
  if (await findAccount(catalogue, name)) throw new ApiError('conflict', `The server already has an account named "${name}".`);
  await upsertAccount(catalogue, name, await hashPassword(password), Date.now());
}

/**
 * Makes an account a member of a project with a role (or changes its role there). The project
 * signs its members in from its own accounts, so the member's account is written there too,
 * with the server account's password; a changed role ends their sessions in that project.
 */
export async function addTeamMember(catalogue: Catalogue, slug: string, name: string, role: LabelerRole): Promise<void> {
  const project = await requireTeamProject(catalogue, slug);
  const account = await findAccount(catalogue, name);
  if (!account) throw new ApiError('not_found', `The server has no account named "${name}"; add it with concord users add first.`);
  await withProjectsLocked(catalogue, [slug], async (locked) => {
    if (role !== 'admin') await refuseLastAdmin(locked, name, [slug], `made ${role}`);
    await withProjectDatabase(locked, project, async (db) => {
      await inTransaction(db, async (trx) => {
        const existing = await findLabelerByName(trx, name);
        if (!existing) return void (await insertLabeler(trx, { name, role, createdAt: Date.now(), passwordHash: account.passwordHash }));
        await updateLabeler(trx, existing.id, { role, passwordHash: account.passwordHash, disabledAt: account.disabled ? Date.now() : null });
        await deleteSessionsOf(trx, existing.id);
      });
    });
    await upsertMembership(locked, name, slug, role);
  });
}

/**
 * Takes an account out of a project: its account there is disabled (its work stays, under its
 * name) and its sessions there end, so its next call to that project is refused.
 */
export async function removeTeamMember(catalogue: Catalogue, slug: string, name: string): Promise<void> {
  const project = await requireTeamProject(catalogue, slug);
  await withProjectsLocked(catalogue, [slug], async (locked) => {
    await refuseLastAdmin(locked, name, [slug], 'removed');
    if (!(await deleteMembership(locked, name, slug))) throw new ApiError('not_found', `${name} is not a member of "${slug}".`);
    await disableInProject(locked, project, name);
  });
}

/** Disables a server account: it signs in nowhere, and its sessions in every project end. */
export async function disableTeamAccount(catalogue: Catalogue, name: string): Promise<void> {
  if (!(await findAccount(catalogue, name))) throw new ApiError('not_found', `No account named "${name}" on this server.`);
  const slugs = (await membershipsOf(catalogue, name)).map((m) => m.projectSlug);
  await withProjectsLocked(catalogue, slugs, async (locked) => {
    await refuseLastAdmin(locked, name, slugs, 'disabled');
    await setAccountDisabled(locked, name, Date.now());
    for (const slug of slugs) await disableInProject(locked, await requireTeamProject(locked, slug), name);
  });
}

/**
 * The projects a name and password may open, for the project picker. One answer for an
 * unknown name, a wrong password and a disabled account, as a project's own sign-in gives.
 * Failures count with every project's sign-ins (the server's catalogue keeps them), by account
 * and by address: neither the picker nor another project is a way around the limit.
 */
export async function projectsOfAccount(
  catalogue: Catalogue,
  name: string,
  password: string,
  address: string | null,
  now = Date.now(),
): Promise<ServerProject[]> {
  const failures = catalogueFailureStore(catalogue);
  const keys: ThrottleKey[] = [{ kind: 'account', name }];
  if (address) keys.push({ kind: 'address', address });
  await refuseIfLocked(failures, keys, now);
  const account = await findAccount(catalogue, name);
  const matches = account ? await verifyPassword(password, account.passwordHash) : (await spendVerificationTime(password), false);
  if (!account || !matches || account.disabled) {
    await recordFailure(failures, keys, now);
    throw new ApiError('unauthenticated', 'That name and password do not match an active account.');
  }
  await recordSuccess(failures, keys);
  return (await membershipsOf(catalogue, name)).map((m) => ({ slug: m.projectSlug, name: m.projectName, role: m.role }));
}

/**
 * Refuses a change that would leave one of these projects without an active admin: someone
 * must still be able to manage its people. Called with the projects locked (`withProjectsLocked`), so
two changes at once cannot both pass it; checked before the change, so a refusal changes nothing.
 */
async function refuseLastAdmin(catalogue: Catalogue, name: string, slugs: readonly string[], change: string): Promise<void> {
  for (const slug of slugs) {
    const admins = await activeAdminsOf(catalogue, slug);
    if (admins.length === 1 && admins[0] === name) {
      throw new ApiError(
        'failed_precondition',
        `${name} is the last active admin of "${slug}" and cannot be ${change}: make another member admin there first (concord users set-role NAME admin --project ${slug}).`,
      );
    }
  }
}

async function disableInProject(catalogue: Catalogue, project: CatalogueProject, name: string): Promise<void> {
  await withProjectDatabase(catalogue, project, async (db) => {
    await inTransaction(db, async (trx) => {
      const labeler = await findLabelerByName(trx, name);
      if (!labeler) return;
      if (!labeler.disabled) await updateLabeler(trx, labeler.id, { disabledAt: Date.now() });
      await deleteSessionsOf(trx, labeler.id);
    });
  });
}

/** Runs `work` on a connection of its own to one project's database, closed afterwards. */
export async function withProjectDatabase<T>(catalogue: Catalogue, project: CatalogueProject, work: (db: PostgresConnection['db']) => Promise<T>): Promise<T> {
  const connection = await openTeamDatabase(projectUrl(catalogue, project));
  try {
    return await work(connection.db);
  } finally {
    await connection.close();
  }
}
