import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { emptyPayload } from '../../shared/annotation/empty-payload';
import type { AnnotationPayload, BboxPayload } from '../../shared/annotation/payload';
import type { ApiClient } from '../../shared/api/client';
import type { QueueItem } from '../../shared/domain/annotation';
import type { ReviewSample } from '../../shared/domain/gold';
import { payloadGuard } from '../../renderer/editors/editor-session';
import { labelSessionHost, type LabelNotices } from '../../renderer/label/label-editor-session';
import { queueWindow } from '../../shared/domain/queue-window';
import type { LabelSource } from '../../renderer/label/label-source';
import { useLabelStore } from '../../renderer/label/label-store';
import { createGoldLabelStore } from '../../renderer/review/gold-label-store';
import { goldSource } from '../../renderer/review/gold-source';
import { boxOfWidth } from '../support/box-payload';
import { imageSample } from '../support/image-sample';

const quiet: LabelNotices = { failed: () => undefined, inform: () => undefined };
const isBbox = payloadGuard('bbox');

/** A labeler's queue of samples 1 and 2, nothing labeled yet; every save is recorded and confirmed. */
function labelerBackEnd() {
  const saves: Array<{ sampleId: number; payload: AnnotationPayload }> = [];
  const queue: QueueItem[] = [1, 2].map((id) => ({
    sampleId: id,
    displayName: `s${id}.png`,
    sha256: `hash${id}`,
    width: 100,
    height: 100,
    durationMs: null,
    status: 'todo',
  }));
  const source: LabelSource = {
    queue: async (around) => queueWindow(queue, around),
    load: async (sampleId) => ({ sample: imageSample(sampleId), saved: null }),
    save: async (sampleId, payload, status) => {
      saves.push({ sampleId, payload });
      return { payload, revision: saves.length, status };
    },
  };
  return { source, saves };
}

/** Sample 4 under review, its consensus one box; gold drafts saved are recorded. */
function reviewBackEnd() {
  const drafts: AnnotationPayload[] = [];
  const review: ReviewSample = {
    sampleId: 4,
    annotations: [],
    answersAt: null,
    disagreements: [],
    consensus: boxOfWidth(10),
    decision: null,
    history: [],
    draft: null,
  };
  const client: Pick<ApiClient, 'call'> = {
    call: (async (name: string, arg: { payload: AnnotationPayload }) => {
      if (name === 'samples.get') return imageSample(4);
      if (name === 'review.saveDraft') {
        drafts.push(arg.payload);
        return { revision: drafts.length };
      }
      throw new Error(`unexpected call ${name}`);
    }) as Pick<ApiClient, 'call'>['call'],
  };
  const source = goldSource(
    client,
    review,
    's4.png',
    () => ({ reason: '', guidelineRule: null }),
    () => undefined,
  );
  return { source, drafts };
}

describe('the gold editor beside a labeler’s queue', () => {
  // The app's label store measures active time from the window's input and visibility, and opens
  // the first sample after the frame that paints the queue.
  beforeEach(() => {
    vi.stubGlobal('window', { addEventListener: () => undefined, removeEventListener: () => undefined });
    vi.stubGlobal('document', { visibilityState: 'visible' });
    vi.stubGlobal('requestAnimationFrame', (paint: () => void) => setTimeout(paint, 0));
  });
  afterEach(async () => {
    await useLabelStore.getState().stop();
    vi.unstubAllGlobals();
  });

  it('keeps each open with its own sample, undo and saves, and closing the gold edit leaves the queue working', async () => {
    const queueStore = useLabelStore; // the Label screen's
    const goldStore = createGoldLabelStore();
    const labeler = labelerBackEnd();
    const gold = reviewBackEnd();
    await Promise.all([queueStore.getState().start(labeler.source, 'bbox'), goldStore.getState().start(gold.source, 'bbox')]);
    const queueSession = labelSessionHost(queueStore, quiet).open(isBbox);
    const goldSession = labelSessionHost(goldStore, quiet).open(isBbox);

    queueSession.edit((payload) => ({ ...payload, boxes: boxOfWidth(30).boxes }));
    goldSession.edit((payload): BboxPayload => ({ ...payload, boxes: [] }));
    await Promise.all([queueSession.flush(), goldSession.flush()]);

    expect(queueSession.view.getState()).toMatchObject({ sample: { id: 1 }, position: 1, count: 2, canUndo: true, save: { phase: 'saved' } });
    expect(goldSession.view.getState()).toMatchObject({ sample: { id: 4 }, position: 1, count: 1, canUndo: true, save: { phase: 'saved' } });
    expect(labeler.saves).toEqual([{ sampleId: 1, payload: { ...emptyPayload('bbox'), boxes: boxOfWidth(30).boxes } }]);
    expect(gold.drafts.map((payload) => (payload as BboxPayload).boxes.length)).toEqual([0]);

    await goldStore.getState().stop();
    await queueSession.next();
    queueSession.edit((payload) => ({ ...payload, noObjects: true }));
    await queueSession.flush();
    expect(queueSession.view.getState()).toMatchObject({ sample: { id: 2 }, position: 2, save: { phase: 'saved' } });
    expect(labeler.saves.map((save) => save.sampleId)).toEqual([1, 2]);
  });
});
