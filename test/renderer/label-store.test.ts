import { describe, expect, it } from 'vitest';
import type { AnnotationPayload, BboxPayload } from '../../shared/annotation/payload';
import { ApiError } from '../../shared/api/errors';
import type { QueueItem } from '../../shared/domain/annotation';
import { queueWindow, type QueueWindow } from '../../shared/domain/queue-window';
import type { LabelSource, OpenedSample, SavedLabel } from '../../renderer/label/label-source';
import { AUTOSAVE_DELAY_MS, AUTOSAVE_MAX_WAIT_MS, type TimeMeter } from '../../renderer/label/label-session';
import { createLabelStore } from '../../renderer/label/label-store';
import { deferred, settle } from '../support/deferred';
import { manualClock } from '../support/manual-clock';
import { imageSample } from '../support/image-sample';
import { memoryStorage } from './memory-storage';

const noTime: TimeMeter = { take: () => 0, giveBack: () => undefined, dispose: () => undefined };

const sample = (id: number) => imageSample(id);

function queueOf(ids: number[]): QueueItem[] {
  return ids.map((id) => ({ sampleId: id, displayName: `s${id}.png`, sha256: `hash${id}`, width: 100, height: 100, durationMs: null, status: 'todo' }));
}

interface Load {
  sampleId: number;
  answer: ReturnType<typeof deferred<OpenedSample>>;
}

interface Save {
  sampleId: number;
  payload: AnnotationPayload;
  baseRevision: number | null;
  status: string;
  answer: ReturnType<typeof deferred<SavedLabel>>;
}

/**
 * A labeler's back end whose loads wait until the test answers them, one by one, in any
 * order. Saves answer at once with the next revision, or, with `holdSaves`, wait like loads.
 */
function delayedSource(ids: number[], { holdSaves = false, windowBefore = 30, windowAfter = 70 } = {}) {
  const loads: Load[] = [];
  const saves: Save[] = [];
  const revisions = new Map<number, number>();
  /** What the back end's queue says of each sample saved. */
  const statuses = new Map<number, QueueItem['status']>();
  const nextRevision = (sampleId: number) => {
    const revision = (revisions.get(sampleId) ?? 0) + 1;
    revisions.set(sampleId, revision);
    return revision;
  };
  const source: LabelSource = {
    queue: async (around) =>
      queueWindow(
        queueOf(ids).map((item) => ({ ...item, status: statuses.get(item.sampleId) ?? item.status })),
        around,
        windowBefore,
        windowAfter,
      ),
    load: (sampleId) => {
      const answer = deferred<OpenedSample>();
      loads.push({ sampleId, answer });
      return answer.promise;
    },
    save: (sampleId, payload, status, baseRevision) => {
      statuses.set(sampleId, status);
      const answer = deferred<SavedLabel>();
      saves.push({ sampleId, payload, baseRevision, status, answer });
      if (!holdSaves) answer.resolve({ payload, revision: nextRevision(sampleId), status });
      return answer.promise;
    },
  };
  /** Answers the oldest unanswered load (or the one for `sampleId`) with the sample and no saved label. */
  const answer = async (sampleId?: number) => {
    const index = sampleId === undefined ? 0 : loads.findIndex((l) => l.sampleId === sampleId);
    const [call] = loads.splice(index, 1);
    call!.answer.resolve({ sample: sample(call!.sampleId), saved: null });
    await settle();
  };
  /** Confirms a held save (the oldest by default). */
  const confirm = async (save: Save = saves[0]!) => {
    save.answer.resolve({ payload: save.payload, revision: nextRevision(save.sampleId), status: save.status as SavedLabel['status'] });
    await settle();
  };
  return { source, loads, saves, answer, confirm };
}

const addBox = (payload: AnnotationPayload): AnnotationPayload => {
  const p = payload as BboxPayload;
  return { ...p, boxes: [...p.boxes, { id: `b${p.boxes.length}`, classId: 1, x: 1, y: 1, w: 10, h: 10 }] } as BboxPayload;
};
const boxesIn = (payload: AnnotationPayload) => (payload as BboxPayload).boxes.length;

type Store = ReturnType<typeof createLabelStore>;

/** Starts a session on `source` and answers the load of its first sample. */
async function startOn(store: Store, source: LabelSource, answer: () => Promise<void>): Promise<void> {
  const starting = store.getState().start(source, 'bbox');
  await settle();
  await answer();
  await starting;
}

