import { describe, expect, it } from 'vitest';
import { emptyPayload } from '../../shared/annotation/empty-payload';
import { memorySession } from '../../renderer/editors/memory-session';
import { addBox, setBoxRect } from '../../renderer/editors/bbox/box-edits';
import { imageSample } from '../support/image-sample';

const sample = imageSample(7, { displayName: 'street.jpg', image: { width: 400, height: 300 } });

const quiet = { reportError: () => undefined, inform: () => undefined };

describe('an editor session held in memory', () => {
  it('edits, undoes and redoes one sample, with a whole gesture as one step', () => {
    const session = memorySession(sample, emptyPayload('bbox'), quiet);
    session.edit((p) => addBox(p, { x1: 10, y1: 10, x2: 50, y2: 40 }, 1, 'a'));
    session.edit((p) => setBoxRect(p, 'a', { x1: 12, y1: 10, x2: 52, y2: 40 }), 'drag:a');
    session.edit((p) => setBoxRect(p, 'a', { x1: 14, y1: 10, x2: 54, y2: 40 }), 'drag:a');
    expect(session.view.getState()).toMatchObject({ sample: { id: 7 }, position: 1, count: 1, payload: { boxes: [{ id: 'a', x1: 14 }] } });

    session.undo(); // the two moves merged into one step
    expect(session.view.getState().payload?.boxes).toEqual([{ id: 'a', classId: 1, x1: 10, y1: 10, x2: 50, y2: 40 }]);
    session.undo();
    expect(session.view.getState()).toMatchObject({ canUndo: false, canRedo: true, payload: { boxes: [] } });
    session.redo();
    expect(session.view.getState().payload?.boxes).toHaveLength(1);
  });

  it('tells subscribers of a change only, and keeps its view while nothing changes', () => {
    const session = memorySession(sample, emptyPayload('bbox'), quiet);
    const before = session.view.getState();
    let told = 0;
    session.view.subscribe(() => told++);
    session.undo(); // nothing to undo
    session.edit((p) => p); // an edit that changes nothing
    expect(session.view.getState()).toBe(before);
    expect(told).toBe(0);

    session.edit((p) => addBox(p, { x1: 0, y1: 0, x2: 5, y2: 5 }, 1));
    expect(told).toBe(1);
  });
});
