import { describe, expect, it } from 'vitest';
import { emptyPayload } from '../../shared/annotation/empty-payload';
import { addBox, copyBoxes, deleteBox, nudgeBox, setBoxClass, setBoxRect, setNoObjects } from '../../renderer/editors/bbox/box-edits';

const image = { width: 100, height: 80 };

describe('box edits', () => {
  it('adds, reshapes, reclassifies and deletes boxes without touching the others', () => {
    let p = addBox(emptyPayload('bbox'), { x1: 1, y1: 2, x2: 30, y2: 40 }, 7, 'a');
    p = addBox(p, { x1: 50, y1: 50, x2: 60, y2: 60 }, 8, 'b');
    p = setBoxRect(p, 'a', { x1: 5, y1: 5, x2: 25, y2: 35 });
    p = setBoxClass(p, 'b', 7);
    expect(p.boxes).toEqual([
      { id: 'a', classId: 7, x1: 5, y1: 5, x2: 25, y2: 35 },
      { id: 'b', classId: 7, x1: 50, y1: 50, x2: 60, y2: 60 },
    ]);
    expect(deleteBox(p, 'a').boxes.map((b) => b.id)).toEqual(['b']);
    expect(setBoxClass(p, 'b', 7)).toBe(p); // no change, no undo step
  });

  it('keeps a nudged box whole and inside the image', () => {
    const p = addBox(emptyPayload('bbox'), { x1: 90, y1: 10, x2: 98, y2: 20 }, 1, 'a');
    expect(nudgeBox(p, 'a', 10, 0, image).boxes[0]).toMatchObject({ x1: 92, x2: 100, y1: 10, y2: 20 });
    expect(nudgeBox(p, 'a', 0, -50, image).boxes[0]).toMatchObject({ y1: 0, y2: 10 });
  });

  it('copies boxes from another sample with new ids, clipped to this image, skipping removed classes', () => {
    const from = [
      { id: 'x', classId: 1, x1: 10, y1: 10, x2: 20, y2: 20 },
      { id: 'y', classId: 2, x1: 90, y1: 70, x2: 150, y2: 120 },
      { id: 'z', classId: 99, x1: 1, y1: 1, x2: 5, y2: 5 },
      { id: 'w', classId: 1, x1: 120, y1: 10, x2: 130, y2: 20 },
    ];
    const p = copyBoxes(setNoObjects(emptyPayload('bbox'), true), from, image, new Set([1, 2]));
    expect(p.noObjects).toBe(false);
    expect(p.boxes.map(({ id: _id, ...rest }) => rest)).toEqual([
      { classId: 1, x1: 10, y1: 10, x2: 20, y2: 20 },
      { classId: 2, x1: 90, y1: 70, x2: 100, y2: 80 },
    ]);
    expect(p.boxes.every((b) => !['x', 'y'].includes(b.id))).toBe(true);
  });

  it('treats "no objects" and boxes as exclusive answers', () => {
    const marked = setNoObjects(emptyPayload('bbox'), true);
    expect(marked.noObjects).toBe(true);
    const drawn = addBox(marked, { x1: 0, y1: 0, x2: 5, y2: 5 }, 1);
    expect(drawn.noObjects).toBe(false);
    expect(setNoObjects(drawn, true)).toBe(drawn);
  });
});