/** A store whose session on a slow back end with these samples has its first sample shown. */
async function startedStore(ids: number[], options: { holdSaves?: boolean; windowBefore?: number; windowAfter?: number } = {}) {
  const time = manualClock();
  const store = createLabelStore(() => noTime, time.clock);
  const backEnd = delayedSource(ids, options);
  await startOn(store, backEnd.source, () => backEnd.answer());
  return { store, backEnd, time };
}

describe('the label store with a slow back end', () => {
  it('keeps the position and the sample together while the next sample loads', async () => {
    const { store, backEnd } = await startedStore([1, 2, 3]);
    expect(store.getState()).toMatchObject({ index: 0, current: { sample: { id: 1 } } });

    const moving = store.getState().next();
    await settle();
    // The answer for sample 2 is in flight: what is shown is still sample 1 at position 1.
    expect(backEnd.loads.map((l) => l.sampleId)).toEqual([2]);
    expect(store.getState().index).toBe(0);
    expect(store.getState().current?.sample.id).toBe(1);

    await backEnd.answer();
    await moving;
    expect(store.getState().index).toBe(1);
    expect(store.getState().current?.sample.id).toBe(2);
  });

  it('changes the position with a sample that failed to load, says why, and drops what was typed for it', async () => {
    const { store, backEnd, time } = await startedStore([1, 2]);

    const moving = store.getState().next();
    await settle();
    store.getState().edit(addBox); // typed ahead, for a sample that will not open
    backEnd.loads.shift()!.answer.reject(new Error('the media is gone'));
    await moving;
    time.advance(AUTOSAVE_MAX_WAIT_MS);
    await store.getState().flush();
    expect(store.getState()).toMatchObject({ index: 1, current: null, loadError: 'the media is gone' });
    expect(backEnd.saves).toEqual([]);
  });

  it('saves an edit typed during a load on the sample it was meant for, from that sample’s own revision', async () => {
    const { store, backEnd } = await startedStore([1, 2]);

    store.getState().edit(addBox); // on sample 1
    const submitting = store.getState().submit(); // saves sample 1, then loads sample 2
    await settle();
    store.getState().edit(addBox); // typed ahead, for sample 2
    await backEnd.answer();
    await submitting;
    await store.getState().flush();

    expect(backEnd.saves.map(({ sampleId, baseRevision, status }) => ({ sampleId, baseRevision, status }))).toEqual([
      { sampleId: 1, baseRevision: null, status: 'submitted' },
      { sampleId: 2, baseRevision: null, status: 'draft' },
    ]);
    expect(boxesIn(backEnd.saves[1]!.payload)).toBe(1);
    expect(store.getState().save).toEqual({ phase: 'saved', revision: 1 });
  });

  it('submits the sample being loaded, not the one on screen, when Enter is pressed during the load', async () => {
    const { store, backEnd } = await startedStore([1, 2, 3]);
    const moving = store.getState().next();
    const submitting = store.getState().submit(); // pressed while sample 2 loads
    await settle();
    await backEnd.answer(2);
    await moving;
    await settle();
    await backEnd.answer(3);
    await submitting;
    expect(backEnd.saves.map(({ sampleId, status }) => ({ sampleId, status }))).toEqual([{ sampleId: 2, status: 'submitted' }]);
    expect(store.getState()).toMatchObject({ index: 2, current: { sample: { id: 3 } } });
  });

  it('saves edits after a failed submission as a draft again, not as the submission', async () => {
    const { store, backEnd, time } = await startedStore([1, 2], { holdSaves: true });
    const submitting = store.getState().submit();
    await settle();
    backEnd.saves[0]!.answer.reject(new Error('The disk is full.'));
    await expect(submitting).rejects.toThrow('The disk is full.');
    expect(store.getState()).toMatchObject({ index: 0, current: { sample: { id: 1 } }, save: { phase: 'error', message: 'The disk is full.' } });

    store.getState().edit(addBox);
    time.advance(AUTOSAVE_DELAY_MS);
    expect(backEnd.saves.map((s) => s.status)).toEqual(['submitted', 'draft']);
  });

  it('drops a load answered after a newer move', async () => {
    const { store, backEnd } = await startedStore([1, 2, 3]);

    // Two clicks in the queue: sample 2, then sample 3. The moves run in turn, so the second
    // starts only after the first is shown; a stale answer cannot replace the newer sample.
    const toTwo = store.getState().open(1);
    const toThree = store.getState().open(2);
    await settle();
    await backEnd.answer(2);
    await toTwo;
    await settle();
    await backEnd.answer(3);
    await toThree;
    expect(store.getState()).toMatchObject({ index: 2, current: { sample: { id: 3 } } });
  });
});

