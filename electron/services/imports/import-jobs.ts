import { stat } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { ApiError } from '../../../shared/api/errors';
import type { ImportProgress, ImportReport } from '../../../shared/api/imports';
import { getImportJob, insertImportJob, updateImportJob } from '../../db/queries/import-jobs';
import type { EventBus } from '../hosting/events';
import type { OpenProject } from '../hosting/context';
import type { ScanResult } from './candidate';
import { newJobId, runImport } from './run-import';

/** Progress events at most this often, so 10,000 quick files don't flood the UI. */
const PROGRESS_INTERVAL_MS = 100;

interface RunningJob {
  controller: AbortController;
  report: ImportReport;
  finished: Promise<ImportReport>;
}

/** The imports under way in this host, so they can be watched, cancelled and awaited. */
export class ImportJobs {
  private readonly running = new Map<string, RunningJob>();
  /**
   * Final reports of the jobs this host ran. The database normally has them too, but not
   * when the last write failed (a full disk): then this is what says the job has ended.
   */
  private readonly ended = new Map<string, ImportReport>();

  /**
   * `trustMedia` is told which files a job is about to register in place (not copied),
   * before they are written, so their folders become media roots the project may serve.
   */
  constructor(
    private readonly events: EventBus,
    private readonly trustMedia: (project: OpenProject, files: string[]) => Promise<void>,
  ) {}

  get busy(): boolean {
    return this.running.size > 0;
  }

  /**
   * Checks the source, records the job and starts it in the background. `scanned` lets a
   * caller that already knows its files (the demo seeder) skip the folder walk.
   */
  async start(project: OpenProject, source: string, copyMedia: boolean, scanned?: ScanResult): Promise<ImportProgress> {
    if (!isAbsolute(source)) throw new ApiError('invalid_argument', `Give the full path of the folder or manifest to import (got "${source}").`);
    const info = await stat(source).catch(() => null);
    if (!info) throw new ApiError('not_found', `Nothing to import at ${source}: no such file or folder.`);

    const jobId = newJobId();
    const startedAt = Date.now();
    await insertImportJob(project.connection.db, { id: jobId, source, copyMedia, startedAt });
    const report: ImportReport = {
      jobId,
      state: 'scanning',
      source,
      total: 0,
      processed: 0,
      imported: 0,
      duplicates: 0,
      failed: 0,
      startedAt: new Date(startedAt).toISOString(),
      finishedAt: null,
      problems: [],
      duplicateFiles: [],
    };
    const controller = new AbortController();
    let lastEmit = 0;
    const onProgress = (current: ImportReport) => {
      const now = Date.now();
      if (current.finishedAt === null && current.state === 'importing' && now - lastEmit < PROGRESS_INTERVAL_MS) return;
      lastEmit = now;
      this.events.emit('import.progress', progressOf(current));
    };
    const finished = runImport(
      project,
      { jobId, source, copyMedia, signal: controller.signal, onProgress, scanned, trustMedia: (files) => this.trustMedia(project, files) },
      report,
    )
      .catch(async (error: unknown) => {
        report.state = 'failed';
        report.error = error instanceof Error ? error.message : String(error);
        report.finishedAt = new Date().toISOString();
        await updateImportJob(project.connection.db, report).catch(() => undefined);
        this.events.emit('import.progress', progressOf(report));
      })
      .then(() => {
        this.ended.set(jobId, report);
        // A cancelled or failed import keeps the batches it committed: those samples are there too.
        if (report.imported > 0) this.events.emit('queues.changed', { cause: 'import' });
        return report;
      })
      .finally(() => this.running.delete(jobId));
    this.running.set(jobId, { controller, report, finished });
    this.events.emit('import.progress', progressOf(report));
    return progressOf(report);
  }

  async cancel(project: OpenProject, jobId: string): Promise<ImportProgress> {
    const job = this.running.get(jobId);
    if (!job) return progressOf(await this.get(project, jobId));
    job.controller.abort();
    return progressOf(await job.finished);
  }

  async get(project: OpenProject, jobId: string): Promise<ImportReport> {
    const job = this.running.get(jobId);
    if (job) return structuredClone(job.report);
    const ended = this.ended.get(jobId);
    if (ended) return structuredClone(ended);
    const stored = await getImportJob(project.connection.db, jobId);
    if (!stored) throw new ApiError('not_found', `No import ${jobId} in this project.`);
    return stored;
  }

  /** Resolves with the final report once the job ends (used by the CLI and demo seeding). */
  async wait(project: OpenProject, jobId: string): Promise<ImportReport> {
    const job = this.running.get(jobId);
    return job ? job.finished : this.get(project, jobId);
  }

  async cancelAll(): Promise<void> {
    for (const job of this.running.values()) job.controller.abort();
    await Promise.all([...this.running.values()].map((job) => job.finished));
  }
}

function progressOf(report: ImportReport): ImportProgress {
  const { problems: _problems, duplicateFiles: _duplicates, ...progress } = report;
  return progress;
}
