import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import type { Kysely } from 'kysely';
import { chmod, readdir } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import type { ValidatedArg } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import { defaultClassHotkey, paletteColor } from '../../shared/domain/palette';
import { nameSchema, type ProjectSummary, type RecentProject } from '../../shared/domain/project';
import type { Database } from '../db/schema';
import { getOwner, updateLabeler } from '../db/queries/labelers';
import { keepSessionsInMemory } from '../db/queries/sessions';
import { mediaTicketKey } from '../db/queries/signing-keys';
import { failInterruptedImports, hasInterruptedImports } from '../db/queries/import-jobs';
import {
  countRows,
  currentGuidelineVersion,
  getProject,
  insertClasses,
  insertGuidelineVersion,
  insertProject,
  insertTags,
  listClasses,
  listTags,
} from '../db/queries/project';
import type { ProjectDatabase } from '../db/project-database';
import { inTransaction } from '../db/transaction';
import { mkdirPrivate, PRIVATE_DIR_MODE } from '../fs/private-files';
import { DEFAULT_DASHBOARD_OPTIONS } from './agreement';
import { AgreementTracker } from './agreement-tracker';
import { ProjectSessions } from './auth/sessions';
import { KeptQueueCatchUp } from './kept-queue-catch-up';
import type { OpenProject, ServiceContext } from './hosting/context';
import { openProjectDatabaseIn, projectExists, projectPaths, type CheckingConnection, type ProjectPaths, type TeamDatabase } from './project-folder';
import { acquireProjectLock, type ProjectLock } from './project-lock';

const FIRST_GUIDELINE = `# Labeling guideline

Write the rules labelers follow here. Every annotation records the guideline version it was made under.
`;

function absoluteDir(dir: string): string {
  if (!isAbsolute(dir))
    throw new ApiError('invalid_argument', `Give the full path of the project folder (got "${dir}").`, [{ path: 'dir', message: 'must be an absolute path' }]);
  return resolve(dir);
}

export async function createProject(ctx: ServiceContext, arg: ValidatedArg<'projects.create'>, firstGuideline = FIRST_GUIDELINE): Promise<ProjectSummary> {
  const dir = absoluteDir(arg.dir);
  const team = teamDatabaseOf(ctx);
  if (await projectExists(dir, team)) {
    throw new ApiError(
      'conflict',
      team === null ? `${dir} already holds a Concord project. Open it instead.` : 'The team database already holds a project. Open it instead.',
    );
  }
  // A team server's folder is its media root, which may already hold the media to import.
  if (team === null && existsSync(dir) && (await readdir(dir)).some((name) => !name.startsWith('.'))) {
    throw new ApiError('conflict', `${dir} is not empty. Choose a new or empty folder for the project.`, [{ path: 'dir', message: 'folder is not empty' }]);
  }
  // Every box is drawn with a class: a box project without one could never be labeled.
  if (arg.kind === 'bbox' && arg.classes.length === 0) {
    throw new ApiError('invalid_argument', 'A bounding-box project needs at least one class: every box is drawn with one. Add the classes to label.', [
      { path: 'classes', message: 'add at least one class' },
    ]);
  }
  const classes = arg.classes.map((c, i) => ({ name: c.name, color: c.color ?? paletteColor(i), hotkey: c.hotkey ?? defaultClassHotkey(i) }));
  const tags = arg.tags.map((t) => ({ name: t.name, hotkey: t.hotkey ?? null }));
  checkTaxonomy(classes, tags);

  const paths = projectPaths(dir);
  // Also an empty folder the user chose: from now on it holds the project.
  await mkdirPrivate(dir);
  await chmod(dir, PRIVATE_DIR_MODE);
  const connection = await openProjectDatabaseIn(team, paths, { nativeBinding: ctx.options.nativeBinding });
  try {
    await inTransaction(connection.db, async (trx) => {
      const now = Date.now();
      await insertProject(trx, { name: arg.name, kind: arg.kind, createdAt: now });
      await insertClasses(trx, arg.kind === 'bbox' ? classes : []);
      await insertTags(trx, tags);
      await insertGuidelineVersion(trx, { version: 1, bodyMd: firstGuideline, changelog: 'Created with the project.', publishedAt: now });
      await nameOwner(trx);
    });
  } finally {
    await connection.close();
  }
  return openProject(ctx, { dir });
}