describe('the label store showing the queue first', () => {
  it("holds the first sample's load until the queue is on screen, and starts none once closed", async () => {
    const shown = deferred<void>();
    const store = createLabelStore(
      () => noTime,
      manualClock().clock,
      null,
      () => shown.promise,
    );
    const backEnd = delayedSource([1, 2, 3]);
    const starting = store.getState().start(backEnd.source, 'bbox');
    await settle();
    // The queue is there to paint; nothing of its first sample was asked yet.
    expect(store.getState().queue.items.map((item) => item.sampleId)).toEqual([1, 2, 3]);
    expect(backEnd.loads).toEqual([]);
    shown.resolve();
    await settle();
    expect(backEnd.loads.map((load) => load.sampleId)).toEqual([1]);
    await backEnd.answer();
    await starting;
    expect(store.getState().current?.sample.id).toBe(1);

    // A session closed before its queue was shown asks for nothing after.
    const later = deferred<void>();
    const closing = createLabelStore(
      () => noTime,
      manualClock().clock,
      null,
      () => later.promise,
    );
    const other = delayedSource([4, 5]);
    const started = closing.getState().start(other.source, 'bbox');
    await settle();
    await closing.getState().stop();
    later.resolve();
    await started;
    expect(other.loads).toEqual([]);
  });
});

describe('autosave in the label store', () => {
  it('saves a burst of edits once, a moment after the last one', async () => {
    const { store, backEnd, time } = await startedStore([1]);
    store.getState().edit(addBox);
    time.advance(AUTOSAVE_DELAY_MS / 2);
    store.getState().edit(addBox);
    time.advance(AUTOSAVE_DELAY_MS - 1);
    expect(backEnd.saves).toEqual([]);
    expect(store.getState().save.phase).toBe('dirty');

    time.advance(1);
    await settle();
    expect(backEnd.saves.map((s) => boxesIn(s.payload))).toEqual([2]);
    expect(store.getState().save).toEqual({ phase: 'saved', revision: 1 });
  });

  it('saves steady editing by the maximum wait', async () => {
    const { store, backEnd, time } = await startedStore([1]);
    const step = AUTOSAVE_DELAY_MS / 2;
    for (let ms = 0; ms < AUTOSAVE_MAX_WAIT_MS; ms += step) {
      store.getState().edit(addBox);
      time.advance(step);
    }
    expect(backEnd.saves).toHaveLength(1);
  });

  it('keeps one save in flight and sends the edits made meanwhile in the next one', async () => {
    const { store, backEnd, time } = await startedStore([1], { holdSaves: true });
    store.getState().edit(addBox);
    time.advance(AUTOSAVE_DELAY_MS);
    store.getState().edit(addBox);
    time.advance(AUTOSAVE_DELAY_MS);
    store.getState().edit(addBox);
    time.advance(AUTOSAVE_MAX_WAIT_MS);
    expect(backEnd.saves).toHaveLength(1);
    expect(store.getState().save.phase).toBe('saving');

    await backEnd.confirm();
    // The first save is confirmed, but not what is on screen: not "saved" yet.
    expect(store.getState().save).toEqual({ phase: 'saving', revision: 1 });
    expect(backEnd.saves.map((s) => ({ boxes: boxesIn(s.payload), baseRevision: s.baseRevision }))).toEqual([
      { boxes: 1, baseRevision: null },
      { boxes: 3, baseRevision: 1 },
    ]);
    await backEnd.confirm(backEnd.saves[1]);
    expect(store.getState().save).toEqual({ phase: 'saved', revision: 2 });
  });

  it('stops on a conflict, keeps the sample on screen, and reloads it when asked', async () => {
    const { store, backEnd, time } = await startedStore([1, 2], { holdSaves: true });
    store.getState().edit(addBox);
    time.advance(AUTOSAVE_DELAY_MS);
    backEnd.saves[0]!.answer.reject(new ApiError('conflict', 'This annotation was saved elsewhere in the meantime.'));
    await settle();
    expect(store.getState().save).toMatchObject({ phase: 'conflict', message: 'This annotation was saved elsewhere in the meantime.' });

    store.getState().edit(addBox);
    time.advance(AUTOSAVE_MAX_WAIT_MS);
    await expect(store.getState().next()).rejects.toThrow('saved elsewhere');
    expect(backEnd.saves).toHaveLength(1); // nothing sent over the newer revision
    expect(store.getState()).toMatchObject({ index: 0, current: { sample: { id: 1 } } });

    const reloading = store.getState().reload();
    await settle();
    await backEnd.answer(1);
    await reloading;
    expect(store.getState()).toMatchObject({ index: 0, save: { phase: 'idle' } });
    expect(boxesIn(store.getState().current!.history.present)).toBe(0);
  });
});

