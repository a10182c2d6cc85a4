import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './paths';

export interface RunningWebApp {
  url: string;
  /** The host's process, for benchmarks that read its memory. */
  pid: number;
  /** Ends the process at once, as a crash or power cut would, with no chance to clean up. */
  kill(): Promise<void>;
  /**
   * Calls the API as a script of the person who started the host would: with the owner key
   * the address carries, continuing as the project's owner (or as whoever it signed in as).
   */
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
  // CONCORD_HOST_CPU_PROFILE=<folder>: the host writes V8 CPU profiles there when it exits (its own and each worker's), to profile a benchmark.
  const profile = process.env['CONCORD_HOST_CPU_PROFILE'];
  const profiling = profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [];
  const child: ChildProcess = spawn(process.execPath, [...profiling, entry, '--port', '0', '--data-dir', dataDir], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
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
  const ownerKey = /key=([0-9a-f]+)/.exec(origin.hash)![1]!;
  let session: string | null = null;
  const send = async (name: string, arg: unknown) => {
    const headers: Record<string, string> = { 'x-concord-key': ownerKey, 'content-type': 'application/json' };
    if (session) headers['authorization'] = `Bearer ${session}`;
    const response = await fetch(new URL(`/api/call/${name}`, origin), { method: 'POST', headers, body: JSON.stringify(arg) });
    return (await response.json()) as { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };
  };
  return {
    url,
    pid: child.pid!,
    async call<T>(name: string, arg: unknown = {}) {
      let result = await send(name, arg);
      if (!result.ok && result.error.code === 'unauthenticated' && name !== 'session.signIn') {
        const owner = await send('session.signIn', { method: 'owner' });
        if (owner.ok) session = (owner.value as { token: string }).token;
        result = await send(name, arg);
      }
      if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
      if (name === 'session.signIn') session = (result.value as { token: string }).token;
      return result.value as T;
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

/** Imports a folder through a running host, as a script would, and waits until the import has finished. */
export async function importThrough(app: RunningWebApp, source: string, options: { copyMedia?: boolean } = {}): Promise<void> {
  const { jobId } = await app.call<{ jobId: string }>('imports.start', { source, copyMedia: options.copyMedia ?? false });
  for (;;) {
    const report = await app.call<{ state: string; finishedAt: string | null; error: string | null }>('imports.get', { jobId });
    if (report.finishedAt !== null) {
      if (report.state !== 'done') throw new Error(`the import of ${source} ended ${report.state}: ${report.error ?? ''}`);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
