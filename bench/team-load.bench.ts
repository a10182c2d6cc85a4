// Many labelers saving at once against two team server processes on one PostgreSQL database.
//   npm run bench -- team-load                         50 labelers for 2 minutes
//   npm run bench -- team-load --labelers 10 --seconds 20
//   npm run bench -- team-load --pace 0                labelers save back to back (the servers' saturation)
//   npm run bench -- team-load --kill                  one server is killed (kill -9) a third of the way
//                                                      in and restarted two thirds in; its labelers go on
//                                                      through the other, as behind a load balancer
//   npm run bench -- team-load --cpu-prof DIR          each server writes a V8 CPU profile into DIR
//                                                      (open it in Chrome's DevTools, Performance tab)
// Each labeler signs in over HTTP and saves drafts and submissions of its samples in a loop,
// each save from the revision its previous save returned, as the label editor sends them: a save
// no sooner than the autosave delay after the previous one was answered (a person editing without
// a pause; `--pace MS` sets the gap, 0 measures how much the servers take at most). Afterwards every confirmed save is
// looked up in the database: a confirmed save missing or different there is lost (must be 0).
// It reports; it never fails on timing.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { CallResult } from '../shared/api/errors';
import type { Credentials } from '../electron/services/hosting/host';
import { createServiceHost } from '../electron/services/hosting/service-host';
import { boxOfWidth } from '../test/support/box-payload';
import { writeImage } from '../test/support/media-fixtures';
import { REPO_ROOT } from '../test/support/paths';
import { createDatabase, startCluster } from '../test/support/postgres-cluster';
import type { Benchmark, Figure } from './support';

const SAMPLES = 200;
const PASSWORD = 'load test password';
/** The aim for the 95th percentile of a save on this 2-core machine. */
const P95_AIM_MS = 100;
/**
 * The label editor's autosave waits this long after an edit before saving (`AUTOSAVE_DELAY_MS` in
 * renderer/label/label-session.ts), and keeps one save in flight: no labeler in the app sends saves
 * closer together than this, however fast they edit.
 */
const EDITOR_SAVE_GAP_MS = 300;

export const benchmark: Benchmark = {
  name: 'team-load',
  summary: 'labelers saving and submitting at once through two team server processes on one PostgreSQL (--labelers N, --seconds S, --pace MS, --kill)',
  run: (args) => {
    const { values } = parseArgs({
      args,
      options: {
        labelers: { type: 'string', default: '50' },
        seconds: { type: 'string', default: '120' },
        pace: { type: 'string', default: String(EDITOR_SAVE_GAP_MS) },
        kill: { type: 'boolean', default: false },
        'cpu-prof': { type: 'string' },
      },
      strict: false,
    });
    const labelers = Number(values.labelers);
    const seconds = Number(values.seconds);
    if (!Number.isInteger(labelers) || labelers < 1) throw new Error(`--labelers must be a whole number of labelers, got ${String(values.labelers)}`);
    if (!(seconds > 0)) throw new Error(`--seconds must be a number of seconds, got ${String(values.seconds)}`);
    const paceMs = Number(values.pace);
    if (!(paceMs >= 0)) throw new Error(`--pace must be a number of milliseconds (0 or more), got ${String(values.pace)}`);
    const cpuProfileDir = typeof values['cpu-prof'] === 'string' ? values['cpu-prof'] : null;
    return measure({ labelers, seconds, paceMs, kill: values.kill === true, cpuProfileDir });
  },
};

interface LoadOptions {
  labelers: number;
  seconds: number;
  /** The gap between one save's answer and a labeler's next save. */
  paceMs: number;
  kill: boolean;
  /** Where the servers write their CPU profiles, or null for none. */
  cpuProfileDir: string | null;
}

/** A save the server confirmed: it must be in the database afterwards, exactly so. */
interface ConfirmedSave {
  labelerId: number;
  sampleId: number;
  revision: number;
  width: number;
}

