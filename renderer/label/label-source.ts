import type { AnnotationPayload } from '../../shared/annotation/payload';
import type { QueueStatus } from '../../shared/domain/annotation';
import type { QueueWindow } from '../../shared/domain/queue-window';
import type { Sample } from '../../shared/domain/sample';
import { unsentScopeOf } from '../autosave/unsent-edits';
import { api } from '../api/api';

/** A saved label as the editor loads it. */
export interface SavedLabel {
  payload: AnnotationPayload;
  revision: number | null;
  status: QueueStatus;
}

/**
 * Where the editor's samples come from and where its work goes: a labeler's own queue and
 * annotations, or an SME's gold label for one sample under review. The editor, its commands,
 * autosave and undo are the same either way.
 */
/** A sample as the editor opens it: the sample, and its saved label (`null` when there is none yet). */
export interface OpenedSample {
  sample: Sample;
  saved: SavedLabel | null;
  /** The model's label this labeler is offered as a starting point (when there is no saved label, the editor starts from it). */
  prelabel?: { source: string; payload: AnnotationPayload; confidence?: number | null } | null;
}

/** What is autosaved, and kept while the back end cannot be reached, for a sample: its payload, and whether it is final. */
export interface KeptLabel {
  payload: AnnotationPayload;
  status: 'draft' | 'submitted';
}

export interface LabelSource {
  /** Nothing can be saved (the project is open read-only here): the editor shows the work but refuses edits. */
  readOnly?: boolean;
  /** Whose edits these are, naming where the window keeps them while the back end cannot be reached (none: not kept). */
  unsentScope?: string;
  /** The queue around position `around` (null: where work is left), as a window: the session holds only that. */
  queue(around: number | null): Promise<QueueWindow>;
  load(sampleId: number): Promise<OpenedSample>;
  /** The label the back end holds now (null: none), to tell a save that landed unanswered from a real conflict. */
  current?(sampleId: number): Promise<SavedLabel | null>;
  /** Saves a revision based on `baseRevision`; `submitted` marks it final. */
  save(sampleId: number, payload: AnnotationPayload, status: 'draft' | 'submitted', baseRevision: number | null, timeSpentMs: number): Promise<SavedLabel>;
}

/** A labeler's own queue and annotations in the project at `projectDir`; `readOnly` in a read-only view of it. */
export function labelerSource(labelerId: number, projectDir: string, readOnly = false): LabelSource {
  return {
    readOnly,
    unsentScope: unsentScopeOf(projectDir, labelerId),
    queue: (around) => api.call('queue.window', { labelerId, around }),
    load: async (sampleId) => {
      const [sample, mine, offer] = await Promise.all([
        api.call('samples.get', { sampleId }),
        api.call('annotations.mine', { labelerId, sampleId }),
        api.call('prelabels.offer', { labelerId, sampleId }),
      ]);
      const prelabel =
        offer.arm === 'prelabeled' && offer.payload && offer.source !== null
          ? { source: offer.source, payload: offer.payload, confidence: offer.confidence }
          : null;
      return { sample, saved: mine && { payload: mine.payload, revision: mine.revision, status: mine.status }, prelabel };
    },
    current: async (sampleId) => {
      const mine = await api.call('annotations.mine', { labelerId, sampleId });
      return mine && { payload: mine.payload, revision: mine.revision, status: mine.status };
    },
    save: async (sampleId, payload, status, baseRevision, timeSpentMs) => {
      const view = await api.call('annotations.save', { labelerId, sampleId, payload, status, baseRevision, timeSpentMs });
      return { payload: view.payload, revision: view.revision, status: view.status };
    },
  };
}
