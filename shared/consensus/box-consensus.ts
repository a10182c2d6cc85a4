import type { BboxPayload, Box } from '../annotation/payload';
import { matchBoxes, type BoxCorners } from '../metrics/box-matching';
import type { LabeledBoxes } from '../disagreement/box-disagreements';
import { majorityTags, weightOf, type ConsensusOptions } from './consensus-options';

/** Boxes of several labelers taken to be one object. */
export interface BoxCluster {
  members: { labelerId: number; box: Box }[];
  /** Whether the fused box made it into the consensus (a majority agreed on presence and class). */
  accepted: boolean;
}

export interface BoxConsensus {
  payload: BboxPayload;
  clusters: BoxCluster[];
}

/**
 * The automatic consensus of several labelers' boxes on one image. Labelers are taken in turn
 * (highest weight first); each one's boxes are matched one to one (Hungarian on IoU) to the
 * objects found so far, and unmatched boxes start new objects. An object enters the consensus
 * when more than half the labelers boxed it and more than half gave it the same class; its box
 * is the weighted average of the members' corners. A majority of "no objects" gives no objects;
 * tags given by more than half the labelers are kept.
 * @example boxConsensus([ana, ben, chen]).payload.boxes // the objects two of three agree on
 */
export function boxConsensus(annotations: readonly LabeledBoxes[], options: ConsensusOptions = {}): BoxConsensus {
  const threshold = options.iouThreshold ?? 0.5;
  const ordered = [...annotations].sort((x, y) => weightOf(options, y.labelerId) - weightOf(options, x.labelerId) || x.labelerId - y.labelerId);
  const majority = annotations.length / 2;
  const clusters: (BoxCluster & { mean: BoxCorners })[] = [];

  for (const { labelerId, payload } of ordered) {
    if (payload.noObjects) continue;
    const { matches } = matchBoxes(
      clusters.map((cluster) => cluster.mean),
      payload.boxes.map((box) => [box.x1, box.y1, box.x2, box.y2] as const),
      { threshold },
    );
    const matched = new Array<boolean>(payload.boxes.length).fill(false);
    for (const match of matches) {
      const cluster = clusters[match.a]!;
      cluster.members.push({ labelerId, box: payload.boxes[match.b]! });
      cluster.mean = fuse(cluster.members, options);
      matched[match.b] = true;
    }
    payload.boxes.forEach((box, i) => {
      if (!matched[i]) clusters.push({ members: [{ labelerId, box }], accepted: false, mean: [box.x1, box.y1, box.x2, box.y2] });
    });
  }

  const boxes: Box[] = [];
  for (const cluster of clusters) {
    const classId = majorityClass(cluster.members, majority);
    cluster.accepted = cluster.members.length > majority && classId !== null;
    if (!cluster.accepted) continue;
    const [x1, y1, x2, y2] = cluster.mean;
    boxes.push({ id: `consensus-${boxes.length + 1}`, classId: classId!, x1: round(x1), y1: round(y1), x2: round(x2), y2: round(y2) });
  }
  const noObjects = annotations.filter((annotation) => annotation.payload.noObjects).length > majority;
  return {
    payload: {
      v: 1,
      kind: 'bbox',
      boxes: noObjects ? [] : boxes,
      noObjects,
      flags: { unsure: false, comment: '', mediaBroken: false },
      tags: majorityTags(annotations.map((annotation) => annotation.payload.tags)),
    },
    clusters: clusters.map(({ members, accepted }) => ({ members, accepted })),
  };
}

function fuse(members: readonly { labelerId: number; box: Box }[], options: ConsensusOptions): BoxCorners {
  let total = 0;
  const sum = [0, 0, 0, 0];
  for (const { labelerId, box } of members) {
    const weight = weightOf(options, labelerId);
    total += weight;
    sum[0]! += weight * box.x1;
    sum[1]! += weight * box.y1;
    sum[2]! += weight * box.x2;
    sum[3]! += weight * box.y2;
  }
  return [sum[0]! / total, sum[1]! / total, sum[2]! / total, sum[3]! / total];
}

/** The class more than `majority` members gave, or `null`. */
function majorityClass(members: readonly { box: Box }[], majority: number): number | null {
  const votes = new Map<number, number>();
  for (const { box } of members) votes.set(box.classId, (votes.get(box.classId) ?? 0) + 1);
  for (const [classId, count] of votes) if (count > majority) return classId;
  return null;
}

/** Hundredths of a pixel: averages need not carry float noise into exports. */
function round(value: number): number {
  return Math.round(value * 100) / 100;
}