describe('label sessions', () => {
  it('sends the earlier labeler’s unsaved edit at once when the next one starts, and leaves no timer behind', async () => {
    const { store, backEnd: ana, time } = await startedStore([1]);
    store.getState().edit(addBox); // autosave is waiting for its moment...

    const ben = delayedSource([1]);
    await startOn(store, ben.source, () => ben.answer(1)); // ...when Ben takes over.
    expect(ana.saves.map((s) => boxesIn(s.payload))).toEqual([1]);
    expect(time.pending()).toBe(0);
    expect(store.getState()).toMatchObject({ source: ben.source, save: { phase: 'idle', revision: null } });
    expect(boxesIn(store.getState().current!.history.present)).toBe(0);
  });

  it('drops what an earlier labeler’s session loads after the next labeler started', async () => {
    const { store, backEnd: ana } = await startedStore([1, 2, 3]);
    const anaMoving = store.getState().next();
    await settle();
    expect(ana.loads.map((l) => l.sampleId)).toEqual([2]); // Ana's load of sample 2 is in flight...

    const ben = delayedSource([1, 2]);
    await startOn(store, ben.source, () => ben.answer(1)); // ...when Ben takes over.
    expect(store.getState()).toMatchObject({ source: ben.source, index: 0, current: { sample: { id: 1 } } });

    await ana.answer(2); // Ana's answer arrives late: it must not land in Ben's session.
    await anaMoving;
    expect(store.getState()).toMatchObject({ source: ben.source, index: 0, current: { sample: { id: 1 } } });
  });

  it('keeps a later session when an earlier one’s queue arrives last', async () => {
    const store = createLabelStore(() => noTime, manualClock().clock);
    const slowQueue = deferred<QueueWindow>();
    const ana = delayedSource([1, 2, 3]);
    const startingAna = store.getState().start({ ...ana.source, queue: () => slowQueue.promise }, 'bbox');
    const ben = delayedSource([7]);
    const startingBen = store.getState().start(ben.source, 'bbox');
    await settle();
    await ben.answer(7);
    slowQueue.resolve(queueWindow(queueOf([1, 2, 3]), null));
    await Promise.all([startingAna, startingBen]);
    await settle();
    expect(ana.loads).toEqual([]);
    expect(store.getState()).toMatchObject({ source: ben.source, queue: { items: [{ sampleId: 7 }], total: 1 }, current: { sample: { id: 7 } } });
  });

  it('does not take a save answered for an earlier session as the new session’s revision', async () => {
    const { store, backEnd: ana } = await startedStore([1], { holdSaves: true });
    store.getState().edit(addBox);
    const anaSaving = store.getState().flush();

    const ben = delayedSource([1]);
    const startingBen = store.getState().start(ben.source, 'bbox');
    await settle();
    await ben.answer(1);
    expect(store.getState()).toMatchObject({ source: ben.source, current: { sample: { id: 1 } } });
    await ana.confirm(); // Ana's save answers after Ben's sample is shown
    await Promise.all([anaSaving, startingBen]);
    expect(store.getState()).toMatchObject({ source: ben.source, save: { phase: 'idle', revision: null } });
  });

  it('closes on stop: answers still on their way change nothing', async () => {
    const { store, backEnd } = await startedStore([1, 2]);
    const moving = store.getState().next();
    await settle();
    await store.getState().stop();
    await backEnd.answer(2);
    await moving;
    expect(store.getState()).toMatchObject({ source: null, queue: { items: [], total: 0 }, current: null });
  });
});

