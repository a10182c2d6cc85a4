import { realpath } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { labelerRoleSchema, type LabelerRole } from '../../shared/domain/labeler';
import { HOME_PROJECT, listCatalogueProjects, membershipsOf, listAccounts, findCatalogueProject } from '../db/server-catalogue';
import type { ServiceHost } from '../services/hosting/host';
import { addTeamMember, createTeamProject, projectMediaDir, removeTeamMember } from '../services/team/server-projects';
import { importInto, splitList, type CliIo } from './commands';
import { CliError, cliErrors } from './exit-codes';
import { namedProject, onTeamProject, onTeamServer, teamHostOptions } from './team-host';

const PROJECTS_USAGE = `concord projects create --database URL --media-root DIR --kind bbox|transcript --name NAME [--project SLUG] [--classes a,b,c] [--tags x,y]
concord projects list --database URL
concord projects add-member SLUG NAME --role labeler|sme|engineer|admin --database URL
concord projects remove-member SLUG NAME --database URL`;

/**
 * `concord projects ...`: the projects of a team server. Each lives in a PostgreSQL database
 * of its own (the first, `main`, in the server's database itself) with its media under
 * `MEDIA-ROOT/projects/SLUG`; server accounts are members of projects with a role in each.
 */
export async function projects(_localHost: ServiceHost, args: string[], io: CliIo): Promise<void> {
  const [action, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      database: { type: 'string' },
      'media-root': { type: 'string' },
      project: { type: 'string' },
      kind: { type: 'string' },
      name: { type: 'string' },
      classes: { type: 'string' },
      tags: { type: 'string' },
      role: { type: 'string' },
    },
  });
  if (action === 'create') return createProject(values, positionals, io);
  if (action !== 'list' && action !== 'add-member' && action !== 'remove-member') {
    throw new CliError(`projects takes create, list, add-member or remove-member.\n${PROJECTS_USAGE}`);
  }
  await onTeamServer(values.database, PROJECTS_USAGE, async (catalogue) => {
    if (action === 'list') {
      const accounts = await listAccounts(catalogue);
      const members = new Map<string, string[]>();
      for (const account of accounts) {
        for (const m of await membershipsOf(catalogue, account.name))
          members.set(m.projectSlug, [...(members.get(m.projectSlug) ?? []), `${account.name} (${m.role})`]);
      }
      for (const project of await listCatalogueProjects(catalogue)) {
        io.out(
          `${project.slug.padEnd(20)} ${project.name} (database ${project.databaseName}): ${(members.get(project.slug) ?? []).join(', ') || 'no members'}`,
        );
      }
      return;
    }
    const [slug, name] = positionals;
    if (!slug || !name || positionals.length !== 2) throw new CliError(`${action} takes a project and an account name.\n${PROJECTS_USAGE}`);
    if (action === 'add-member') {
      const role = parsedRole(values.role);
      await cliErrors(() => addTeamMember(catalogue, slug, name, role));
      return io.out(`${name} is a member of ${slug} as ${role}.`);
    }
    await cliErrors(() => removeTeamMember(catalogue, slug, name));
    io.out(`${name} is no longer a member of ${slug}; their sessions there have ended.`);
  });
}

async function createProject(values: Record<string, string | boolean | undefined>, positionals: string[], io: CliIo): Promise<void> {
  const text = (key: string) => (typeof values[key] === 'string' ? (values[key] as string) : undefined);
  if (positionals.length > 0) throw new CliError(`projects create takes only options (got "${positionals[0]}").\n${PROJECTS_USAGE}`);
  const kind = text('kind');
  if (kind !== 'bbox' && kind !== 'transcript') throw new CliError(`--kind must be bbox or transcript.\n${PROJECTS_USAGE}`);
  const name = text('name');
  if (!name) throw new CliError(`--name NAME is required: people see it when they sign in.\n${PROJECTS_USAGE}`);
  const mediaRoot = requireMediaRoot(text('media-root'), PROJECTS_USAGE);
  await onTeamServer(text('database'), PROJECTS_USAGE, async (catalogue) => {
    const slug = text('project') ?? HOME_PROJECT;
    const existing = await findCatalogueProject(catalogue, slug);
    if (existing && text('project') === undefined) {
      throw new CliError(`The server already holds a project "${slug}" (${existing.name}): name the new one with --project SLUG.`);
    }
    const project = await cliErrors(() =>
      createTeamProject(
        catalogue,
        mediaRoot,
        { slug, name, kind, classes: splitList(text('classes')).map((n) => ({ name: n })), tags: splitList(text('tags')).map((n) => ({ name: n })) },
        teamHostOptions(),
      ),
    );
    io.out(`Created ${project.kind} project "${project.name}" (${slug}) in the team database; its media live in ${projectMediaDir(mediaRoot, slug)}.`);
    if (project.classes.length > 0) io.out(`Classes: ${project.classes.map((c) => `${c.name} [${c.hotkey ?? '-'}]`).join(', ')}`);
  });
}

export interface TeamImport {
  database: string;
  mediaRoot: string | undefined;
  project: string | undefined;
  source: string;
  copyMedia: boolean;
}

/**
 * `concord import --database URL --media-root DIR [--project SLUG] SOURCE`: the server serves a
 * project's media from its own folder under the media root only, so files already inside it
 * are referenced where they are and anything else is copied into it (as `--copy-media` does).
 */
export async function importIntoTeam(arg: TeamImport, io: CliIo): Promise<void> {
  const usage = 'concord import --database URL --media-root DIR [--project SLUG] <folder-or-manifest> [--copy-media]';
  const mediaRoot = requireMediaRoot(arg.mediaRoot, usage);
  const project = await onTeamServer(arg.database, usage, (catalogue) => namedProject(catalogue, arg.project));
  const mediaDir = projectMediaDir(mediaRoot, project.slug);
  const source = resolve(arg.source);
  const inside = await liesInside(source, mediaDir);
  if (!inside && !arg.copyMedia) io.out(`${source} lies outside the media root: its files are copied into ${mediaDir}.`);
  await onTeamProject(project.url, mediaDir, (host) => importInto(host, source, arg.copyMedia || !inside, io));
}

export function parsedRole(role: string | undefined): LabelerRole {
  const parsed = labelerRoleSchema.safeParse(role);
  if (!parsed.success) throw new CliError(`--role must be labeler, sme, engineer or admin.`);
  return parsed.data;
}

function requireMediaRoot(value: string | undefined, usage: string): string {
  if (!value) throw new CliError(`--media-root DIR is required: the folder the team server keeps and serves its media from.\n${usage}`);
  return resolve(value);
}

/** Compared after symlinks, as the server compares them when it serves the files. */
async function liesInside(path: string, folder: string): Promise<boolean> {
  const [real, root] = await Promise.all([realpath(path).catch(() => path), realpath(folder).catch(() => folder)]);
  return real === root || real.startsWith(root.endsWith(sep) ? root : root + sep);
}
