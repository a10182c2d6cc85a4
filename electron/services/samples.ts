import { isAbsolute, join } from 'node:path';
import type { ValidatedArg } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import type { Sample, SampleAgreement, SamplePage } from '../../shared/domain/sample';
import { findAnnotation } from '../db/queries/annotation-reads';
import { getSample, listSamples, tagNamesOf, type SampleListRow } from '../db/queries/samples';
import type { SampleRow } from '../db/schema';
import type { MediaAddress } from '../../shared/api/media-url';
import type { MediaFile } from './hosting/host';
import { hasSampleContent } from '../media/content-check';
import { displayRendition, needsDisplayRendition } from '../media/display-rendition';
import { servableMediaType } from '../media/mime';
import { cachedPeaks } from '../media/peaks-cache';
import { requireProject, type OpenProject, type ServiceContext } from './hosting/context';
import { mediaLocator, projectCacheFile, type MediaLocator } from './media-roots';
import { agreementOf, samplePageWithAgreement, usesAgreement } from './sample-order';

export async function samplesList(ctx: ServiceContext, arg: ValidatedArg<'samples.list'>): Promise<SamplePage> {
  const project = requireProject(ctx);
  const { db } = project.connection;
  const locator = await mediaLocator(ctx.settings, project);
  if (!usesAgreement(arg.filter, arg.sort)) {
    const { total, rows } = await listSamples(db, { ...arg.filter, sort: arg.sort, offset: arg.offset, limit: arg.limit });
    return { total, items: rows.map((row) => toSample(project, locator, row)), classifying: null };
  }
  const { total, rows, classifying } = await samplePageWithAgreement(project, { ...arg.filter, sort: arg.sort, offset: arg.offset, limit: arg.limit });
  return { total, items: rows.map((row) => toSample(project, locator, row)), classifying };
}

/** The agreement between the labelers of each sample asked for, as kept with the Review queue. */
export async function samplesAgreement(ctx: ServiceContext, arg: ValidatedArg<'samples.agreement'>): Promise<SampleAgreement[]> {
  const agreement = await agreementOf(requireProject(ctx), arg.sampleIds);
  return arg.sampleIds.map((sampleId) => ({ sampleId, agreement: agreement.get(sampleId) ?? null }));
}

export async function samplesGet(ctx: ServiceContext, arg: ValidatedArg<'samples.get'>): Promise<Sample> {
  const project = requireProject(ctx);
  const { rows } = await listSamples(project.connection.db, { ids: [arg.sampleId], tags: [], offset: 0, limit: 1 });
  if (!rows[0]) throw new ApiError('not_found', `No sample ${arg.sampleId} in this project.`, [{ path: 'sampleId', message: 'unknown sample' }]);
  const sample = toSample(project, await mediaLocator(ctx.settings, project), rows[0]);
  return ctx.caller?.role === 'labeler' ? await asSeenBy(project, ctx.caller.id, sample) : sample;
}

/**
 * Labelers work blind: how far others got with a sample is not theirs to see, and would tell a
 * gold check (which others have answered and an SME decided) from fresh work. A labeler sees the
 * sample's status as their own annotation's.
 */
async function asSeenBy(project: OpenProject, labelerId: number, sample: Sample): Promise<Sample> {
  const mine = await findAnnotation(project.connection.db, sample.id, labelerId);
  return { ...sample, status: mine?.status ?? 'unlabeled', annotationCount: mine ? 1 : 0, timeSpentMs: mine?.timeSpentMs ?? 0 };
}

/** Where a sample's media is on disk: copied media lives inside the project folder. */
export function mediaPathOf(project: OpenProject, row: Pick<SampleRow, 'media_path'>): string {
  return isAbsolute(row.media_path) ? row.media_path : join(project.paths.dir, row.media_path);
}

function toSample(project: OpenProject, locator: MediaLocator, row: SampleListRow): Sample {
  return {
    id: row.id,
    displayName: row.display_name,
    mediaKind: row.media_kind,
    sha256: row.sha256,
    byteSize: row.byte_size,
    image: row.width !== null && row.height !== null ? { width: row.width, height: row.height } : null,
    audio:
      row.duration_ms !== null && row.sample_rate !== null && row.channels !== null
        ? { durationMs: row.duration_ms, sampleRate: row.sample_rate, channels: row.channels }
        : null,
    metadata: row.metadata,
    tags: tagNamesOf(row),
    status: row.submitted_count > 0 ? 'submitted' : row.annotation_count > 0 ? 'draft' : 'unlabeled',
    annotationCount: row.annotation_count,
    // PostgreSQL's sum is a bigint, read as text.
    timeSpentMs: Number(row.time_spent_ms),
    mediaAvailable: locator.locate(mediaPathOf(project, row)) !== null,
    importedAt: new Date(row.imported_at).toISOString(),
  };
}

/**
 * The file behind a media address. Only samples registered in the open project resolve,
 * so a media URL can never be turned into a read of an arbitrary path; and the database
 * is not believed either: the file must lie inside the project's media roots (after
 * symlinks), hold the content the sample was imported with, and be served as one of the
 * image or audio types Concord imports. Every host serves what this returns and nothing else.
 */
export async function resolveSampleMedia(ctx: ServiceContext, { sampleId, variant, sha256 }: MediaAddress): Promise<MediaFile | null> {
  const project = ctx.project;
  if (!project || !Number.isSafeInteger(sampleId)) return null;
  const row = await getSample(project.connection.db, sampleId);
  if (!row || row.sha256 !== sha256) return null;
  const mimeType = servableMediaType(row.media_kind, row.mime_type);
  if (mimeType === null) return null;
  if (variant === 'thumbnail' && row.media_kind === 'image') {
    const thumbnail = await projectCacheFile(project, join(project.paths.thumbnails, `${row.sha256}.webp`));
    if (thumbnail) return { path: thumbnail, mimeType: 'image/webp' };
  }
  const original = (await mediaLocator(ctx.settings, project)).locate(mediaPathOf(project, row));
  if (original === null || !(await hasSampleContent(original, { sha256: row.sha256, byteSize: row.byte_size }))) return null;
  if (variant === 'peaks') {
    const computed = row.media_kind === 'audio' ? await peaksFile(project, original, row.sha256) : null;
    const peaks = computed === null ? null : await projectCacheFile(project, computed);
    return peaks ? { path: peaks, mimeType: 'application/octet-stream' } : null;
  }
  if (variant === 'display' && row.width !== null && row.height !== null && needsDisplayRendition(row.width, row.height)) {
    const display = await projectCacheFile(project, await displayRendition(original, row.sha256, join(project.paths.dir, 'cache', 'display')));
    return display ? { path: display, mimeType: 'image/webp' } : null;
  }
  return { path: original, mimeType };
}

/**
 * The waveform peaks of an audio sample, or null (a 404 for both hosts) when they
 * cannot be computed: the editor then shows no overview but still plays the audio,
 * which is better than an error page for a file that did import. Caught here rather
 * than left to the hosts, which would turn a throw into a bare 500 (web) or a failed
 * protocol request (Electron).
 */
async function peaksFile(project: OpenProject, original: string, sha256: string): Promise<string | null> {
  try {
    return await cachedPeaks(original, sha256, join(project.paths.dir, 'cache', 'peaks'));
  } catch (error) {
    console.warn(`[media] no waveform peaks for ${original}:`, error instanceof Error ? error.message : error);
    return null;
  }
}
