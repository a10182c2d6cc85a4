import { EventEmitter } from 'node:events';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { WorkerRequests } from '../../../electron/workers/worker-requests';

interface ScriptedRequest {
  id: number;
  /** hold: keep until `answerHeld`; answerHeld: answer every held request, last first; refuse: answer a failure; crash: throw; exit: exit with `value` as code. */
  op: 'hold' | 'answerHeld' | 'refuse' | 'crash' | 'exit';
  value: string | number;
}

type ScriptedReply = { id: number; ok: true; value: string } | { id: number; ok: false; message: string };

/** A real worker thread that does what each request says, so tests choose when and in which order it answers. */
const scriptedWorkerSource = `
const { parentPort } = require('node:worker_threads');
const held = [];
parentPort.on('message', ({ id, op, value }) => {
  if (op === 'hold') held.push({ id, value });
  else if (op === 'answerHeld') for (const request of held.splice(0).reverse()) parentPort.postMessage({ id: request.id, ok: true, value: request.value });
  else if (op === 'refuse') parentPort.postMessage({ id, ok: false, message: value });
  else if (op === 'crash') throw new Error(value);
  else if (op === 'exit') process.exit(value);
});`;

function read(reply: ScriptedReply): string {
  if (reply.ok) return reply.value;
  throw new Error(reply.message);
}

describe('WorkerRequests with a real worker thread', () => {
  const workers: Worker[] = [];
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((worker) => worker.terminate()));
  });

  function scripted(): { requests: WorkerRequests<ScriptedRequest, ScriptedReply, string>; exited: Promise<unknown> } {
    const worker = new Worker(scriptedWorkerSource, { eval: true });
    workers.push(worker);
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    return { requests: new WorkerRequests(worker, { name: 'scripted worker', read }), exited };
  }

  it('gives each request the answer to its own id, whatever order the worker answers in', async () => {
    const { requests } = scripted();
    const first = requests.send((id) => ({ id, op: 'hold', value: 'first' }));
    const second = requests.send((id) => ({ id, op: 'hold', value: 'second' }));
    const refused = requests.send((id) => ({ id, op: 'refuse', value: 'no such page' }));
    expect(requests.waiting).toBe(3);
    await expect(refused).rejects.toThrow('no such page');
    void requests.send((id) => ({ id, op: 'answerHeld', value: '' })).catch(() => undefined);
    expect(await Promise.all([first, second])).toEqual(['first', 'second']);
    expect(requests.waiting).toBe(1); // `answerHeld` itself is never answered
  });

  it('tells when every request sent so far has its answer, refused ones included', async () => {
    const { requests } = scripted();
    await requests.drained(); // none sent
    const held = requests.send((id) => ({ id, op: 'hold', value: 'held' }));
    const refused = requests.send((id) => ({ id, op: 'refuse', value: 'no' })).catch((error: Error) => error.message);
    let drained = false;
    const draining = requests.drained().then(() => (drained = true));
    expect(await refused).toBe('no');
    expect(drained).toBe(false); // `held` still waits
    // `answerHeld` gets no answer of its own: the worker answers the one it held; close fails the rest.
    void requests.send((id) => ({ id, op: 'answerHeld', value: '' })).catch(() => undefined);
    expect(await held).toBe('held');
    expect(drained).toBe(false);
    await requests.close();
    await draining;
    expect(drained).toBe(true);
  });

  it('fails every waiting request, and every later one, when the worker throws', async () => {
    const { requests, exited } = scripted();
    const waiting = [requests.send((id) => ({ id, op: 'hold', value: 'a' })), requests.send((id) => ({ id, op: 'hold', value: 'b' }))];
    void requests.send((id) => ({ id, op: 'crash', value: 'out of memory' })).catch(() => undefined);
    for (const request of waiting) await expect(request).rejects.toThrow('scripted worker failed: out of memory');
    expect(requests.waiting).toBe(0);
    // The exit that follows the failure does not change what later requests are told.
    await exited;
    await expect(requests.send((id) => ({ id, op: 'hold', value: 'c' }))).rejects.toThrow('scripted worker failed: out of memory');
  });

  it('fails every waiting request with the exit code when the worker exits', async () => {
    const { requests } = scripted();
    const held = requests.send((id) => ({ id, op: 'hold', value: 'a' }));
    void requests.send((id) => ({ id, op: 'exit', value: 3 })).catch(() => undefined);
    await expect(held).rejects.toThrow('scripted worker stopped (exit code 3)');
  });

  it('fails what is waiting with the reason it is closed for', async () => {
    const { requests } = scripted();
    const held = requests.send((id) => ({ id, op: 'hold', value: 'a' }));
    const failed = expect(held).rejects.toThrow('the project was closed');
    await requests.close(new Error('the project was closed'));
    await failed;
    await expect(requests.send((id) => ({ id, op: 'hold', value: 'b' }))).rejects.toThrow('the project was closed');
  });
});

/** Stands in for a worker thread: the test emits its replies, failures and exit itself, in the order it chooses. */
class StandInWorker extends EventEmitter<{ message: [ScriptedReply]; error: [Error]; exit: [number] }> {
  readonly sent: ScriptedRequest[] = [];
  postMessage(request: ScriptedRequest): void {
    this.sent.push(request);
  }
  terminate(): Promise<number> {
    this.emit('exit', 1);
    return Promise.resolve(1);
  }
}

describe('WorkerRequests and replies that no request waits for', () => {
  it('reads a reply for an unknown id and delivers it to no request', async () => {
    const worker = new StandInWorker();
    const seen: string[] = [];
    const requests = new WorkerRequests<ScriptedRequest, ScriptedReply, string>(worker, {
      name: 'stand-in',
      read: (reply) => (seen.push(`read ${reply.id}`), read(reply)),
    });
    const page = requests.send((id) => ({ id, op: 'hold', value: 'page' }));
    const { id } = worker.sent[0]!;
    worker.emit('message', { id: id + 100, ok: true, value: 'stray' });
    worker.emit('message', { id, ok: true, value: 'page' });
    expect(await page).toBe('page');
    expect(seen).toEqual([`read ${id + 100}`, `read ${id}`]);
  });

  it('ignores an answer that comes after its request failed, and fails every later request with the first failure', async () => {
    const worker = new StandInWorker();
    const requests = new WorkerRequests<ScriptedRequest, ScriptedReply, string>(worker, { name: 'stand-in', read });
    const page = requests.send((id) => ({ id, op: 'hold', value: 'page' }));
    worker.emit('error', new Error('out of memory'));
    worker.emit('exit', 1);
    // The worker's answer, sent before it failed, arrives after: nobody waits for it any more.
    worker.emit('message', { id: worker.sent[0]!.id, ok: true, value: 'page' });
    await expect(page).rejects.toThrow('stand-in failed: out of memory');
    expect(requests.waiting).toBe(0);
    // A request after the failure is not sent to a worker that is gone.
    await expect(requests.send((id) => ({ id, op: 'hold', value: 'later' }))).rejects.toThrow('stand-in failed: out of memory');
    expect(worker.sent).toHaveLength(1);
  });
});
