import { describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/errors';
import { Autosaver, type AutosaveStatus } from '../../renderer/autosave/autosaver';
import { deferred, settle } from '../support/deferred';
import { manualClock } from '../support/manual-clock';

const DELAY = 300;
const MAX_WAIT = 1000;

/**
 * A back end whose saves wait until the test answers them; each answer is the next revision
 * after the one the save was based on.
 */
function slowBackEnd() {
  const saves: Array<{ content: string; baseRevision: number | null; answer: ReturnType<typeof deferred<{ revision: number }>>; answered: boolean }> = [];
  return {
    saves,
    save: (content: string, baseRevision: number | null) => {
      const answer = deferred<{ revision: number }>();
      saves.push({ content, baseRevision, answer, answered: false });
      return answer.promise;
    },
    /** Confirms the oldest save not answered yet. */
    async confirm() {
      const call = saves.find((s) => !s.answered)!;
      call.answered = true;
      call.answer.resolve({ revision: (call.baseRevision ?? 0) + 1 });
      await settle();
    },
  };
}

function autosaverOn(backEnd: ReturnType<typeof slowBackEnd>, revision: number | null = null) {
  const time = manualClock();
  const saver = new Autosaver({ content: '', revision, save: backEnd.save, delayMs: DELAY, maxWaitMs: MAX_WAIT, clock: time.clock });
  const statuses: AutosaveStatus[] = [];
  saver.subscribe((status) => statuses.push(status));
  return { saver, time, statuses };
}

describe('the autosaver', () => {
  it('saves a burst of changes once, a moment after the last one', () => {
    const backEnd = slowBackEnd();
    const { saver, time } = autosaverOn(backEnd);
    saver.change('a');
    time.advance(200);
    saver.change('ab');
    time.advance(200);
    saver.change('abc');
    time.advance(DELAY - 1);
    expect(backEnd.saves).toEqual([]);
    time.advance(1);
    expect(backEnd.saves.map((s) => s.content)).toEqual(['abc']);
  });

  it('saves steady typing by the maximum wait, not only when it pauses', () => {
    const backEnd = slowBackEnd();
    const { saver, time } = autosaverOn(backEnd);
    let text = '';
    for (let ms = 0; ms < MAX_WAIT; ms += 200) {
      text += 'x';
      saver.change(text);
      time.advance(200);
    }
    expect(backEnd.saves.map((s) => s.content)).toEqual(['xxxxx']);
  });

  it('keeps one save in flight and sends the changes made meanwhile together, from the revision it returned', async () => {
    const backEnd = slowBackEnd();
    const { saver, time } = autosaverOn(backEnd, 4);
    saver.change('a');
    time.advance(DELAY);
    saver.change('ab');
    time.advance(DELAY);
    saver.change('abc');
    time.advance(DELAY);
    expect(backEnd.saves.map((s) => s.content)).toEqual(['a']); // the first is still in flight

    await backEnd.confirm();
    expect(backEnd.saves.map(({ content, baseRevision }) => ({ content, baseRevision }))).toEqual([
      { content: 'a', baseRevision: 4 },
      { content: 'abc', baseRevision: 5 },
    ]);
  });

  it('never says saved before the back end confirmed the content on screen', async () => {
    const backEnd = slowBackEnd();
    const { saver, time } = autosaverOn(backEnd);
    expect(saver.status).toEqual({ phase: 'idle', revision: null });
    saver.change('a');
    expect(saver.status.phase).toBe('dirty');
    time.advance(DELAY);
    expect(saver.status.phase).toBe('saving');
    saver.change('ab'); // typed while 'a' is on its way

    await backEnd.confirm();
    expect(saver.status).toEqual({ phase: 'dirty', revision: 1 });
    time.advance(DELAY);
    await backEnd.confirm();
    expect(saver.status).toEqual({ phase: 'saved', revision: 2 });
  });

  it('stops on a conflict and never sends the content over the newer revision', async () => {
    const backEnd = slowBackEnd();
    const { saver, time } = autosaverOn(backEnd, 3);
    saver.change('mine');
    time.advance(DELAY);
    backEnd.saves[0]!.answer.reject(new ApiError('conflict', 'Saved elsewhere meanwhile (revision 4).'));
    await settle();
    expect(saver.status).toEqual({ phase: 'conflict', revision: 3, message: 'Saved elsewhere meanwhile (revision 4).' });

    saver.change('mine, more');
    time.advance(MAX_WAIT);
    await expect(saver.flush()).rejects.toThrow('Saved elsewhere meanwhile');
    expect(backEnd.saves).toHaveLength(1);
  });

  it('says why a save failed, and tries again with the next change', async () => {
    const backEnd = slowBackEnd();
    const { saver, time } = autosaverOn(backEnd);
    saver.change('a');
    time.advance(DELAY);
    backEnd.saves[0]!.answer.reject(new ApiError('disk_full', 'The disk is full.'));
    await settle();
    expect(saver.status).toEqual({ phase: 'error', revision: null, message: 'The disk is full.' });

    saver.change('ab');
    time.advance(DELAY);
    expect(backEnd.saves.map(({ content, baseRevision }) => ({ content, baseRevision }))).toEqual([
      { content: 'a', baseRevision: null },
      { content: 'ab', baseRevision: null },
    ]);
  });

  it('flushes on demand: waits for the save in flight, then sends the rest, and resolves once both are confirmed', async () => {
    const backEnd = slowBackEnd();
    const { saver, time } = autosaverOn(backEnd);
    saver.change('a');
    time.advance(DELAY);
    saver.change('ab');
    let flushed = false;
    const flushing = saver.flush().then(() => (flushed = true));
    await backEnd.confirm();
    expect(flushed).toBe(false);
    expect(backEnd.saves.map((s) => s.content)).toEqual(['a', 'ab']);
    await backEnd.confirm();
    await flushing;
    expect(saver.status).toEqual({ phase: 'saved', revision: 2 });
  });

  it('sends each content once when a flush and the timer meet', async () => {
    const backEnd = slowBackEnd();
    const { saver, time } = autosaverOn(backEnd);
    saver.change('a');
    time.advance(DELAY);
    const flushing = saver.flush();
    saver.change('ab'); // typed while the flush waits for 'a'
    await backEnd.confirm();
    await backEnd.confirm();
    await flushing;
    time.advance(MAX_WAIT);
    expect(backEnd.saves.map((s) => s.content)).toEqual(['a', 'ab']);
    expect(saver.status).toEqual({ phase: 'saved', revision: 2 });
  });

  it('saves nothing when the content is back to what the back end holds', () => {
    const backEnd = slowBackEnd();
    const { saver, time } = autosaverOn(backEnd, 2);
    saver.change('typo');
    saver.change(''); // undone
    time.advance(MAX_WAIT);
    expect(backEnd.saves).toEqual([]);
    expect(saver.status).toEqual({ phase: 'idle', revision: 2 });
  });

  it('after dispose, starts no save and ignores an answer still on its way', async () => {
    const backEnd = slowBackEnd();
    const { saver, time, statuses } = autosaverOn(backEnd);
    saver.change('a');
    time.advance(DELAY);
    saver.change('ab');
    saver.dispose();
    expect(time.pending()).toBe(0);
    const heard = statuses.length;
    await backEnd.confirm();
    time.advance(MAX_WAIT);
    expect(backEnd.saves).toHaveLength(1);
    expect(statuses).toHaveLength(heard);
  });

  it('while the back end cannot be reached, keeps counting the edits waiting, never says saving or saved, and sends them on its old revision once it answers', async () => {
    const backEnd = slowBackEnd();
    const { saver, time, statuses } = autosaverOn(backEnd, 4);
    saver.change('a');
    time.advance(DELAY);
    backEnd.saves[0]!.answered = true;
    backEnd.saves[0]!.answer.reject(new ApiError('unavailable', 'The Concord server is not reachable.'));
    await settle();
    expect(saver.status).toEqual({ phase: 'offline', revision: 4, waiting: 1, message: 'The Concord server is not reachable.' });
    const wentOffline = statuses.length;

    saver.change('ab');
    saver.change('abc');
    expect(saver.status).toMatchObject({ phase: 'offline', revision: 4, waiting: 3 });
    expect(saver.latestContent).toBe('abc');
    // Each try while still unreachable fails quietly: the status stays offline throughout.
    time.advance(DELAY);
    backEnd.saves[1]!.answered = true;
    backEnd.saves[1]!.answer.reject(new ApiError('unavailable', 'The Concord server is not reachable.'));
    await settle();
    const since = statuses.length;
    time.advance(2000);
    expect(statuses.slice(since).map((s) => s.phase)).toEqual([]);
    expect(backEnd.saves.map(({ content, baseRevision }) => ({ content, baseRevision }))).toEqual([
      { content: 'a', baseRevision: 4 },
      { content: 'abc', baseRevision: 4 },
      { content: 'abc', baseRevision: 4 },
    ]);
    expect(new Set(statuses.slice(wentOffline).map((s) => s.phase))).toEqual(new Set(['offline']));

    await backEnd.confirm();
    expect(saver.status).toEqual({ phase: 'saved', revision: 5 });
  });

  it('a conflict on the way back from offline stops autosave and says so, rather than overwriting', async () => {
    const backEnd = slowBackEnd();
    const { saver, time } = autosaverOn(backEnd, 4);
    saver.change('mine');
    time.advance(DELAY);
    backEnd.saves[0]!.answered = true;
    backEnd.saves[0]!.answer.reject(new ApiError('unavailable', 'The Concord server is not reachable.'));
    await settle();
    time.advance(2000);
    backEnd.saves[1]!.answered = true;
    backEnd.saves[1]!.answer.reject(new ApiError('conflict', 'Saved elsewhere meanwhile (revision 5).'));
    await settle();
    expect(saver.status).toMatchObject({ phase: 'conflict', revision: 4 });
    saver.change('mine, again');
    time.advance(10_000);
    expect(backEnd.saves).toHaveLength(2);
  });
});
