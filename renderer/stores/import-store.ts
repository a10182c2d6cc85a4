import { create } from 'zustand';
import type { ImportProgress, ImportReport } from '../../shared/api/imports';
import { api } from '../api/api';

interface ImportState {
  /** The job this window started, as last reported. */
  progress: ImportProgress | null;
  /** The finished job's full report: what was skipped and why. */
  report: ImportReport | null;
  start(source: string, copyMedia: boolean): Promise<void>;
  cancel(): Promise<void>;
  clear(): void;
  /** Listens for the back end's progress events; returns the unsubscribe. */
  listen(onFinished: (report: ImportReport) => void): () => void;
}

/**
 * An import outlives the panel that started it (its progress and report stay while the person
 * looks elsewhere), and its state comes from the back end's events rather than a question a
 * screen asks again, so this store holds it instead of a `useQuery`. Its rule for stale answers
 * is the job: an event or a report of any job but the one shown now changes nothing.
 *
 * Events can overtake the answer to `imports.start` (a small import may finish first), so
 * the newest event of every job is kept and matched to ours once its id is known.
 */
const latestByJob = new Map<string, ImportProgress>();
let finishedListener: ((report: ImportReport) => void) | null = null;

export const useImportStore = create<ImportState>((set, get) => {
  function track(progress: ImportProgress): void {
    set({ progress });
    if (progress.finishedAt === null) return;
    void api.call('imports.get', { jobId: progress.jobId }).then((report) => {
      if (get().progress?.jobId !== report.jobId) return;
      set({ progress: report, report });
      finishedListener?.(report);
    });
  }

  return {
    progress: null,
    report: null,
    start: async (source, copyMedia) => {
      set({ report: null, progress: null });
      const started = await api.call('imports.start', { source, copyMedia });
      track(latestByJob.get(started.jobId) ?? started);
    },
    cancel: async () => {
      const jobId = get().progress?.jobId;
      if (jobId) track(await api.call('imports.cancel', { jobId }));
    },
    clear: () => set({ progress: null, report: null }),
    listen: (onFinished) => {
      finishedListener = onFinished;
      const unsubscribe = api.on('import.progress', (progress) => {
        latestByJob.set(progress.jobId, progress);
        const current = get().progress;
        if (current?.jobId === progress.jobId && current.finishedAt === null) track(progress);
      });
      return () => {
        unsubscribe();
        finishedListener = null;
      };
    },
  };
});
