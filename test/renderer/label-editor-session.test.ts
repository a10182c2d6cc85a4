import { describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/errors';
import { emptyPayload } from '../../shared/annotation/empty-payload';
import type { AnnotationPayload, BboxPayload } from '../../shared/annotation/payload';
import { payloadGuard } from '../../renderer/editors/editor-session';
import { labelSession, type LabelNotices } from '../../renderer/label/label-editor-session';
import { queueWindow } from '../../shared/domain/queue-window';
import type { LabelSource } from '../../renderer/label/label-source';
import type { TimeMeter } from '../../renderer/label/label-session';
import { createLabelStore } from '../../renderer/label/label-store';
import { imageSample } from '../support/image-sample';

const noTime: TimeMeter = { take: () => 0, giveBack: () => undefined, dispose: () => undefined };
const quiet: LabelNotices = { failed: () => undefined, inform: () => undefined };

const sample = (id: number) => imageSample(id);

const withBox = (payload: BboxPayload, id: string): BboxPayload => ({
  ...payload,
  boxes: [...payload.boxes, { id, classId: 1, x1: 1, y1: 1, x2: 11, y2: 11 }],
});

/** A back end that answers at once, with the saved labels given (none for the others), and records saves. */
function backEnd(ids: number[], saved: Record<number, AnnotationPayload> = {}) {
  const saves: Array<{ sampleId: number; payload: AnnotationPayload }> = [];
  const source: LabelSource = {
    queue: async (around) =>
      queueWindow(
        ids.map((id) => ({ sampleId: id, displayName: `s${id}.png`, sha256: `hash${id}`, width: 100, height: 100, durationMs: null, status: 'todo' }) as const),
        around,
      ),
    load: async (sampleId) => ({ sample: sample(sampleId), saved: saved[sampleId] ? { payload: saved[sampleId], revision: 1, status: 'draft' } : null }),
    save: async (sampleId, payload, status) => {
      saves.push({ sampleId, payload });
      return { payload, revision: saves.length + 1, status };
    },
  };
  return { source, saves };
}

async function started(ids: number[], saved?: Record<number, AnnotationPayload>) {
  const store = createLabelStore(() => noTime);
  const back = backEnd(ids, saved);
  await store.getState().start(back.source, 'bbox');
  const session = labelSession(store, payloadGuard('bbox'), quiet);
  return { store, session, saves: back.saves };
}

describe('the label store as an editor session', () => {
  it('shows the open sample, its typed label, its place in the queue and its save state', async () => {
    const { session } = await started([1, 2, 3]);
    const view = session.view.getState();
    expect(view).toMatchObject({ sample: { id: 1 }, position: 1, count: 3, canUndo: false, canRedo: false, save: { phase: 'idle', revision: null } });
    expect(view.payload?.boxes).toEqual([]);
    expect(view.upcoming).toEqual([
      { id: 2, sha256: 'hash2' },
      { id: 3, sha256: 'hash3' },
    ]);
  });

  it('applies edits as undo steps of the store, which saves them', async () => {
    const { session, saves } = await started([1, 2]);
    session.edit((p) => withBox(p, 'a'));
    expect(session.view.getState()).toMatchObject({ canUndo: true, payload: { boxes: [{ id: 'a' }] }, save: { phase: 'dirty' } });

    session.undo();
    expect(session.view.getState()).toMatchObject({ canUndo: false, canRedo: true, payload: { boxes: [] } });
    session.redo();
    await session.flush();
    expect(saves).toEqual([{ sampleId: 1, payload: expect.objectContaining({ boxes: [expect.objectContaining({ id: 'a' })] }) }]);
    expect(session.view.getState()).toMatchObject({ save: { phase: 'saved', revision: 2 } });
  });

  it('says a failure with the sample it happened on, in plain words, until dismissed or another sample is shown', async () => {
    const store = createLabelStore(() => noTime);
    await store.getState().start(backEnd([1, 2]).source, 'bbox');
    const heard: unknown[] = [];
    const session = labelSession(store, payloadGuard('bbox'), { ...quiet, failed: (error) => heard.push(error) });
    const refused = new ApiError('internal', 'SQLITE_CORRUPT: database disk image is malformed');

    session.reportError(refused);
    expect(heard).toEqual([refused]); // the app hears it too (a session that ended signs the window out)
    expect(session.view.getState().problem).toMatch(/^Something went wrong inside Concord\./);
    session.dismissProblem();
    expect(session.view.getState().problem).toBeNull();

    session.reportError(refused);
    await session.next();
    expect(session.view.getState()).toMatchObject({ sample: { id: 2 }, problem: null });
    await session.previous();
    expect(session.view.getState()).toMatchObject({ sample: { id: 1 }, problem: null });
  });

  it('moves through the queue and reads the previous sample’s saved label for copying', async () => {
    const earlier = withBox(emptyPayload('bbox'), 'kept');
    const { session } = await started([1, 2], { 1: earlier });
    expect(await session.previousPayload()).toBeNull(); // the first sample has none before it

    await session.next();
    expect(session.view.getState()).toMatchObject({ sample: { id: 2 }, position: 2, upcoming: [] });
    expect(await session.previousPayload()).toEqual(earlier);
  });

  it('gives an editor no label of another kind, and its edits leave such a label alone', async () => {
    const { session, saves } = await started([1], { 1: emptyPayload('transcript') });
    expect(session.view.getState()).toMatchObject({ sample: { id: 1 }, payload: null });

    session.edit((p) => withBox(p, 'a'));
    await session.flush();
    expect(saves).toEqual([]);
  });

  it('keeps the same view object until something in it changes, and tells subscribers only then', async () => {
    const { store, session } = await started([1, 2]);
    const before = session.view.getState();
    expect(session.view.getState()).toBe(before);

    let told = 0;
    let alsoTold = 0;
    const unsubscribe = session.view.subscribe(() => told++);
    const unsubscribeToo = session.view.subscribe(() => alsoTold++);
    // A store change the view does not show leaves the view as it was.
    store.setState({ loadError: null, kind: 'bbox' });
    expect(session.view.getState()).toBe(before);
    expect([told, alsoTold]).toEqual([0, 0]);

    session.edit((p) => withBox(p, 'a'));
    expect(session.view.getState()).not.toBe(before);
    expect(session.view.getState().upcoming).toBe(before.upcoming); // same queue and place: same list
    // Every subscriber hears of it, not only the first one to derive the new view.
    expect(told).toBeGreaterThan(0);
    expect(alsoTold).toBe(told);
    unsubscribe();
    unsubscribeToo();
  });
});
