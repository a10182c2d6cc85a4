import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from './paths';

const run = promisify(execFile);

const AS_ROOT = process.getuid?.() === 0;

function commandWorks(command: string, args: string[]): boolean {
  try {
    execFileSync(command, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Who a permission case runs as. Root reads and writes whatever the file modes say, so a case
 * about a file "it may not read" proves nothing as root: there it runs as user `nobody`
 * (through `runuser`, as CI runs as root). Any other user is already bound by file modes.
 * `null` when neither is possible (root without `runuser` or a `nobody` user).
 */
export const PERMISSION_BOUND_USER: 'this user' | 'nobody' | null = !AS_ROOT
  ? 'this user'
  : process.platform === 'linux' && commandWorks('id', ['nobody']) && commandWorks('runuser', ['--version'])
    ? 'nobody'
    : null;

/**
 * The child's whole program: import the module (TypeScript, through tsx), call the export with
 * the arguments, print its result as JSON.
 */
const CALL_EXPORT = `
const [modulePath, exportName, argsJson] = process.argv.slice(1);
const module = await import(modulePath);
process.stdout.write(JSON.stringify(await module[exportName](...JSON.parse(argsJson))));
`;

/**
 * Calls `exportName` of the module at `modulePath` with JSON-serialisable `args`, in a child
 * process run as a user that file permissions apply to (see PERMISSION_BOUND_USER), and returns
 * its JSON result. The call runs in a child either way, so both cases take the same path. Paths
 * the call touches must be reachable by that user: make their folders world-searchable (0755).
 *
 * @example
 *   const result = await callAsPermissionBoundUser(join(REPO_ROOT, 'electron/media/probe.ts'), 'probeMedia', [path, { kind: 'image' }]);
 */
export async function callAsPermissionBoundUser(modulePath: string, exportName: string, args: unknown[]): Promise<unknown> {
  if (PERMISSION_BOUND_USER === null)
    throw new Error('no user that file permissions apply to: run as a non-root user, or as root with runuser and a nobody user');
  const node = [
    process.execPath,
    '--import',
    'tsx',
    '--input-type=module',
    '-e',
    CALL_EXPORT,
    pathToFileURL(modulePath).href,
    exportName,
    JSON.stringify(args),
  ];
  const [command, ...commandArgs] = PERMISSION_BOUND_USER === 'nobody' ? ['runuser', '-u', 'nobody', '--', ...node] : node;
  const { stdout } = await run(command!, commandArgs, { cwd: REPO_ROOT });
  return JSON.parse(stdout) as unknown;
}
