import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../../shared/api/client';
import { ApiError } from '../../shared/api/errors';
import type { GuidelineDraft } from '../../shared/domain/guideline';
import { DRAFT_SAVE_DELAY_MS, DraftSession } from '../../renderer/guidelines/draft-session';
import { deferred, settle } from '../support/deferred';
import { manualClock } from '../support/manual-clock';

/**
 * The guideline draft as the back end keeps it: one text at one revision, a save refused unless
 * based on that revision. Loads of the draft wait until the test answers them.
 */
function draftBackEnd(bodyMd: string, revision: number) {
  let stored = { bodyMd, revision };
  const loads: Array<ReturnType<typeof deferred<GuidelineDraft>>> = [];
  const saves: Array<{ bodyMd: string; baseRevision: number }> = [];
  const draftOf = (): GuidelineDraft => ({ ...stored, baseVersion: 1, addresses: [], examples: [], updatedAt: '2026-12-03T00:00:00.000Z' });
  const client: Pick<ApiClient, 'call'> = {
    call: (async (name: string, arg: { bodyMd: string; baseRevision: number }) => {
      if (name === 'guidelines.draft') {
        const answer = deferred<GuidelineDraft>();
        loads.push(answer);
        return answer.promise;
      }
      if (name === 'guidelines.saveDraft') {
        saves.push(arg);
        if (arg.baseRevision !== stored.revision) throw new ApiError('conflict', `The draft was saved elsewhere meanwhile (revision ${stored.revision}).`);
        stored = { bodyMd: arg.bodyMd, revision: stored.revision + 1 };
        return draftOf();
      }
      throw new Error(`unexpected call ${name}`);
    }) as Pick<ApiClient, 'call'>['call'],
  };
  return {
    client,
    saves,
    /** Answers the oldest load still waiting with the draft as it is now. */
    async answerLoad() {
      loads.shift()!.resolve(draftOf());
      await settle();
    },
    /** Another SME's window saves its text. */
    savedElsewhere(text: string) {
      stored = { bodyMd: text, revision: stored.revision + 1 };
    },
  };
}

/** A session whose draft (revision 3) is open. */
async function openSession() {
  const time = manualClock();
  const backEnd = draftBackEnd('# Rules', 3);
  const session = new DraftSession(backEnd.client, time.clock);
  const opening = session.begin();
  await settle();
  await backEnd.answerLoad();
  await opening;
  return { session, backEnd, time, view: () => session.view.getState() };
}

describe('the guideline draft session', () => {
  it('after a conflict, reloads the text saved elsewhere, sets the unsaved text aside, and saves on from the new revision', async () => {
    const { session, backEnd, time, view } = await openSession();
    backEnd.savedElsewhere('# Rules\n\nTheirs.');
    session.type('# Rules\n\nMine.');
    time.advance(DRAFT_SAVE_DELAY_MS);
    await settle();
    expect(view().save).toMatchObject({ phase: 'conflict', revision: 3 });

    // Typing after the conflict stays on screen and is not sent.
    session.type('# Rules\n\nMine, more.');
    time.advance(DRAFT_SAVE_DELAY_MS);
    await settle();
    expect(backEnd.saves).toHaveLength(1);

    const reloading = session.reload();
    await settle();
    expect(view().body).toBe('# Rules\n\nMine, more.'); // until the saved version arrives
    await backEnd.answerLoad();
    await reloading;
    expect(view()).toMatchObject({ body: '# Rules\n\nTheirs.', save: { phase: 'idle', revision: 4 }, setAside: '# Rules\n\nMine, more.' });

    session.type('# Rules\n\nTheirs, and mine.');
    await session.flush();
    expect(backEnd.saves.at(-1)).toEqual({ bodyMd: '# Rules\n\nTheirs, and mine.', baseRevision: 4 });
    expect(view().save).toEqual({ phase: 'saved', revision: 5 });
    session.dismissSetAside();
    expect(view().setAside).toBeNull();
  });

  it('sets nothing aside when the text on screen is the one saved elsewhere', async () => {
    const { session, backEnd, time, view } = await openSession();
    backEnd.savedElsewhere('# Same');
    session.type('# Same');
    time.advance(DRAFT_SAVE_DELAY_MS);
    await settle();
    const reloading = session.reload();
    await settle();
    await backEnd.answerLoad();
    await reloading;
    expect(view()).toMatchObject({ body: '# Same', save: { phase: 'idle', revision: 4 }, setAside: null });
  });

  it('closed before the draft arrives and opened again (as a screen shown twice is), shows only the second answer', async () => {
    const time = manualClock();
    const backEnd = draftBackEnd('# Rules', 3);
    const session = new DraftSession(backEnd.client, time.clock);
    const first = session.begin();
    await settle();
    await session.close();
    session.type('# Too late');
    time.advance(DRAFT_SAVE_DELAY_MS);
    await settle();
    expect(backEnd.saves).toEqual([]);

    const second = session.begin();
    await settle();
    backEnd.savedElsewhere('# Rules, revised');
    await backEnd.answerLoad(); // the first opening's answer, already out of date
    await first;
    expect(session.view.getState().draft).toBeNull();
    await backEnd.answerLoad();
    await second;
    expect(session.view.getState()).toMatchObject({ body: '# Rules, revised', save: { phase: 'idle', revision: 4 } });
  });
});
