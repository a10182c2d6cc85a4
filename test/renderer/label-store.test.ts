import { describe, expect, it } from 'vitest';
import type { AnnotationPayload, BboxPayload } from '../../shared/annotation/payload';
import { emptyPayload } from '../../shared/annotation/empty-payload';
import type { QueueItem } from '../../shared/domain/annotation';
import type { Sample } from '../../shared/domain/sample';
import type { LabelSource, OpenedSample, SavedLabel } from '../../renderer/label/label-source';
import { createLabelStore, type TimeMeter } from '../../renderer/label/label-store';

/** A promise the test settles when it chooses: the back end's answer, held in flight. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const noTime: TimeMeter = { take: () => 0, giveBack: () => undefined, dispose: () => undefined };

function sample(id: number): Sample {
  return {
    id,
    displayName: `s${id}.png`,
    mediaKind: 'image',
    sha256: `hash${id}`,
    byteSize: 1,
    image: { width: 100, height: 100 },
    audio: null,
    metadata: {},
    tags: [],
    status: 'unlabeled',
    annotationCount: 0,
    mediaAvailable: true,
    importedAt: '2026-12-03T00:00:00.000Z',
  };
}

function queueOf(ids: number[]): QueueItem[] {
  return ids.map((id) => ({ sampleId: id, displayName: `s${id}.png`, sha256: `hash${id}`, width: 100, height: 100, durationMs: null, status: 'todo' }));
}

interface Call {
  sampleId: number;
  answer: ReturnType<typeof deferred<OpenedSample>>;
}

/**
 * A labeler's back end whose loads wait until the test answers them, one by one, in any
 * order; saves answer at once with the next revision.
 */
function delayedSource(ids: number[]) {
  const loads: Call[] = [];
  const saves: Array<{ sampleId: number; payload: AnnotationPayload; baseRevision: number | null; status: string }> = [];
  const revisions = new Map<number, number>();
  const source: LabelSource = {
    queue: async () => queueOf(ids),
    load: (sampleId) => {
      const answer = deferred<OpenedSample>();
      loads.push({ sampleId, answer });
      return answer.promise;
    },
    save: async (sampleId, payload, status, baseRevision): Promise<SavedLabel> => {
      saves.push({ sampleId, payload, baseRevision, status });
      const revision = (revisions.get(sampleId) ?? 0) + 1;
      revisions.set(sampleId, revision);
      return { payload, revision, status };
    },
  };
  /** Answers the oldest unanswered load (or the one for `sampleId`) with the sample and no saved label. */
  const answer = async (sampleId?: number) => {
    const index = sampleId === undefined ? 0 : loads.findIndex((l) => l.sampleId === sampleId);
    const [call] = loads.splice(index, 1);
    call!.answer.resolve({ sample: sample(call!.sampleId), saved: null });
    await settle();
  };
  return { source, loads, saves, answer };
}

/** Lets every answer already given run its continuations. */
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

const addBox = (payload: AnnotationPayload): AnnotationPayload => {
  const p = payload as BboxPayload;
  return { ...p, boxes: [...p.boxes, { id: `b${p.boxes.length}`, classId: 1, x: 1, y: 1, w: 10, h: 10 }] } as BboxPayload;
};

/** Starts a session on `source` and answers the load of its first sample. */
async function startOn(store: ReturnType<typeof createLabelStore>, source: LabelSource, answer: () => Promise<void>): Promise<void> {
  const starting = store.getState().start(source, 'bbox');
  await settle();
  await answer();
  await starting;
}

/** A store whose session on a slow back end with these samples has its first sample shown. */
async function startedStore(ids: number[]) {
  const store = createLabelStore(() => noTime);
  const backEnd = delayedSource(ids);
  await startOn(store, backEnd.source, () => backEnd.answer());
  return { store, backEnd };
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

  it('changes the position with a sample that failed to load, and says why', async () => {
    const { store, backEnd } = await startedStore([1, 2]);

    const moving = store.getState().next();
    await settle();
    backEnd.loads.shift()!.answer.reject(new Error('the media is gone'));
    await moving;
    expect(store.getState()).toMatchObject({ index: 1, current: null, loadError: 'the media is gone' });
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
    expect((backEnd.saves[1]!.payload as BboxPayload).boxes).toHaveLength(1);
    expect(store.getState().save).toEqual({ phase: 'saved', revision: 1 });
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

  it('drops what an earlier labeler’s session loads or saves after the next labeler started', async () => {
    const { store, backEnd: ana } = await startedStore([1, 2, 3]);
    const anaMoving = store.getState().next(); // Ana's load of sample 2 is in flight...

    const ben = delayedSource([1, 2]);
    await startOn(store, ben.source, () => ben.answer(1)); // ...when Ben takes over.
    expect(store.getState()).toMatchObject({ source: ben.source, index: 0, current: { sample: { id: 1 } } });

    await ana.answer(2); // Ana's answer arrives late: it must not land in Ben's session.
    await anaMoving;
    expect(store.getState()).toMatchObject({ source: ben.source, index: 0, current: { sample: { id: 1 } } });
    expect(store.getState().current?.savedRevision).toBeNull();
  });

  it('keeps a later session when an earlier one’s queue arrives last', async () => {
    const store = createLabelStore(() => noTime);
    const slowQueue = deferred<QueueItem[]>();
    const ana = delayedSource([1, 2, 3]);
    const startingAna = store.getState().start({ ...ana.source, queue: () => slowQueue.promise }, 'bbox');
    const ben = delayedSource([7]);
    const startingBen = store.getState().start(ben.source, 'bbox');
    await settle();
    await ben.answer(7);
    await startingBen;
    slowQueue.resolve(queueOf([1, 2, 3]));
    await startingAna;
    await settle();
    expect(ana.loads).toEqual([]);
    expect(store.getState()).toMatchObject({ source: ben.source, queue: [{ sampleId: 7 }], current: { sample: { id: 7 } } });
  });

  it('does not take a save answered for an earlier session as the new session’s revision', async () => {
    const store = createLabelStore(() => noTime);
    const slowSave = deferred<SavedLabel>();
    const ana = delayedSource([1]);
    const anaSource: LabelSource = { ...ana.source, save: () => slowSave.promise };
    await startOn(store, anaSource, () => ana.answer());
    store.getState().edit(addBox);
    const anaSaving = store.getState().flush();

    const ben = delayedSource([1]);
    await startOn(store, ben.source, () => ben.answer(1));
    slowSave.resolve({ payload: emptyPayload('bbox'), revision: 5, status: 'draft' });
    await anaSaving;
    expect(store.getState()).toMatchObject({ source: ben.source, current: { savedRevision: null }, save: { revision: null } });
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
    expect(store.getState()).toMatchObject({ index: 0, save: { phase: 'saved' } });

    const moving = store.getState().next();
    await settle();
    await backEnd.answer();
    await moving;
    expect(store.getState().current?.sample.id).toBe(2);
  });
});