interface Tally {
  latenciesMs: number[];
  errors: Map<string, number>;
  confirmed: ConfirmedSave[];
}

async function measure(options: LoadOptions): Promise<Figure[]> {
  const work = mkdtempSync(join(tmpdir(), 'concord-team-load-'));
  const cluster = await startCluster();
  const servers: TeamServer[] = [];
  try {
    const database = await createDatabase(cluster.address, 'concord_load');
    const projectDir = join(work, 'project');
    const { sampleIds, labelers } = await setUpProject(database, projectDir, join(work, 'media'), options.labelers);
    console.log(
      `  ${labelers.length} labelers, ${sampleIds.length} samples, ${options.seconds} s, two server processes${options.kill ? ', one killed midway' : ''}`,
    );
    const start = (index: number) => startTeamServer(database, join(work, `server-${index}`), projectDir, options.cpuProfileDir);
    servers.push(await start(0), await start(1));

    const tally: Tally = { latenciesMs: [], errors: new Map(), confirmed: [] };
    const began = performance.now();
    const deadline = began + options.seconds * 1000;
    const faults = options.kill ? killAndRestart(servers, start, options.seconds * 1000) : Promise.resolve();
    await Promise.all(labelers.map((labeler, index) => labelLoop(labeler, index, sampleIds, servers, deadline, options.paceMs, tally)));
    await faults;
    const elapsedS = (performance.now() - began) / 1000;

    // Stopped here (not in finally) to read what their CPU did; a killed server never says.
    const serverCpuMs = options.kill
      ? null
      : (await Promise.all(servers.splice(0).map((server) => server.stop()))).reduce<number>((sum, ms) => sum + (ms ?? NaN), 0);
    const lost = await lostSaves(database, tally.confirmed);
    const sorted = [...tally.latenciesMs].sort((a, b) => a - b);
    const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
    const errors = [...tally.errors].map(([kind, n]) => `${kind} ${n}`).join(', ') || 'none';
    console.log(`  ${tally.confirmed.length} saves confirmed in ${elapsedS.toFixed(1)} s; errors by kind: ${errors}; confirmed saves lost: ${lost}`);
    const pace = options.paceMs > 0 ? `saving ${options.paceMs} ms after each answer` : 'saving back to back';
    const load = `${labelers.length} labelers ${pace}${options.kill ? ', one server killed' : ''}`;
    return [
      { what: `saves per second (${load})`, value: tally.confirmed.length / elapsedS, unit: '/s', aim: null, note: `errors: ${errors}` },
      { what: `save latency p50 (${load})`, value: pct(50), unit: 'ms', aim: null },
      { what: `save latency p95 (${load})`, value: pct(95), unit: 'ms', aim: P95_AIM_MS },
      { what: `save latency p99 (${load})`, value: pct(99), unit: 'ms', aim: null },
      { what: `confirmed saves lost (${load})`, value: lost, unit: 'count', aim: 0, note: `of ${tally.confirmed.length} confirmed` },
      ...(serverCpuMs === null
        ? []
        : [
            {
              what: `server CPU per save (${load})`,
              value: serverCpuMs / tally.confirmed.length,
              unit: 'ms',
              aim: null,
              note: 'both processes, sign-ins included; moved less than latency by what else runs on the machine',
            } satisfies Figure,
          ]),
    ];
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    cluster.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

interface LoadLabeler {
  id: number;
  name: string;
}

/** The team project, made in this process: small images, and one account per labeler. */
async function setUpProject(database: string, projectDir: string, media: string, count: number): Promise<{ sampleIds: number[]; labelers: LoadLabeler[] }> {
  mkdirSync(media, { recursive: true });
  for (let i = 0; i < SAMPLES; i++) await writeImage(join(media, `s${String(i).padStart(3, '0')}.png`), 'png', 64, 48, i);
  const host = createServiceHost({
    hostKind: 'cli',
    dataDir: join(projectDir, '..', 'setup-data'),
    resourcesDir: join(REPO_ROOT, 'resources'),
    teamDatabase: database,
  });
  const owner: Credentials = { transport: 'cli', owner: true, session: null, address: null };
  const call = async <T>(name: string, arg: unknown): Promise<T> => {
    const result = (await host.call(name, arg, owner)) as CallResult<T>;
    if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
    return result.value;
  };
  try {
    await call('projects.create', { dir: projectDir, name: 'Load', kind: 'bbox', classes: [{ name: 'car' }] });
    owner.session = (await call<{ token: string }>('session.signIn', { method: 'owner' })).token;
    // A team server serves media only from inside its media root: they are copied in.
    const { jobId } = await call<{ jobId: string }>('imports.start', { source: media, copyMedia: true });
    while ((await call<{ finishedAt: string | null }>('imports.get', { jobId })).finishedAt === null) await new Promise((r) => setTimeout(r, 100));
    const labelers: LoadLabeler[] = [];
    for (let i = 0; i < count; i++) {
      const name = `labeler-${i}`;
      labelers.push({ name, id: (await call<{ id: number }>('labelers.create', { name, password: PASSWORD })).id });
    }
    const queue = await call<{ items: Array<{ sampleId: number }> }>('queue.get', { labelerId: labelers[0]!.id });
    if (queue.items.length !== SAMPLES) throw new Error(`the import gave ${queue.items.length} samples of ${SAMPLES}`);
    return { sampleIds: queue.items.map((item) => item.sampleId), labelers };
  } finally {
    await host.close();
  }
}

interface TeamServer {
  port: number;
  /** Ends the process at once (SIGKILL), as a crash would. */
  kill(): Promise<void>;
  /** Asks it to stop (SIGTERM); resolves with the CPU milliseconds it reports having spent since it listened (null if it said nothing). */
  stop(): Promise<number | null>;
}

async function startTeamServer(database: string, dataDir: string, projectDir: string, cpuProfileDir: string | null): Promise<TeamServer> {
  const script = join(REPO_ROOT, 'bench', 'team-server.ts');
  const profiling = cpuProfileDir === null ? [] : ['--cpu-prof', '--cpu-prof-dir', cpuProfileDir];
  const child: ChildProcess = spawn(
    process.execPath,
    [...profiling, '--import', 'tsx', script, '--database', database, '--data-dir', dataDir, '--project-dir', projectDir],
    {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening (\d+)/.exec(output);
      if (match) resolve(Number(match[1]));
      output = output.slice(-4000); // the server's log goes on; only its end is worth showing
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`a team server exited (${code}) before listening:\n${output.slice(-2000)}`)));
  });
  const ended = (signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  const cpuMs = () => {
    const match = /cpu (\d+) ms/.exec(output);
    return match ? Number(match[1]) : null;
  };
  return { port, kill: () => ended('SIGKILL'), stop: () => ended('SIGTERM').then(cpuMs) };
}

