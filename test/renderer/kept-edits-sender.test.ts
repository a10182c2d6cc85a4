import { describe, expect, it } from 'vitest';
import { emptyPayload } from '../../shared/annotation/empty-payload';
import type { AnnotationPayload } from '../../shared/annotation/payload';
import { ApiError } from '../../shared/api/errors';
import { UnsentEdits } from '../../renderer/autosave/unsent-edits';
import { KeptEditsSender } from '../../renderer/label/kept-edits-sender';
import type { KeptLabel, LabelSource, SavedLabel } from '../../renderer/label/label-source';
import { manualClock } from '../support/manual-clock';
import { memoryStorage } from './memory-storage';

const boxes = (...xs: number[]): AnnotationPayload =>
  ({
    ...emptyPayload('bbox'),
    boxes: xs.map((x, i) => ({ id: `b${i}`, classId: 1, x1: x, y1: 0, x2: x + 5, y2: 5 })),
  }) as AnnotationPayload;

/** A back end holding one label per sample, with revisions, that can be cut off. */
function fakeBackEnd(held: Map<number, SavedLabel>) {
  const state = { reachable: true, sent: [] as Array<{ sampleId: number; baseRevision: number | null }>, refuse: new Set<number>() };
  const source: LabelSource = {
    queue: () => Promise.reject(new Error('not used')),
    load: () => Promise.reject(new Error('not used')),
    current: async (sampleId) => held.get(sampleId) ?? null,
    save: async (sampleId, payload, status, baseRevision) => {
      if (!state.reachable) throw new ApiError('unavailable', 'The Concord server is not reachable.');
      state.sent.push({ sampleId, baseRevision });
      if (state.refuse.has(sampleId)) throw new ApiError('failed_precondition', `Sample ${sampleId} is no longer in your queue.`);
      const now = held.get(sampleId) ?? null;
      if ((now?.revision ?? null) !== baseRevision) throw new ApiError('conflict', 'This annotation was saved elsewhere in the meantime.');
      const saved = { payload, status, revision: (baseRevision ?? 0) + 1 };
      held.set(sampleId, saved);
      return saved;
    },
  };
  return { source, state };
}

describe('kept offline edits sent when the host answers again', () => {
  function setUp(held: Map<number, SavedLabel>, shown?: number) {
    const storage = memoryStorage();
    const unsent = new UnsentEdits<KeptLabel>(storage, 'p.labeler-1');
    const clock = manualClock();
    const { source, state } = fakeBackEnd(held);
    const sender = new KeptEditsSender(source, unsent, clock.clock, () => shown);
    return { unsent, clock, state, sender };
  }

  it('sends the kept edits of every sample, each on its own revision, and forgets those confirmed', async () => {
    const held = new Map<number, SavedLabel>([[2, { payload: boxes(1), status: 'draft', revision: 3 }]]);
    const { unsent, state, sender } = setUp(held);
    unsent.keep(1, null, { payload: boxes(7), status: 'draft' });
    unsent.keep(2, 3, { payload: boxes(1, 8), status: 'submitted' });
    await sender.send();
    expect(state.sent.sort((a, b) => a.sampleId - b.sampleId)).toEqual([
      { sampleId: 1, baseRevision: null },
      { sampleId: 2, baseRevision: 3 },
    ]);
    expect(held.get(2)).toEqual({ payload: boxes(1, 8), status: 'submitted', revision: 4 });
    expect(unsent.sampleIds()).toEqual([]);
  });

  it('leaves the sample on screen to its own autosaver', async () => {
    const { unsent, state, sender } = setUp(new Map(), 5);
    unsent.keep(5, null, { payload: boxes(2), status: 'draft' });
    await sender.send();
    expect({ sent: state.sent, kept: unsent.sampleIds() }).toEqual({ sent: [], kept: [5] });
  });

  it('confirms an edit the back end already holds (its answer was lost), but keeps a real conflict and a refusal', async () => {
    const held = new Map<number, SavedLabel>([
      [1, { payload: boxes(4), status: 'draft', revision: 2 }],
      [2, { payload: boxes(9), status: 'draft', revision: 2 }],
    ]);
    const { unsent, state, sender } = setUp(held);
    unsent.keep(1, 1, { payload: boxes(4), status: 'draft' }); // landed as revision 2 before the line dropped
    unsent.keep(2, 1, { payload: boxes(5), status: 'draft' }); // someone else saved revision 2
    unsent.keep(3, null, { payload: boxes(6), status: 'draft' });
    state.refuse.add(3); // reassigned away meanwhile
    await sender.send();
    expect(unsent.sampleIds().sort()).toEqual([2, 3]);
    expect(held.get(2)?.payload).toEqual(boxes(9));
  });

  it('tries again while the host is out of reach, and at once when told it answers', async () => {
    const { unsent, clock, state, sender } = setUp(new Map());
    unsent.keep(1, null, { payload: boxes(3), status: 'draft' });
    unsent.keep(2, null, { payload: boxes(4), status: 'draft' });
    state.reachable = false;
    await sender.send();
    expect({ kept: unsent.sampleIds().sort(), retries: clock.pending() }).toEqual({ kept: [1, 2], retries: 1 });
    clock.advance(2000); // the retry: still out of reach
    await sender.send();
    expect({ kept: unsent.sampleIds().length, retries: clock.pending() }).toEqual({ kept: 2, retries: 1 });
    state.reachable = true;
    await sender.send(); // told it answers (the event stream reconnected): no wait for the retry
    expect({ sent: state.sent.length, kept: unsent.sampleIds(), retries: clock.pending() }).toEqual({ sent: 2, kept: [], retries: 0 });
  });
});
