import { writeFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { MediaLinks } from '../services/datasets/media-links';
import { eachExportFile, TEXT, type ExportFilesReply, type ExportFilesRequest } from './export-files-protocol';

/**
 * Makes a large export's hard links and small files, one after another, while the main thread
 * formats the next ones: the disk's system calls took one core's seconds at 100,000 images, in
 * turn with the export's own work, and the other core was idle. A media file that cannot be
 * hard-linked is sent back for a symbolic link (made on the main thread, as a small export's
 * are). After a failure every later batch is refused: the export is failing and its folder will
 * be removed.
 */
const port = parentPort;
if (!port) throw new Error("the export's file worker must run as a worker thread");
const { root } = workerData as { root: string };
const links = new MediaLinks();
let failed: ExportFilesReply | null = null;

port.on('message', (request: ExportFilesRequest) => port.postMessage(makeFiles(request)));

function makeFiles(request: ExportFilesRequest): ExportFilesReply {
  if (failed) return { ...failed, id: request.id };
  const hardBefore = links.counts.hard;
  const symbolic: string[] = [];
  try {
    eachExportFile(request, (kind, path, targetOrText) => {
      const to = `${root}/${path}`;
      if (kind === TEXT) writeFileSync(to, targetOrText);
      else if (!links.tryHard(targetOrText, to)) symbolic.push(path, targetOrText);
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    failed = { id: request.id, ok: false, message: error instanceof Error ? error.message : String(error), code: typeof code === 'string' ? code : null };
    return failed;
  }
  return { id: request.id, ok: true, hard: links.counts.hard - hardBefore, symbolic };
}