/** Kills server 0 a third of the way in and starts it again two thirds in (the labelers find it then). */
async function killAndRestart(servers: TeamServer[], start: (index: number) => Promise<TeamServer>, durationMs: number): Promise<void> {
  await new Promise((r) => setTimeout(r, durationMs / 3));
  await servers[0]!.kill();
  console.log('  server 0 killed (SIGKILL)');
  await new Promise((r) => setTimeout(r, durationMs / 3));
  servers[0] = await start(0);
  console.log(`  server 0 restarted on port ${servers[0].port}`);
}

interface Answer {
  revision: number;
}

/**
 * One labeler's session: signs in on its server, then saves its samples in turn (two drafts
 * and a submission each) until the deadline. A server that does not answer is left for the
 * other, as a load balancer would; a refused save is counted by its code and the labeler
 * reads the annotation again before going on.
 */
async function labelLoop(
  labeler: LoadLabeler,
  index: number,
  sampleIds: number[],
  servers: TeamServer[],
  deadline: number,
  paceMs: number,
  tally: Tally,
): Promise<void> {
  let server = index % servers.length;
  let token: string | null = null;
  const revisions = new Map<number, number>();
  const send = async <T>(name: string, arg: unknown): Promise<CallResult<T>> => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    const response = await fetch(`http://127.0.0.1:${servers[server]!.port}/api/call/${name}`, { method: 'POST', headers, body: JSON.stringify(arg) });
    return (await response.json()) as CallResult<T>;
  };
  const count = (kind: string) => tally.errors.set(kind, (tally.errors.get(kind) ?? 0) + 1);
  for (let step = 0; performance.now() < deadline; step++) {
    if (step > 0 && paceMs > 0) await new Promise((r) => setTimeout(r, paceMs));
    try {
      if (token === null) {
        const signedIn = await send<{ token: string }>('session.signIn', { method: 'password', name: labeler.name, password: PASSWORD });
        if (!signedIn.ok) throw new Error(`${labeler.name} could not sign in: ${signedIn.error.message}`);
        token = signedIn.value.token;
      }
      const sampleId = sampleIds[(index * 7 + Math.floor(step / 3)) % sampleIds.length]!;
      const width = 1 + ((step * 13 + index) % 60);
      const save = {
        labelerId: labeler.id,
        sampleId,
        status: step % 3 === 2 ? 'submitted' : 'draft',
        baseRevision: revisions.get(sampleId) ?? null,
        payload: boxOfWidth(width),
        timeSpentMs: 1000,
      };
      const began = performance.now();
      const result = await send<Answer>('annotations.save', save);
      tally.latenciesMs.push(performance.now() - began);
      if (result.ok) {
        revisions.set(sampleId, result.value.revision);
        tally.confirmed.push({ labelerId: labeler.id, sampleId, revision: result.value.revision, width });
      } else {
        count(result.error.code);
        const mine = await send<Answer | null>('annotations.mine', { labelerId: labeler.id, sampleId });
        if (mine.ok && mine.value) revisions.set(sampleId, mine.value.revision);
      }
    } catch (error) {
      if (error instanceof Error && error.message.includes('could not sign in')) throw error;
      // No answer (the server is gone): this save may or may not have landed; the next one from here will tell.
      count('no answer');
      server = (server + 1) % servers.length;
      const touched = [...revisions.keys()];
      revisions.clear();
      await resync(labeler, touched, revisions, send);
    }
  }
}

