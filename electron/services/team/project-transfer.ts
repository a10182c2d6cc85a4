import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { ApiError } from '../../../shared/api/errors';
import { projectSlugSchema } from '../../../shared/domain/team-server';
import { getProject } from '../../db/queries/project';
import { findLabelerByName, listLabelers, passwordHashOf, updateLabeler } from '../../db/queries/labelers';
import { deleteSessionsOf } from '../../db/queries/sessions';
import {
  HOME_PROJECT,
  createProjectDatabase,
  deleteCatalogueProject,
  dropProjectDatabase,
  findAccount,
  findCatalogueProject,
  homeDatabaseName,
  insertCatalogueProject,
  upsertAccount,
  upsertMembership,
  type Catalogue,
  type CatalogueProject,
} from '../../db/server-catalogue';
import { inTransaction } from '../../db/transaction';
import { pushProject, type PushOutcome, type PushRequest } from './push-project';
import { restoreTeamDatabase, type RestoreOutcome } from './restore';
import { projectMediaDir, projectUrl, withProjectDatabase } from './server-projects';

/** What entering a pushed or restored project's accounts on the server did, by account name. */
export interface AccountsEntered {
  /** Accounts new to the server, made with the password they had in the project. */
  added: string[];
  /** Names the server already had: they became members, and their server password stands. */
  joined: string[];
}

/**
 * `concord push --project SLUG`: the local project becomes a new project of a team server, in
 * a database of its own, its media under `projects/<slug>` in the media root. Its password
 * accounts are entered on the server (see `enterProjectAccounts`). A failed push leaves
 * nothing: the new database is dropped and the media folder it made removed.
 */
export async function pushIntoNewProject(
  catalogue: Catalogue,
  slug: string,
  request: Omit<PushRequest, 'databaseUrl' | 'mediaRoot'> & { mediaRoot: string },
): Promise<PushOutcome & { project: CatalogueProject; accounts: AccountsEntered }> {
  return intoNewProject(catalogue, slug, request.mediaRoot, async (project) => {
    const outcome = await pushProject({ ...request, databaseUrl: projectUrl(catalogue, project), mediaRoot: projectMediaDir(request.mediaRoot, slug) });
    return { ...outcome, name: outcome.projectName };
  });
}

/**
 * `concord restore --project SLUG FILE`: a backup of one project becomes a new project of the
 * server, in a database of its own, with its accounts entered as a push does. Media are not in
 * a backup: they are copied by hand to `projects/<slug>` under the media root.
 */
export async function restoreIntoNewProject(
  catalogue: Catalogue,
  slug: string,
  file: string,
  mediaRoot: string | null,
): Promise<RestoreOutcome & { project: CatalogueProject; accounts: AccountsEntered }> {
  return intoNewProject(catalogue, slug, mediaRoot, async (project) => {
    const outcome = await restoreTeamDatabase(file, projectUrl(catalogue, project));
    const name = await withProjectDatabase(catalogue, project, async (db) => (await getProject(db))?.name);
    return { ...outcome, name: name ?? slug };
  });
}

/**
 * Makes the new project's database, fills it with `fill`, enters it in the catalogue with its
 * accounts; on any failure the database is dropped and a media folder made for it removed.
 */
async function intoNewProject<T extends { name: string }>(
  catalogue: Catalogue,
  slug: string,
  mediaRoot: string | null,
  fill: (project: CatalogueProject) => Promise<T>,
): Promise<T & { project: CatalogueProject; accounts: AccountsEntered }> {
  const checked = projectSlugSchema.safeParse(slug);
  if (!checked.success) throw new ApiError('invalid_argument', `The project name "${slug}" ${checked.error.issues[0]!.message}.`);
  // `main` lives in the home database itself: it is filled by a push or restore without --project.
  if (checked.data === HOME_PROJECT) throw new ApiError('invalid_argument', `"${HOME_PROJECT}" is the server's home project; leave out --project to fill it.`);
  const existing = await findCatalogueProject(catalogue, checked.data);
  if (existing) throw new ApiError('conflict', `The server already holds a project "${checked.data}" (${existing.name}); name a new one. Nothing was changed.`);
  const databaseName = `${homeDatabaseName(catalogue.url)}_${checked.data}`;
  const mediaDir = mediaRoot === null ? null : projectMediaDir(mediaRoot, checked.data);
  const mediaDirWasThere = mediaDir !== null && existsSync(mediaDir);
  await createProjectDatabase(catalogue, databaseName);
  let project: CatalogueProject = { slug: checked.data, name: checked.data, databaseName };
  let entered = false;
  try {
    const filled = await fill(project);
    project = { ...project, name: filled.name };
    // Entered before its accounts: a membership names a project of the catalogue.
    await insertCatalogueProject(catalogue, project, Date.now());
    entered = true;
    const accounts = await enterProjectAccounts(catalogue, project);
    return { ...filled, project, accounts };
  } catch (error) {
    if (entered) await deleteCatalogueProject(catalogue, project.slug).catch(() => undefined);
    await dropProjectDatabase(catalogue, databaseName).catch(() => undefined);
    if (mediaDir !== null && !mediaDirWasThere) await rm(mediaDir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Enters a project's password accounts on the server, so one name and password reach every
 * project a person belongs to: a name new to the server becomes an account with the password
 * it had in the project; a name the server has keeps its server password (written into the
 * project, ending that account's copied sessions there). Each becomes a member with its role
 * in the project; disabled accounts and those without a password (a project's owner, demo
 * people) stay out of the server's accounts.
 */
export async function enterProjectAccounts(catalogue: Catalogue, project: CatalogueProject): Promise<AccountsEntered> {
  const entered: AccountsEntered = { added: [], joined: [] };
  await withProjectDatabase(catalogue, project, async (db) => {
    for (const labeler of await listLabelers(db)) {
      if (labeler.disabled || !labeler.hasPassword) continue;
      const server = await findAccount(catalogue, labeler.name);
      if (server) {
        await inTransaction(db, async (trx) => {
          const same = await findLabelerByName(trx, labeler.name);
          if (!same) return;
          await updateLabeler(trx, same.id, { passwordHash: server.passwordHash, disabledAt: server.disabled ? Date.now() : null });
          await deleteSessionsOf(trx, same.id);
        });
        entered.joined.push(labeler.name);
      } else {
        await upsertAccount(catalogue, labeler.name, (await passwordHashOf(db, labeler.id))!, Date.now());
        entered.added.push(labeler.name);
      }
      await upsertMembership(catalogue, labeler.name, project.slug, labeler.role);
    }
  });
  return entered;
}
