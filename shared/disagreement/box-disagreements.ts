import type { BboxPayload, Box } from '../annotation/payload';
import { boxIoU, matchBoxes, type BoxCorners } from '../metrics/box-matching';
import type { Disagreement } from './types';

export interface BoxTaxonomyOptions {
  /** Least IoU for two boxes to be the same object; default 0.5, as in agreement. */
  iouThreshold?: number;
  /** Matched boxes under this IoU are a loose/tight disagreement; default 0.85. */
  tightIoU?: number;
  /** Share of a box's area inside another for it to be a part of that group box; default 0.7. */
  containment?: number;
  /** Two boxes of one labeler at least this IoU apart are a duplicate; default 0.7. */
  duplicateIoU?: number;
}

export interface LabeledBoxes {
  labelerId: number;
  payload: BboxPayload;
}

/**
 * The disagreements between two labelers' boxes on one sample (`a` the lower labeler id). Boxes
 * are matched one to one by IoU (Hungarian, as agreement does); what the matching leaves over is
 * explained, in this order, as one box against many (a group box covering two or more of the
 * other's boxes), a duplicate (a second box on an object the same labeler boxed already), or a
 * missing object. Matched pairs not part of a group can differ in class, in fit, or in both.
 * A "no objects" against boxes is one flag mismatch, not a missing object per box.
 * @example boxDisagreements(ana, chen) // [{ type: 'one_vs_many', boxesA: ['pile'], boxesB: ['c1', 'c2', 'c3'], … }]
 */
export function boxDisagreements(a: LabeledBoxes, b: LabeledBoxes, options: BoxTaxonomyOptions = {}): Disagreement[] {
  const threshold = options.iouThreshold ?? 0.5;
  const tight = options.tightIoU ?? 0.85;
  const out: Disagreement[] = [];
  const make = (type: Disagreement['type'], boxesA: string[], boxesB: string[], detail: string, textA = '', textB = ''): Disagreement => ({
    type,
    labelerA: a.labelerId,
    labelerB: b.labelerId,
    boxesA,
    boxesB,
    textA,
    textB,
    position: -1,
    detail,
  });

  if (a.payload.noObjects !== b.payload.noObjects) {
    const says = (p: BboxPayload) => (p.noObjects ? 'no objects' : `${p.boxes.length} box${p.boxes.length === 1 ? '' : 'es'}`);
    out.push(
      make(
        'flag_mismatch',
        a.payload.boxes.map((x) => x.id),
        b.payload.boxes.map((x) => x.id),
        'no objects',
        says(a.payload),
        says(b.payload),
      ),
    );
  }
  if (a.payload.flags.unsure !== b.payload.flags.unsure) {
    out.push(make('flag_mismatch', [], [], 'unsure', a.payload.flags.unsure ? 'unsure' : '', b.payload.flags.unsure ? 'unsure' : ''));
  }
  // Boxes against "no objects" are that one flag mismatch, not one missing object per box.
  if (a.payload.noObjects || b.payload.noObjects) return out;

  const boxesA = a.payload.boxes;
  const boxesB = b.payload.boxes;
  const matching = matchBoxes(boxesA.map(corners), boxesB.map(corners), { threshold });
  const explainedA = new Set<number>();
  const explainedB = new Set<number>();
  const partnerOfA = new Map(matching.matches.map((m) => [m.a, m.b]));
  const partnerOfB = new Map(matching.matches.map((m) => [m.b, m.a]));

  for (const [groups, parts, groupExplained, partsExplained, aIsGroup, partnerOfGroup, partnerOfPart] of [
    [boxesA, boxesB, explainedA, explainedB, true, partnerOfA, partnerOfB],
    [boxesB, boxesA, explainedB, explainedA, false, partnerOfB, partnerOfA],
  ] as const) {
    groups.forEach((group, g) => {
      // Both drew the table with its cups: nested boxes the other side matched are agreement,
      // not a group. Only parts left unmatched (or matched to this very box) count.
      const inside = parts.flatMap((part, p) =>
        isPartOf(part, group, options.containment ?? 0.7) && (!partnerOfPart.has(p) || partnerOfPart.get(p) === g) ? [p] : [],
      );
      if (partnerOfGroup.has(g) && !inside.includes(partnerOfGroup.get(g)!)) return;
      if (inside.length < 2) return;
      groupExplained.add(g);
      for (const p of inside) partsExplained.add(p);
      const ids = inside.map((p) => parts[p]!.id);
      const detail = `1 box against ${inside.length}`;
      out.push(aIsGroup ? make('one_vs_many', [group.id], ids, detail) : make('one_vs_many', ids, [group.id], detail));
    });
  }

  const matchedA = new Set(matching.matches.map((m) => m.a));
  const matchedB = new Set(matching.matches.map((m) => m.b));
  const duplicates = (list: readonly Box[], matched: Set<number>, explained: Set<number>, side: 'a' | 'b') => {
    list.forEach((box, i) => {
      if (matched.has(i) || explained.has(i)) return;
      // The twin is the copy already accounted for (matched, or the first of an unmatched pair,
      // which stays to be reported as missing): each duplicate pair is reported once.
      const twin = list.findIndex(
        (other, j) => j !== i && !explained.has(j) && (matched.has(j) || j < i) && boxIoU(corners(box), corners(other)) >= (options.duplicateIoU ?? 0.7),
      );
      if (twin < 0) return;
      explained.add(i);
      const ids = [list[twin]!.id, box.id];
      out.push(side === 'a' ? make('duplicate_box', ids, [], 'the same object boxed twice') : make('duplicate_box', [], ids, 'the same object boxed twice'));
    });
  };
  duplicates(boxesA, matchedA, explainedA, 'a');
  duplicates(boxesB, matchedB, explainedB, 'b');

  boxesA.forEach((box, i) => {
    if (!matchedA.has(i) && !explainedA.has(i)) out.push(make('missing_object', [box.id], [], 'boxed by one labeler only'));
  });
  boxesB.forEach((box, i) => {
    if (!matchedB.has(i) && !explainedB.has(i)) out.push(make('missing_object', [], [box.id], 'boxed by one labeler only'));
  });

  for (const match of matching.matches) {
    if (explainedA.has(match.a) || explainedB.has(match.b)) continue;
    const boxA = boxesA[match.a]!;
    const boxB = boxesB[match.b]!;
    if (boxA.classId !== boxB.classId) out.push(make('class_mismatch', [boxA.id], [boxB.id], `classes ${boxA.classId} and ${boxB.classId}`));
    if (match.iou < tight) out.push(make('loose_box', [boxA.id], [boxB.id], `IoU ${match.iou.toFixed(2)}`));
  }
  return out;
}

function corners(box: Box): BoxCorners {
  return [box.x1, box.y1, box.x2, box.y2];
}

/** `part` lies mostly inside `group` and is clearly smaller than it. */
function isPartOf(part: Box, group: Box, containment: number): boolean {
  const width = Math.min(part.x2, group.x2) - Math.max(part.x1, group.x1);
  const height = Math.min(part.y2, group.y2) - Math.max(part.y1, group.y1);
  if (width <= 0 || height <= 0) return false;
  const partArea = (part.x2 - part.x1) * (part.y2 - part.y1);
  const groupArea = (group.x2 - group.x1) * (group.y2 - group.y1);
  return (width * height) / partArea >= containment && partArea <= 0.6 * groupArea;
}
