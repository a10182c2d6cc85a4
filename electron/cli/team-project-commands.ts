import { realpath } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import type { ServiceHost } from '../services/hosting/host';
import { call, importInto, splitList, type CliIo } from './commands';
import { CliError } from './exit-codes';
import { teamHost } from './team-host';

const PROJECTS_USAGE = `concord projects create --database URL --media-root DIR --kind bbox|transcript --name NAME [--classes a,b,c] [--tags x,y]`;

/**
 * `concord projects create`: a team's project in its PostgreSQL database, whose media will
 * live under the media root that `concord serve --media-root` is then given.
 */
export async function projects(_localHost: ServiceHost, args: string[], io: CliIo): Promise<void> {
  const [action, ...rest] = args;
  if (action !== 'create') throw new CliError(`projects takes create.\n${PROJECTS_USAGE}`);
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      database: { type: 'string' },
      'media-root': { type: 'string' },
      kind: { type: 'string' },
      name: { type: 'string' },
      classes: { type: 'string' },
      tags: { type: 'string' },
    },
  });
  if (positionals.length > 0) throw new CliError(`projects create takes only options (got "${positionals[0]}").\n${PROJECTS_USAGE}`);
  if (values.kind !== 'bbox' && values.kind !== 'transcript') throw new CliError(`--kind must be bbox or transcript.\n${PROJECTS_USAGE}`);
  if (!values.name) throw new CliError(`--name NAME is required: people see it when they sign in.\n${PROJECTS_USAGE}`);
  const mediaRoot = requireMediaRoot(values['media-root'], PROJECTS_USAGE);
  const host = teamHost(values.database, PROJECTS_USAGE);
  try {
    const project = await call(host, 'projects.create', {
      dir: mediaRoot,
      name: values.name,
      kind: values.kind,
      classes: splitList(values.classes).map((name) => ({ name })),
      tags: splitList(values.tags).map((name) => ({ name })),
    });
    io.out(`Created ${project.kind} project "${project.name}" in the team database; its media root is ${mediaRoot}.`);
    if (project.classes.length > 0) io.out(`Classes: ${project.classes.map((c) => `${c.name} [${c.hotkey ?? '-'}]`).join(', ')}`);
  } finally {
    await host.close();
  }
}

export interface TeamImport {
  database: string;
  mediaRoot: string | undefined;
  source: string;
  copyMedia: boolean;
}

/**
 * `concord import --database URL --media-root DIR SOURCE`: the server serves media from its
 * media root only, so files already inside it are referenced where they are and anything
 * else is copied into it (as `--copy-media` always does).
 */
export async function importIntoTeam(arg: TeamImport, io: CliIo): Promise<void> {
  const usage = 'concord import --database URL --media-root DIR <folder-or-manifest> [--copy-media]';
  const mediaRoot = requireMediaRoot(arg.mediaRoot, usage);
  const source = resolve(arg.source);
  const inside = await liesInside(source, mediaRoot);
  if (!inside && !arg.copyMedia) io.out(`${source} lies outside the media root: its files are copied into ${mediaRoot}.`);
  const host = teamHost(arg.database, usage);
  try {
    await call(host, 'projects.open', { dir: mediaRoot });
    await importInto(host, source, arg.copyMedia || !inside, io);
  } finally {
    await host.close();
  }
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
