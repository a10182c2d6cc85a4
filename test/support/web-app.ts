import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './paths';

export interface RunningWebApp {
  url: string;
  /** Ends the process at once, as a crash or power cut would, with no chance to clean up. */
  kill(): Promise<void>;
  /** Calls the API as a script would (bearer token), for setting up what a test needs. */
  call<T = unknown>(name: string, arg?: unknown): Promise<T>;
  stop(): Promise<void>;
}

/**
 * Starts the built browser host exactly as `npm run web` does, on a free port and with
 * its own settings folder, and waits for the address it prints.
 */
export async function startWebApp(dataDir: string): Promise<RunningWebApp> {
  const entry = join(REPO_ROOT, 'out', 'main', 'web.js');
  if (!existsSync(entry) || !existsSync(join(REPO_ROOT, 'out', 'renderer', 'index.html'))) {
    throw new Error('The app is not built. Run `npm run build` (npm test does it first).');
  }
  const child: ChildProcess = spawn(process.execPath, [entry, '--port', '0', '--data-dir', dataDir], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web host did not start in time:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/running at (http:\/\/\S+)/);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`web host exited with ${code}:\n${output}`)));
  });
  const origin = new URL(url);
  const token = origin.searchParams.get('token')!;
  return {
    url,
    async call<T>(name: string, arg: unknown = {}) {
      const response = await fetch(new URL(`/api/call/${name}`, origin), {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(arg),
      });
      const result = (await response.json()) as { ok: true; value: T } | { ok: false; error: { message: string } };
      if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
      return result.value;
    },
    kill: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
