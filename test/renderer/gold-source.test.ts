import { describe, expect, it } from 'vitest';
import { emptyPayload } from '../../shared/annotation/empty-payload';
import type { AnnotationPayload, BboxPayload } from '../../shared/annotation/payload';
import type { ApiClient } from '../../shared/api/client';
import { ApiError } from '../../shared/api/errors';
import type { ReviewSample } from '../../shared/domain/gold';
import { AUTOSAVE_DELAY_MS, type TimeMeter } from '../../renderer/label/label-session';
import { createLabelStore } from '../../renderer/label/label-store';
import { goldSource } from '../../renderer/review/gold-source';
import { settle } from '../support/deferred';
import { imageSample } from '../support/image-sample';
import { manualClock } from '../support/manual-clock';

const noTime: TimeMeter = { take: () => 0, giveBack: () => undefined, dispose: () => undefined };

function withBoxes(count: number): BboxPayload {
  const boxes = Array.from({ length: count }, (_, i) => ({ id: `b${i}`, classId: 1, x1: 1 + i, y1: 1, x2: 11 + i, y2: 11 }));
  return { ...emptyPayload('bbox'), boxes };
}
const boxesIn = (payload: AnnotationPayload | undefined) => (payload as BboxPayload).boxes.length;

function reviewOf(draft: ReviewSample['draft']): ReviewSample {
  return { sampleId: 4, annotations: [], answersAt: null, disagreements: [], consensus: withBoxes(1), decision: null, history: [], draft };
}

/** The back end as the gold editor sees it: another SME has saved draft revision 2 with three boxes. */
function backEnd() {
  const calls: string[] = [];
  const client: Pick<ApiClient, 'call'> = {
    call: (async (name: string) => {
      calls.push(name);
      if (name === 'samples.get') return imageSample(4);
      if (name === 'review.sample') return reviewOf({ payload: withBoxes(3), revision: 2 });
      if (name === 'review.saveDraft') throw new ApiError('conflict', 'This gold draft was saved elsewhere in the meantime.');
      throw new Error(`unexpected call ${name}`);
    }) as Pick<ApiClient, 'call'>['call'],
  };
  return { client, calls };
}

describe('the gold label under review as a label source', () => {
  it('after a conflict, reloads the draft saved elsewhere, not the one the editor opened with', async () => {
    const { client, calls } = backEnd();
    const time = manualClock();
    const store = createLabelStore(() => noTime, time.clock);
    const opened = reviewOf({ payload: withBoxes(1), revision: 1 });
    await store.getState().start(
      goldSource(
        client,
        opened,
        's4.png',
        () => ({ reason: '', guidelineRule: null }),
        () => undefined,
      ),
      'bbox',
    );
    expect(boxesIn(store.getState().current?.history.present)).toBe(1);
    expect(calls).not.toContain('review.sample'); // the first load shows what the SME opened

    store.getState().edit((p) => ({ ...(p as BboxPayload), boxes: [] }));
    time.advance(AUTOSAVE_DELAY_MS);
    await settle();
    expect(store.getState().save.phase).toBe('conflict');

    await store.getState().reload();
    expect(boxesIn(store.getState().current?.history.present)).toBe(3);
    expect(store.getState().save).toMatchObject({ phase: 'idle', revision: 2 });
  });
});
