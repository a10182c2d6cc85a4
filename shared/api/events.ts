import type { ClassifyingProgress } from '../domain/classifying';
import type { ImportProgress } from './imports';

/** Messages the back end pushes to the UI without being asked (progress of long jobs). */
export interface EventMap {
  'import.progress': ImportProgress;
  /** `damaged`: the project closed because its integrity check, run after opening it, failed (the refusal's words). */
  'project.changed': { dir: string | null; damaged?: { dir: string; message: string } };
  /** Samples were added (an import ended) or shared out anew (an assignment plan changed): an empty queue looks again. No sample in it. */
  'queues.changed': { cause: 'import' | 'assignments' };
  /** A submission changed a sample's agreement; carries no labels, so labelers may receive it too. */
  'agreement.changed': { sampleId: number };
  /**
   * Many samples are being classified in the background (see `ClassifyingProgress`): told about
   * once a second, and when it ends (`running` false: finished, stopped, or failed; the next read says which). Counts only.
   */
  'review.classifying': ClassifyingProgress & { running: boolean };
  /** A new guideline version: labelers see what changed before they go on. */
  'guideline.published': { version: number };
  /** An SME decided a sample's gold label (its new decision revision); no label in it. */
  'review.decided': { sampleId: number; revision: number };
  /** A new dataset version was frozen. */
  'dataset.created': { version: number };
  /** A class or tag was added, renamed, recoloured, re-keyed, retired or restored: open editors show it at once. */
  'taxonomy.changed': { target: 'class' | 'tag'; id: number };
  /** A comment was written on a sample, or a question resolved or reopened; no text in it, so labelers may receive it too. */
  'comments.changed': { sampleId: number };
}

export type EventName = keyof EventMap;

export interface EventEnvelope<N extends EventName = EventName> {
  name: N;
  payload: EventMap[N];
}
