import { randomUUID } from 'node:crypto';
import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImportReport } from '../../../shared/api/imports';
import { ensureTags } from '../../db/queries/project';
import { findByHashes, insertSamplesWithTags } from '../../db/queries/samples';
import { updateImportCounters, updateImportJob } from '../../db/queries/import-jobs';
import { inTransaction } from '../../db/transaction';
import type { ProbeResult } from '../../media/probe';
import { ProbeClient } from '../../workers/probe-client';
import type { OpenProject } from '../hosting/context';
import { NO_METADATA, NO_TAGS, type ImportCandidate, type ScanResult } from './candidate';
import { copyIntoProject, projectCopyPath } from './copy-media';
import { isManifestPath, scanManifest } from './scan-manifest';
import { scanFolder } from './scan-folder';

/**
 * Files checked by the worker per message and committed per transaction: each batch costs
 * a round trip and a durable commit, so a batch amortises both over many small files, yet
 * stays small enough that cancelling loses little and progress moves a few times a second.
 */
const BATCH_SIZE = 100;
/** At most this often the job's problem and duplicate lists are rewritten while it runs: they grow with the files. */
const LISTS_WRITE_INTERVAL_MS = 5_000;

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
 * imported content is recognised by its hash). The worker checks the next batch while
 * this one is committed.
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

  const { candidates } = scan;
  const probes = new ProbeClient();
  const probe = (start: number) => {
    const batch = candidates.slice(start, start + BATCH_SIZE);
    return {
      batch,
      results: probes.probeAll(
        batch.map((c) => c.path),
        kind,
        project.paths.thumbnails,
      ),
    };
  };
  const onAbort = () => void probes.close();
  run.signal.addEventListener('abort', onAbort, { once: true });
  const lists = { written: Date.now(), size: report.problems.length };
  try {
    let next = candidates.length > 0 ? probe(0) : null;
    for (let start = 0; next && !run.signal.aborted; start += BATCH_SIZE) {
      const { batch } = next;
      const results = await next.results;
      // A batch interrupted by cancel is dropped whole: none of it was written.
      if (run.signal.aborted) break;
      next = start + BATCH_SIZE < candidates.length ? probe(start + BATCH_SIZE) : null;
      try {
        if (results.some((r) => !r.ok && r.diskFull)) throw Object.assign(new Error('disk full'), { code: 'ENOSPC' });
        const size = report.problems.length + report.duplicateFiles.length;
        const writeLists = size !== lists.size && Date.now() - lists.written >= LISTS_WRITE_INTERVAL_MS;
        await commitBatch(project, run, batch, results, report, writeLists);
        if (writeLists) Object.assign(lists, { written: Date.now(), size });
      } catch (error) {
        await removeUncommitted(project, batch, results);
        // The batch checked meanwhile made thumbnails too: let it finish, then remove them with the rest.
        if (next) await removeUncommitted(project, next.batch, await next.results);
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
  return { candidates: [{ path: source, displayName: source.split(/[\\/]/).pop() ?? source, tags: NO_TAGS, metadata: NO_METADATA }], problems: [] };
}

/**
 * Writes a checked batch in one transaction. `writeLists`: also rewrite the job's problem and
 * duplicate lists, which otherwise only its counters are (the lists are written whole at the end).
 */
async function commitBatch(
  project: OpenProject,
  run: ImportRun,
  batch: ImportCandidate[],
  results: ProbeResult[],
  report: ImportReport,
  writeLists: boolean,
): Promise<void> {
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
    await insertSamplesWithTags(
      trx,
      fresh.map(({ candidate, probe, mediaPath }) => ({
        row: {
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
        tagIds: candidate.tags.map((t) => tagIds.get(t)!),
      })),
    );
    const counted = { ...report, imported: report.imported + fresh.length, processed: report.processed + batch.length };
    await (writeLists ? updateImportJob(trx, counted) : updateImportCounters(trx, counted));
  });
  // Counted only once committed, so a batch that failed is not reported as imported.
  report.imported += fresh.length;
  report.processed += batch.length;
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
