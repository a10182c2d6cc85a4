import { randomUUID } from 'node:crypto';
import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImportReport } from '../../../shared/api/imports';
import { ensureTags } from '../../db/queries/project';
import { findByHashes, insertSample } from '../../db/queries/samples';
import { updateImportJob } from '../../db/queries/import-jobs';
import { inTransaction } from '../../db/transaction';
import type { ProbeResult } from '../../media/probe';
import { ProbeClient } from '../../workers/probe-client';
import type { OpenProject } from '../hosting/context';
import type { ImportCandidate, ScanResult } from './candidate';
import { copyIntoProject, projectCopyPath } from './copy-media';
import { isManifestPath, scanManifest } from './scan-manifest';
import { scanFolder } from './scan-folder';

/** Files committed per transaction: small enough that cancelling loses little, large enough to be fast. */
const BATCH_SIZE = 50;
/** Files probed at once; the worker hashes and decodes them in parallel. */
const PROBES_IN_FLIGHT = 4;

export interface ImportRun {
  jobId: string;
  source: string;
  copyMedia: boolean;
  signal: AbortSignal;
  /** Called whenever the counters move; the report object is live, copy what you keep. */
  onProgress: (report: ImportReport) => void;
  /** Files already known to the caller; when absent the source is scanned. */
  scanned?: ScanResult | undefined;
  /** Called with the files about to be registered in place, so they may be served. */
  trustMedia: (files: string[]) => Promise<void>;
}

/**
 * Imports every media file of a folder or manifest into the project. Each batch is one
 * transaction: a sample row is written with its tags or not at all, so cancelling or a
 * crash leaves only whole samples behind, and importing again picks up the rest (already
 * imported content is recognised by its hash).
 */
export async function runImport(project: OpenProject, run: ImportRun, report: ImportReport): Promise<void> {
  const { db } = project.connection;
  const kind = project.kind === 'bbox' ? 'image' : 'audio';
  const scan = run.scanned ?? (await scanSource(run.source, kind, run.signal, project.paths.dir));
  report.problems.push(...scan.problems);
  report.failed = scan.problems.length;
  report.total = scan.candidates.length + scan.problems.length;
  report.processed = scan.problems.length;
  report.state = 'importing';
  await updateImportJob(db, report);
  run.onProgress(report);

  const probes = new ProbeClient();
  const onAbort = () => void probes.close();
  run.signal.addEventListener('abort', onAbort, { once: true });
  try {
    for (let start = 0; start < scan.candidates.length && !run.signal.aborted; start += BATCH_SIZE) {
      const batch = scan.candidates.slice(start, start + BATCH_SIZE);
      const processedBefore = report.processed;
      let results: Array<ProbeResult | undefined> = [];
      try {
        results = await probeAll(
          batch,
          (c) => probes.probe(c.path, kind, project.paths.thumbnails),
          run.signal,
          () => {
            report.processed++;
            run.onProgress(report);
          },
        );
        // A batch interrupted by cancel is dropped whole: none of it was written.
        if (run.signal.aborted) {
          report.processed = processedBefore;
          break;
        }
        if (results.some((r) => r && !r.ok && r.diskFull)) throw Object.assign(new Error('disk full'), { code: 'ENOSPC' });
        await commitBatch(project, run, batch, results as ProbeResult[], report);
      } catch (error) {
        await removeUncommitted(project, batch, results);
        throw isDiskFull(error) ? diskFullError(report) : error;
      }
      run.onProgress(report);
    }
  } finally {
    run.signal.removeEventListener('abort', onAbort);
    await probes.close();
  }
  report.state = run.signal.aborted ? 'cancelled' : 'done';
  report.finishedAt = new Date().toISOString();
  await updateImportJob(db, report);
  run.onProgress(report);
}

async function scanSource(source: string, kind: 'image' | 'audio', signal: AbortSignal, projectDir: string): Promise<ScanResult> {
  if (isManifestPath(source)) return scanManifest(source);
  const info = await stat(source);
  if (info.isDirectory()) return scanFolder(source, kind, signal, projectDir);
  return { candidates: [{ path: source, displayName: source.split(/[\\/]/).pop() ?? source, tags: [], metadata: {} }], problems: [] };
}