/**
 * The project's owner account (made by the first migration step for accounts) takes the
 * name of the person creating the project, as this computer knows them.
 */
async function nameOwner(db: Kysely<Database>): Promise<void> {
  const owner = await getOwner(db);
  const parsed = nameSchema.safeParse(userInfo().username);
  if (owner && parsed.success && parsed.data !== owner.name) await updateLabeler(db, owner.id, { name: parsed.data });
}

/** Names and hotkeys must be unique, across classes and tags alike, or a key press would be ambiguous. */
function checkTaxonomy(classes: Array<{ name: string; hotkey: string | null }>, tags: Array<{ name: string; hotkey: string | null }>): void {
  const issues: Array<{ path: string; message: string }> = [];
  const seen = (list: Array<{ name: string }>, field: string) => {
    const names = new Set<string>();
    list.forEach((item, i) => {
      if (names.has(item.name.toLowerCase())) issues.push({ path: `${field}.${i}.name`, message: `"${item.name}" is listed twice` });
      names.add(item.name.toLowerCase());
    });
  };
  seen(classes, 'classes');
  seen(tags, 'tags');
  const keys = new Map<string, string>();
  for (const [field, list] of [
    ['classes', classes],
    ['tags', tags],
  ] as const) {
    list.forEach((item, i) => {
      if (!item.hotkey) return;
      const owner = keys.get(item.hotkey);
      if (owner) issues.push({ path: `${field}.${i}.hotkey`, message: `key ${item.hotkey} is already used by ${owner}` });
      else keys.set(item.hotkey, `"${item.name}"`);
    });
  }
  if (issues.length > 0) throw new ApiError('invalid_argument', `Invalid taxonomy: ${issues.map((i) => i.message).join('; ')}.`, issues);
}

export async function openProject(ctx: ServiceContext, arg: { dir: string; readOnly?: boolean }): Promise<ProjectSummary> {
  const dir = absoluteDir(arg.dir);
  const team = teamDatabaseOf(ctx);
  if (!(await projectExists(dir, team))) {
    throw new ApiError('not_found', team === null ? `No Concord project in ${dir} (there is no concord.db).` : 'The team database holds no project yet.');
  }
  if (ctx.imports.busy) throw new ApiError('failed_precondition', 'An import is still running. Cancel it or wait for it to finish before switching projects.');
  const paths = projectPaths(dir);
  const readOnly = arg.readOnly ?? false;
  const lock = readOnly ? null : lockFor(ctx, paths);
  let connection: ProjectDatabase;
  let record: Awaited<ReturnType<typeof getProject>>;
  try {
    // The app and its web host open at once and check the file beside it (see `openCheckingInBackground`).
    const checkInBackground = ctx.options.hostKind !== 'cli';
    connection = await openProjectDatabaseIn(team, paths, { nativeBinding: ctx.options.nativeBinding, readOnly, checkInBackground });
    record = await getProject(connection.db).catch(async (error: unknown) => {
      await connection.close();
      throw error;
    });
    if (!record) {
      await connection.close();
      throw new ApiError(
        'failed_precondition',
        `${team === null ? paths.database : 'The team database'} has no project record; it may not be a Concord project.`,
      );
    }
    // A write waits for a running integrity check: asked only when there is one to mark.
    if (!readOnly) {
      if (await hasInterruptedImports(connection.db)) await failInterruptedImports(connection.db, Date.now());
    } else if (connection.engine === 'sqlite') keepSessionsInMemory(connection.sqlite);
  } catch (error) {
    lock?.release();
    throw error;
  }
  await closeProject(ctx);
  const checking = connection.engine === 'sqlite' && 'checked' in connection ? (connection as CheckingConnection) : null;
  ctx.project = {
    paths,
    name: record.name,
    kind: record.kind,
    demo: record.demo,
    connection,
    // A project opened read-only leaves its folder as it found it.
    agreement: new AgreementTracker(connection, record.kind, readOnly ? null : paths.reviewQueue, readOnly ? null : paths.agreementLedger),
    keptQueue: readOnly ? null : new KeptQueueCatchUp(connection.db, record.kind, ctx.events),
    readOnly,
    lock,
    // Missing only from a database damaged by hand: tickets then hold on this process alone.
    ticketKey: (await mediaTicketKey(connection.db)) ?? randomBytes(32),
    sessions: new ProjectSessions(connection.db, checking?.checked ?? null),
  };
  if (checking) closeIfRefused(ctx, checking);
  // The recent list is this computer's project folders; a team server's project is reached through its server.
  if (team === null) await ctx.settings.remember({ dir, name: record.name, kind: record.kind });
  ctx.events.emit('project.changed', { dir });
  if (ctx.options.startAgreementWorkerOnOpen) ctx.project.agreement.startWorker(DEFAULT_DASHBOARD_OPTIONS);
  return summarize(ctx.project);
}

