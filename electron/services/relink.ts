import { stat } from 'node:fs/promises';
import type { RelinkResult, ValidatedArg } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import { listSampleMedia, updateMediaPath } from '../db/queries/samples';
import { inTransaction } from '../db/transaction';
import { ProbeClient } from '../workers/probe-client';
import { requireProject, type ServiceContext } from './hosting/context';
import { scanFolder } from './imports/scan-folder';
import { mediaLocator, trustMediaFiles } from './media-roots';
import { mediaPathOf } from './samples';

/** Files checked per message to the probe worker. */
const RELINK_BATCH_SIZE = 50;

/**
 * Points samples whose media has moved at their files' new home. Files are recognised by
 * content hash, so renamed and reorganised folders re-link too. Media outside the
 * project's media roots count as missing: re-linking is also how a project brought from
 * elsewhere gets its in-place media served, the user choosing the folder.
 */
export async function relinkMedia(ctx: ServiceContext, arg: ValidatedArg<'media.relink'>): Promise<RelinkResult> {
  const project = requireProject(ctx);
  const { db } = project.connection;
  const folder = await stat(arg.folder).catch(() => null);
  if (!folder?.isDirectory()) throw new ApiError('not_found', `${arg.folder} is not a folder.`);

  const missing = new Map<string, number>();
  const missingSizes = new Set<number>();
  const locator = await mediaLocator(ctx.settings, project);
  for (const row of await listSampleMedia(db)) {
    if (locator.locate(mediaPathOf(project, row)) !== null) continue;
    missing.set(row.sha256, row.id);
    missingSizes.add(row.byte_size);
  }
  if (missing.size === 0) return { relinked: 0, stillMissing: 0 };

  const { candidates } = await scanFolder(arg.folder, project.kind === 'bbox' ? 'image' : 'audio');
  const found = new Map<number, string>();
  const probes = new ProbeClient();
  try {
    let batch: string[] = [];
    const probeBatch = async () => {
      const results = await probes.probeAll(batch, project.kind === 'bbox' ? 'image' : 'audio', project.paths.thumbnails);
      for (const [index, result] of results.entries()) {
        const sampleId = result.ok ? missing.get(result.sha256) : undefined;
        if (sampleId !== undefined && !found.has(sampleId)) found.set(sampleId, batch[index]!);
      }
      batch = [];
    };
    for (const candidate of candidates) {
      // Hashing is the slow part; a file of another size cannot be the same content.
      const size = (await stat(candidate.path).catch(() => null))?.size;
      if (size === undefined || !missingSizes.has(size)) continue;
      batch.push(candidate.path);
      if (batch.length === RELINK_BATCH_SIZE) await probeBatch();
      if (found.size === missing.size) break;
    }
    if (batch.length > 0 && found.size < missing.size) await probeBatch();
  } finally {
    await probes.close();
  }
  await trustMediaFiles(ctx.settings, project, [...found.values()]);
  await inTransaction(db, async (trx) => {
    for (const [id, path] of found) await updateMediaPath(trx, id, path);
  });
  return { relinked: found.size, stillMissing: missing.size - found.size };
}