async function probeAll(
  batch: ImportCandidate[],
  probe: (candidate: ImportCandidate) => Promise<ProbeResult>,
  signal: AbortSignal,
  onEach: () => void,
): Promise<Array<ProbeResult | undefined>> {
  const results: Array<ProbeResult | undefined> = new Array(batch.length);
  let next = 0;
  const lane = async () => {
    while (next < batch.length && !signal.aborted) {
      const index = next++;
      results[index] = await probe(batch[index]!);
      if (!signal.aborted) onEach();
    }
  };
  await Promise.all(Array.from({ length: Math.min(PROBES_IN_FLIGHT, batch.length) }, lane));
  return results;
}

async function commitBatch(project: OpenProject, run: ImportRun, batch: ImportCandidate[], results: ProbeResult[], report: ImportReport): Promise<void> {
  const { db } = project.connection;
  const hashes = results.flatMap((r) => (r.ok ? [r.sha256] : []));
  const known = await findByHashes(db, hashes);
  const fresh: Array<{ candidate: ImportCandidate; probe: Extract<ProbeResult, { ok: true }>; mediaPath: string }> = [];
  for (const [index, result] of results.entries()) {
    const candidate = batch[index]!;
    if (!result.ok) {
      report.problems.push({ path: candidate.path, reason: result.reason, ...(candidate.line ? { line: candidate.line } : {}) });
      report.failed++;
      continue;
    }
    const existing = known.get(result.sha256);
    if (existing !== undefined) {
      report.duplicateFiles.push({ path: candidate.path, duplicateOf: existing });
      report.duplicates++;
      continue;
    }
    known.set(result.sha256, candidate.displayName);
    try {
      const mediaPath = run.copyMedia ? await copyIntoProject(project.paths, candidate.path, result.sha256) : candidate.path;
      fresh.push({ candidate, probe: result, mediaPath });
    } catch (error) {
      if (isDiskFull(error)) throw error;
      report.problems.push({ path: candidate.path, reason: `could not copy into the project: ${(error as Error).message}` });
      report.failed++;
    }
  }
  if (!run.copyMedia) await run.trustMedia(fresh.map((f) => f.mediaPath));
  const importedAt = Date.now();
  await inTransaction(db, async (trx) => {
    const tagIds = await ensureTags(
      trx,
      fresh.flatMap((f) => f.candidate.tags),
    );
    for (const { candidate, probe, mediaPath } of fresh) {
      await insertSample(
        trx,
        {
          display_name: candidate.displayName,
          media_path: mediaPath,
          media_copied: run.copyMedia ? 1 : 0,
          media_kind: probe.mediaKind,
          mime_type: probe.mimeType,
          sha256: probe.sha256,
          byte_size: probe.byteSize,
          width: probe.image?.width ?? null,
          height: probe.image?.height ?? null,
          duration_ms: probe.audio?.durationMs ?? null,
          sample_rate: probe.audio?.sampleRate ?? null,
          channels: probe.audio?.channels ?? null,
          metadata_json: JSON.stringify(candidate.metadata),
          imported_at: importedAt,
          import_job_id: run.jobId,
        },
        candidate.tags.map((t) => tagIds.get(t)!),
      );
    }
    await updateImportJob(trx, { ...report, imported: report.imported + fresh.length });
  });
  // Counted only once committed, so a batch that failed is not reported as imported.
  report.imported += fresh.length;
}

function isDiskFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL';
}

/** What the user reads when the disk fills up: what was kept, and how to finish the job. */
function diskFullError(report: ImportReport): Error {
  return new Error(
    `The disk is full: ${report.imported} of ${report.total} files were imported before it filled up, and nothing of the rest was kept. ` +
      'Free some space and run the same import again: the files already imported are recognised and skipped.',
  );
}

/**
 * After a batch failed, removes the thumbnails and media copies it made for content that
 * did not become a sample, so a failed import leaves no files that nothing refers to.
 */
async function removeUncommitted(project: OpenProject, batch: ImportCandidate[], results: Array<ProbeResult | undefined>): Promise<void> {
  const made = results.flatMap((result, index) => (result?.ok ? [{ sha256: result.sha256, source: batch[index]!.path }] : []));
  if (made.length === 0) return;
  const kept = await findByHashes(
    project.connection.db,
    made.map((m) => m.sha256),
  ).catch(() => null);
  if (!kept) return; // cannot tell what is in use: leaving a file is better than removing a sample's
  for (const { sha256, source } of made.filter((m) => !kept.has(m.sha256))) {
    await rm(join(project.paths.thumbnails, `${sha256}.webp`), { force: true });
    await rm(projectCopyPath(project.paths, source, sha256), { force: true });
  }
}

export const newJobId = (): string => randomUUID();