/**
 * A project opened while its integrity check runs is closed if the check fails, with the
 * message an open would have given; its windows are told why (`project.changed`).
 */
function closeIfRefused(ctx: ServiceContext, connection: CheckingConnection): void {
  connection.checked.catch(async (error: unknown) => {
    if (ctx.project?.connection !== connection) return;
    const dir = ctx.project.paths.dir;
    const message = error instanceof Error ? error.message : String(error);
    console.warn(`[open] ${dir} failed its integrity check; the project is closed`);
    await closeOpenProject(ctx, { dir, message }).catch((failure: unknown) => console.warn(`[open] closing after the check failed: ${String(failure)}`));
  });
}

/**
 * The app and the web server lock the project they edit; the CLI works beside them (its
 * writes wait their turn like any other). Reopening the project this host already has
 * open hands its lock over instead of tripping on it.
 */
function lockFor(ctx: ServiceContext, paths: ProjectPaths): ProjectLock | null {
  // Team servers share their database by design: several may serve it behind a load balancer.
  if (ctx.options.hostKind === 'cli' || teamDatabaseOf(ctx) !== null) return null;
  if (ctx.project?.paths.dir === paths.dir && ctx.project.lock) {
    const held = ctx.project.lock;
    ctx.project.lock = null;
    return held;
  }
  return acquireProjectLock(paths.lock, ctx.options.hostKind);
}

export async function closeProject(ctx: ServiceContext): Promise<null> {
  return closeOpenProject(ctx);
}

/** `damaged`: the project closes because its integrity check failed (see `closeIfRefused`). */
async function closeOpenProject(ctx: ServiceContext, damaged?: { dir: string; message: string }): Promise<null> {
  if (!ctx.project) return null;
  await ctx.imports.cancelAll();
  const { connection, agreement, keptQueue, lock } = ctx.project;
  ctx.project = null;
  await keptQueue?.close();
  await agreement.close();
  await connection.close();
  lock?.release();
  ctx.events.emit('project.changed', damaged ? { dir: null, damaged } : { dir: null });
  return null;
}

export async function currentProject(ctx: ServiceContext): Promise<ProjectSummary | null> {
  return ctx.project ? summarize(ctx.project) : null;
}

export async function recentProjects(ctx: ServiceContext): Promise<RecentProject[]> {
  const recent = await ctx.settings.recent();
  const team = teamDatabaseOf(ctx);
  return Promise.all(recent.map(async (r) => ({ ...r, available: await projectExists(r.dir, team) })));
}

/** Where this host keeps its projects' records (see `TeamDatabase`). */
export function teamDatabaseOf(ctx: ServiceContext): TeamDatabase {
  return ctx.options.teamDatabase ?? null;
}

export async function summarize(project: OpenProject): Promise<ProjectSummary> {
  const { db } = project.connection;
  const record = await getProject(db);
  return {
    dir: project.paths.dir,
    name: project.name,
    kind: project.kind,
    classes: await listClasses(db),
    tags: await listTags(db),
    sampleCount: await countRows(db, 'sample'),
    labelerCount: await countRows(db, 'labeler'),
    currentGuidelineVersion: (await currentGuidelineVersion(db)).version,
    createdAt: new Date(record?.createdAt ?? 0).toISOString(),
    readOnly: project.readOnly,
  };
}
