import { parseArgs } from 'node:util';
import { passwordSchema, type Labeler } from '../../shared/domain/labeler';
import { nameSchema } from '../../shared/domain/project';
import { findAccount, isMember, listCatalogueProjects, type Catalogue } from '../db/server-catalogue';
import type { ServiceHost } from '../services/hosting/host';
import { addTeamAccount, addTeamMember, disableTeamAccount } from '../services/team/server-projects';
import { call, type CliIo } from './commands';
import { CliError, cliErrors } from './exit-codes';
import { namedProject, onTeamProject, onTeamServer } from './team-host';
import { parsedRole } from './team-project-commands';

const USERS_USAGE = `concord users add NAME [--role labeler|sme|engineer|admin] --password-stdin --database URL [--project SLUG]
  (a name the server has: --password-stdin is left out, its one password stands)
concord users list --database URL [--project SLUG] [--json]
concord users disable NAME --database URL   (everywhere; never the last active admin of a project)
concord users set-role NAME labeler|sme|engineer|admin --database URL [--project SLUG]`;

/**
 * `concord users ...`: a team server's accounts, managed by whoever can reach its database
 * (that access is the authority: it could change the tables directly). An account is the
 * server's; `add` also makes it a member of the named project (or of the server's only one)
 * with its role. `list` and `set-role` concern one project's members; `disable` the account
 * everywhere. The first admin is made this way; after that admins may also use People.
 */
export async function users(_localHost: ServiceHost, args: string[], io: CliIo): Promise<void> {
  const [action, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      database: { type: 'string' },
      role: { type: 'string' },
      'password-stdin': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      project: { type: 'string' },
    },
  });
  if (action !== 'add' && action !== 'list' && action !== 'disable' && action !== 'set-role') {
    throw new CliError(`users takes add, list, disable or set-role.\n${USERS_USAGE}`);
  }
  await onTeamServer(values.database, USERS_USAGE, async (catalogue) => {
    if (action === 'add') return addUser(catalogue, positionals, values.role, values['password-stdin'], values.project, io);
    if (action === 'disable') {
      const name = onlyName(positionals, 'disable');
      await cliErrors(() => disableTeamAccount(catalogue, name));
      return io.out(`Disabled ${name}; their sessions have ended.`);
    }
    const project = await namedProject(catalogue, values.project);
    // Accounts need no media: the folder only matters to media and caches, which these commands never touch.
    await onTeamProject(project.url, process.cwd(), async (host) => {
      if (action === 'list') return listUsers(host, values.json, io);
      const [name, role] = positionals;
      if (!name || positionals.length !== 2) throw new CliError(`set-role takes a name and a role.\n${USERS_USAGE}`);
      await accountNamed(host, name);
      await cliErrors(() => addTeamMember(catalogue, project.slug, name, parsedRole(role)));
      io.out(`${name} is now ${parsedRole(role)}; their sessions have ended.`);
    });
  });
}

/**
 * A server account, and a member of the named project (or of the server's only one) with its
 * role; on a server without projects yet, the account alone. A name the server already has
 * keeps its one password: it only becomes a member of the project (no password is asked).
 */
async function addUser(
  catalogue: Catalogue,
  positionals: string[],
  role: string | undefined,
  passwordStdin: boolean,
  slug: string | undefined,
  io: CliIo,
): Promise<void> {
  const name = onlyName(positionals, 'add');
  const checkedName = nameSchema.safeParse(name);
  if (!checkedName.success) throw new CliError(`The name ${checkedName.error.issues[0]!.message}.`);
  const accountRole = parsedRole(role ?? 'labeler');
  const projects = await listCatalogueProjects(catalogue);
  const project = slug !== undefined || projects.length > 0 ? await namedProject(catalogue, slug) : null;
  const existing = await findAccount(catalogue, name);
  if (existing) {
    if (!project) throw new CliError(`The server already has an account named "${name}".`);
    if (await isMember(catalogue, name, project.slug)) {
      throw new CliError(`${name} is already a member of "${project.slug}"; change their role with concord users set-role.`);
    }
    await cliErrors(() => addTeamMember(catalogue, project.slug, name, accountRole));
    return io.out(`${name} already has a server account: now also ${accountRole} in ${project.slug}, with the same password.`);
  }
  // A password on the command line would stay in the shell's history and the process list.
  if (!passwordStdin) throw new CliError('Give the password on standard input with --password-stdin (never as an argument).');
  const password = (await io.readStdin()).replace(/\r?\n$/, '');
  const checked = passwordSchema.safeParse(password);
  if (!checked.success) throw new CliError(`The password ${checked.error.issues[0]!.message}.`);
  await cliErrors(() => addTeamAccount(catalogue, name, checked.data));
  if (!project) return io.out(`Added ${name}, a member of no project yet (concord projects add-member).`);
  await cliErrors(() => addTeamMember(catalogue, project.slug, name, accountRole));
  io.out(projects.length > 1 ? `Added ${name} (${accountRole} in ${project.slug}).` : `Added ${name} (${accountRole}).`);
}

async function listUsers(host: ServiceHost, json: boolean, io: CliIo): Promise<void> {
  const accounts = await call(host, 'labelers.list', {});
  if (json)
    return io.out(
      JSON.stringify(
        accounts.map(({ id, name, role, disabled }) => ({ id, name, role, disabled })),
        null,
        2,
      ),
    );
  for (const account of accounts) io.out(`${account.name.padEnd(24)} ${account.role.padEnd(9)} ${account.disabled ? 'disabled' : 'active'}`);
}

function onlyName(positionals: string[], action: string): string {
  const [name] = positionals;
  if (!name || positionals.length > 1) throw new CliError(`${action} takes one account name.\n${USERS_USAGE}`);
  return name;
}

async function accountNamed(host: ServiceHost, name: string): Promise<Labeler> {
  const account = (await call(host, 'labelers.list', {})).find((l) => l.name === name);
  if (!account) throw new CliError(`No account named "${name}" in this project.`);
  return account;
}