describe('the label store on a long queue', () => {
  it('holds only a window of the queue, and reads the next one as the labeler moves past its edge', async () => {
    const ids = Array.from({ length: 40 }, (_, i) => i + 1);
    const { store, backEnd } = await startedStore(ids, { windowBefore: 2, windowAfter: 8 });
    expect(store.getState()).toMatchObject({ index: 0, queue: { start: 0, total: 40 }, current: { sample: { id: 1 } } });
    expect(store.getState().queue.items.map((item) => item.sampleId)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);

    // Next, key by key, to sample 20: every sample comes in order, and the window follows.
    for (let id = 2; id <= 20; id++) {
      const moving = store.getState().next();
      await settle();
      await backEnd.answer(id);
      await moving;
      expect(store.getState()).toMatchObject({ index: id - 1, current: { sample: { id } } });
      expect(store.getState().queue.items.length).toBeLessThanOrEqual(11);
    }
    const { queue } = store.getState();
    expect(queue.total).toBe(40);
    expect(queue.items.some((item) => item.sampleId === 20)).toBe(true);
    expect(queue.items.some((item) => item.sampleId === 1)).toBe(false);

    // Submitting counts in the whole queue's figures, not only the window's.
    store.getState().edit(addBox);
    const submitting = store.getState().submit();
    await settle();
    await backEnd.answer(21);
    await submitting;
    expect(store.getState().queue.counts).toEqual({ todo: 39, draft: 0, submitted: 1 });
    expect(store.getState()).toMatchObject({ index: 20, current: { sample: { id: 21 } } });

    // And back, past the window's start.
    for (let id = 20; id >= 9; id--) {
      const moving = store.getState().previous();
      await settle();
      await backEnd.answer(id);
      await moving;
      expect(store.getState()).toMatchObject({ index: id - 1, current: { sample: { id } } });
    }
    expect(store.getState().queue.start).toBeLessThan(8);
  });
});

describe('the label store on a project open read-only', () => {
  it('shows the work but makes no edit and sends no save, while moving through the queue still works', async () => {
    const store = createLabelStore(() => noTime);
    const backEnd = delayedSource([1, 2]);
    await startOn(store, { ...backEnd.source, readOnly: true }, () => backEnd.answer());
    const shown = store.getState().current!.history.present;

    store.getState().edit(addBox);
    expect(store.getState().current!.history.present).toBe(shown);
    await store.getState().submit();
    await store.getState().flush();
    expect(backEnd.saves).toEqual([]);
    expect(store.getState()).toMatchObject({ index: 0, save: { phase: 'idle' } });

    const moving = store.getState().next();
    await settle();
    await backEnd.answer();
    await moving;
    expect(store.getState().current?.sample.id).toBe(2);
  });
});

/** A box as the editor draws it: kept edits are checked against the payload schema before they are shown again. */
const drawBox = (payload: AnnotationPayload): AnnotationPayload => {
  const p = payload as BboxPayload;
  return { ...p, boxes: [...p.boxes, { id: `b${p.boxes.length}`, classId: 1, x1: 1, y1: 1, x2: 11, y2: 11 }] };
};

