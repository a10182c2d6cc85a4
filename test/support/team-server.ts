import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './paths';

export interface RunningServer {
  /** The address the server printed (`http(s)://HOST:PORT/`, with `#key=…` for a local project). */
  url: string;
  /** Everything it has written so far, for messages. */
  output(): string;
  /** SIGTERM, as Ctrl+C or a service manager would stop it; resolves with its exit code. */
  stop(): Promise<number | null>;
}

/**
 * Runs `concord serve ARGS` as its own process, exactly as a person would from a shell (the
 * built CLI, through bin/concord.js), with its own settings folder, and waits for the address
 * it prints. Fails with the server's own words when it exits instead.
 *
 * @example
 *   const server = await startConcordServe(['--database', url, '--media-root', dir, '--listen', '127.0.0.1:0'], dataDir);
 */
export async function startConcordServe(args: string[], dataDir: string): Promise<RunningServer> {
  const bin = join(REPO_ROOT, 'bin', 'concord.js');
  if (!existsSync(join(REPO_ROOT, 'out', 'main', 'cli.js')) || !existsSync(join(REPO_ROOT, 'out', 'renderer', 'index.html'))) {
    throw new Error('The app is not built. Run `npm run build` (npm test does it first).');
  }
  const child: ChildProcess = spawn(process.execPath, [bin, 'serve', ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, CONCORD_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`concord serve did not start in time:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (https?:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`concord serve exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/**
 * Runs `concord ARGS` to the end as a process and returns its exit code and output; `stdin`
 * is written to it (a password for `users add --password-stdin`).
 */
export function runConcord(args: string[], dataDir: string, stdin = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'concord.js'), ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, CONCORD_DATA_DIR: dataDir },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(stdin);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Runs `concord ARGS` to the end as `runConcord` does, failing with its own words unless it
 * succeeds: for set-up steps a test relies on rather than checks.
 * @example await runConcordOrFail(['users', 'add', 'ana', '--role', 'labeler', '--password-stdin'], dataDir, password);
 */
export async function runConcordOrFail(args: string[], dataDir: string, stdin = ''): Promise<void> {
  const result = await runConcord(args, dataDir, stdin);
  if (result.code !== 0) throw new Error(`concord ${args.join(' ')} failed: ${result.stderr}`);
}