/** After a save went unanswered, the labeler reads the annotations it made again, from the server it moved to. */
async function resync(
  labeler: LoadLabeler,
  sampleIds: readonly number[],
  revisions: Map<number, number>,
  send: <T>(name: string, arg: unknown) => Promise<CallResult<T>>,
): Promise<void> {
  for (const sampleId of sampleIds) {
    try {
      const mine = await send<Answer | null>('annotations.mine', { labelerId: labeler.id, sampleId });
      if (mine.ok && mine.value) revisions.set(sampleId, mine.value.revision);
    } catch {
      return; // that server is gone too: the next save finds out
    }
  }
}

/** Confirmed saves whose revision is missing from the database or holds another label. */
async function lostSaves(database: string, confirmed: readonly ConfirmedSave[]): Promise<number> {
  const client = new pg.Client({ connectionString: database });
  await client.connect();
  try {
    const { rows } = await client.query<{ labeler_id: string; sample_id: string; revision: string; payload_json: string }>(
      'SELECT a.labeler_id, a.sample_id, r.revision, r.payload_json FROM annotation_revision r JOIN annotation a ON a.id = r.annotation_id',
    );
    const stored = new Map(rows.map((row) => [`${row.labeler_id}:${row.sample_id}:${row.revision}`, row.payload_json]));
    return confirmed.filter((save) => {
      const payload = stored.get(`${save.labelerId}:${save.sampleId}:${save.revision}`);
      return payload === undefined || (JSON.parse(payload) as { boxes: Array<{ x2: number }> }).boxes[0]?.x2 !== save.width;
    }).length;
  } finally {
    await client.end();
  }
}
