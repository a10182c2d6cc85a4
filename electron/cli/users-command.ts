import { parseArgs } from 'node:util';
import { labelerRoleSchema, passwordSchema, type Labeler } from '../../shared/domain/labeler';
import type { ServiceHost } from '../services/hosting/host';
import { call, type CliIo } from './commands';
import { CliError } from './exit-codes';
import { teamHost } from './team-host';

const USERS_USAGE = `concord users add NAME --role labeler|sme|engineer|admin --password-stdin --database URL
concord users list --database URL [--json]
concord users disable NAME --database URL
concord users set-role NAME labeler|sme|engineer|admin --database URL`;

/**
 * `concord users ...`: a team server's accounts, managed by whoever can reach its database
 * (that access is the authority: it could change the tables directly). The first admin is
 * made this way; after that admins may also use People in the app.
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
    },
  });
  const host = teamHost(values.database, USERS_USAGE);
  try {
    // Accounts need no media: the folder only matters to media and caches, which these commands never touch.
    await call(host, 'projects.open', { dir: process.cwd() });
    switch (action) {
      case 'add':
        return await addUser(host, positionals, values.role, values['password-stdin'], io);
      case 'list':
        return await listUsers(host, values.json, io);
      case 'disable': {
        const account = await accountNamed(host, onlyName(positionals, 'disable'));
        await call(host, 'labelers.update', { labelerId: account.id, disabled: true });
        return io.out(`Disabled ${account.name}; their sessions have ended.`);
      }
      case 'set-role': {
        const [name, role] = positionals;
        if (!name || positionals.length !== 2) throw new CliError(`set-role takes a name and a role.\n${USERS_USAGE}`);
        const account = await accountNamed(host, name);
        const changed = await call(host, 'labelers.update', { labelerId: account.id, role: parsedRole(role) });
        return io.out(`${changed.name} is now ${changed.role}; their sessions have ended.`);
      }
      default:
        throw new CliError(`users takes add, list, disable or set-role.\n${USERS_USAGE}`);
    }
  } finally {
    await host.close();
  }
}

async function addUser(host: ServiceHost, positionals: string[], role: string | undefined, passwordStdin: boolean, io: CliIo): Promise<void> {
  const name = onlyName(positionals, 'add');
  // A password on the command line would stay in the shell's history and the process list.
  if (!passwordStdin) throw new CliError('Give the password on standard input with --password-stdin (never as an argument).');
  const password = (await io.readStdin()).replace(/\r?\n$/, '');
  const checked = passwordSchema.safeParse(password);
  if (!checked.success) throw new CliError(`The password ${checked.error.issues[0]!.message}.`);
  const account = await call(host, 'labelers.create', { name, role: parsedRole(role ?? 'labeler'), password: checked.data });
  io.out(`Added ${account.name} (${account.role}).`);
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

function parsedRole(role: string | undefined): Labeler['role'] {
  const parsed = labelerRoleSchema.safeParse(role);
  if (!parsed.success) throw new CliError(`--role must be labeler, sme, engineer or admin.`);
  return parsed.data;
}

async function accountNamed(host: ServiceHost, name: string): Promise<Labeler> {
  const account = (await call(host, 'labelers.list', {})).find((l) => l.name === name);
  if (!account) throw new CliError(`No account named "${name}" in this team database.`);
  return account;
}
