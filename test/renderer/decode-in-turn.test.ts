import { describe, expect, it } from 'vitest';
import { decodeInTurn } from '../../renderer/editors/bbox/canvas/decoded-images';

/** A decoder whose images finish only when the test says so, recording what it was asked for, in order. */
function heldDecoder() {
  const started: string[] = [];
  const finish = new Map<string, { resolve: () => void; reject: (error: Error) => void }>();
  const load = (url: string) =>
    new Promise<void>((resolve, reject) => {
      started.push(url);
      finish.set(url, { resolve, reject });
    });
  return { started, finish, load };
}

/** Lets the chain take its next step after an image finished. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('decoding the images a labeler opens next', () => {
  it('decodes one image at a time, the one on screen first, then the next ones in order', async () => {
    const { started, finish, load } = heldDecoder();
    const done = decodeInTurn(['on-screen', 'next', 'after'], () => true, load);
    await settle();
    expect(started).toEqual(['on-screen']);
    finish.get('on-screen')!.resolve();
    await settle();
    expect(started).toEqual(['on-screen', 'next']);
    finish.get('next')!.resolve();
    await settle();
    expect(started).toEqual(['on-screen', 'next', 'after']);
    finish.get('after')!.resolve();
    await done;
  });

  it('goes on past an image that cannot be decoded (the editor reports it when it is opened)', async () => {
    const { started, finish, load } = heldDecoder();
    const done = decodeInTurn(['broken', 'next'], () => true, load);
    await settle();
    finish.get('broken')!.reject(new Error('not an image'));
    await settle();
    expect(started).toEqual(['broken', 'next']);
    finish.get('next')!.resolve();
    await expect(done).resolves.toBeUndefined();
  });

  it('starts nothing more once the labeler has moved on', async () => {
    const { started, finish, load } = heldDecoder();
    let wanted = true;
    const done = decodeInTurn(['on-screen', 'next', 'after'], () => wanted, load);
    await settle();
    wanted = false;
    finish.get('on-screen')!.resolve();
    await done;
    expect(started).toEqual(['on-screen']);
  });
});