describe('the label store while the back end cannot be reached', () => {
  it('keeps the edits in the window, brings them back after a reload, and sends them on the revision they were made on', async () => {
    const storage = memoryStorage();
    const before = manualClock();
    const offline = delayedSource([1], { holdSaves: true });
    const window1 = createLabelStore(() => noTime, before.clock, storage);
    await startOn(window1, { ...offline.source, unsentScope: 'labeler-7' }, () => offline.answer());
    window1.getState().edit(drawBox);
    before.advance(AUTOSAVE_DELAY_MS);
    offline.saves[0]!.answer.reject(new ApiError('unavailable', 'The Concord server is not reachable.'));
    await settle();
    expect(window1.getState().save).toMatchObject({ phase: 'offline', waiting: 1, revision: null });
    expect(JSON.parse(storage.getItem('concord.unsent.labeler-7.1.none')!)).toMatchObject({ status: 'draft', payload: { boxes: [{ classId: 1 }] } });

    // The window reloads: a new store on the same storage, the back end answering again.
    const after = manualClock();
    const online = delayedSource([1]);
    const window2 = createLabelStore(() => noTime, after.clock, storage);
    await startOn(window2, { ...online.source, unsentScope: 'labeler-7' }, () => online.answer());
    expect(boxesIn(window2.getState().current!.history.present)).toBe(1);
    after.advance(AUTOSAVE_DELAY_MS);
    await settle();
    expect(online.saves.map((save) => ({ baseRevision: save.baseRevision, boxes: boxesIn(save.payload) }))).toEqual([{ baseRevision: null, boxes: 1 }]);
    expect(window2.getState().save).toEqual({ phase: 'saved', revision: 1 });
    expect(storage.length).toBe(0);
  });

  it('takes a kept edit the back end already holds (its save landed, the answer was lost) as saved, and any other as a conflict', async () => {
    const storage = memoryStorage();
    const before = manualClock();
    const offline = delayedSource([1], { holdSaves: true });
    const window1 = createLabelStore(() => noTime, before.clock, storage);
    await startOn(window1, { ...offline.source, unsentScope: 'labeler-7' }, () => offline.answer());
    window1.getState().edit(drawBox);
    before.advance(AUTOSAVE_DELAY_MS);
    offline.saves[0]!.answer.reject(new ApiError('unavailable', 'The Concord server is not reachable.'));
    await settle();
    const kept = (JSON.parse(storage.getItem('concord.unsent.labeler-7.1.none')!) as { payload: AnnotationPayload }).payload;

    /** A back end that holds `held` at revision 1, so the kept edit (made on no revision) conflicts. */
    const reopen = async (held: AnnotationPayload) => {
      const clock = manualClock();
      const online = delayedSource([1]);
      const window = createLabelStore(() => noTime, clock.clock, storage);
      const source: LabelSource = {
        ...online.source,
        unsentScope: 'labeler-7',
        save: () => Promise.reject(new ApiError('conflict', 'This annotation was saved elsewhere in the meantime.')),
        current: async () => ({ payload: held, revision: 1, status: 'draft' }),
      };
      await startOn(window, source, () => online.answer());
      clock.advance(AUTOSAVE_DELAY_MS);
      await settle();
      return window.getState().save;
    };
    // Someone else's label at revision 1: a conflict, and the kept edit stays.
    expect((await reopen({ ...kept, boxes: [] } as AnnotationPayload)).phase).toBe('conflict');
    expect(storage.length).toBe(1);
    // The same label, its keys in another order (as read back from the database): confirmed.
    const sameReordered = Object.fromEntries(Object.entries(kept).reverse()) as AnnotationPayload;
    expect(await reopen(sameReordered)).toEqual({ phase: 'saved', revision: 1 });
    expect(storage.length).toBe(0);
  });
});

describe('a model’s pre-label in the label store', () => {
  const modelLabel: BboxPayload = {
    v: 1,
    kind: 'bbox',
    boxes: [{ id: 'model-1', classId: 1, x1: 5, y1: 5, x2: 50, y2: 40 }],
    noObjects: false,
    flags: { unsure: false, comment: '', mediaBroken: false },
    tags: [],
  };

  async function prelabeledStore() {
    const time = manualClock();
    const store = createLabelStore(() => noTime, time.clock);
    const backEnd = delayedSource([1, 2]);
    const starting = store.getState().start(backEnd.source, 'bbox');
    await settle();
    backEnd.loads.shift()!.answer.resolve({ sample: sample(1), saved: null, prelabel: { source: 'yolo', payload: modelLabel } });
    await settle();
    await starting;
    return { store, backEnd, time };
  }

  it('starts from the model’s label, says whose it is, and saves nothing until the labeler acts', async () => {
    const { store, backEnd, time } = await prelabeledStore();
    expect(store.getState().current).toMatchObject({ prelabelSource: 'yolo', status: 'todo' });
    expect(store.getState().current!.history.present).toEqual(modelLabel);
    time.advance(AUTOSAVE_MAX_WAIT_MS * 2);
    await settle();
    expect(backEnd.saves).toEqual([]);
  });

  it('submits the model’s label as it is when the labeler accepts it, as a first save', async () => {
    const { store, backEnd } = await prelabeledStore();
    const submitting = store.getState().submit();
    await settle();
    await backEnd.answer();
    await submitting;
    expect(backEnd.saves.map((s) => ({ sampleId: s.sampleId, status: s.status, baseRevision: s.baseRevision, payload: s.payload }))).toEqual([
      { sampleId: 1, status: 'submitted', baseRevision: null, payload: modelLabel },
    ]);
  });

  it('saves the labeler’s edit of the model’s label, and shows no pre-label on a sample without one', async () => {
    const { store, backEnd, time } = await prelabeledStore();
    store.getState().edit(addBox);
    time.advance(AUTOSAVE_DELAY_MS);
    await settle();
    expect(backEnd.saves.map((s) => boxesIn(s.payload))).toEqual([2]);
    const moving = store.getState().next();
    await settle();
    await backEnd.answer();
    await moving;
    expect(store.getState().current).toMatchObject({ sample: { id: 2 }, prelabelSource: null });
  });
});
