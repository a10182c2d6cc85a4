import type { ExportFileBatch, ExportFilesReply, ExportFilesRequest } from './export-files-protocol';
import { spawnWorker } from './spawn';
import { WorkerRequests } from './worker-requests';

/** What the worker made of one batch: how many hard links, and the media it could not hard-link (relative path, target, …). */
export interface MadeFiles {
  hard: number;
  symbolic: string[];
}

/**
 * An export's file-making worker seen as an async function: `make(batch)` sends the batch's
 * files (emptying it) and resolves once they exist. Batches are made in the order sent. A file
 * that fails rejects its batch with the system's error (its message and `code`), and every later
 * batch with the same; `close()` ends the thread.
 */
export class ExportFilesWorker {
  private readonly batches: WorkerRequests<ExportFilesRequest, ExportFilesReply, MadeFiles>;

  /** `root`: the export's hidden folder, which the batches' paths are relative to. */
  constructor(root: string) {
    this.batches = new WorkerRequests(spawnWorker('export-files', { root }), {
      name: "the export's file worker",
      read: (reply) => {
        if (reply.ok) return { hard: reply.hard, symbolic: reply.symbolic };
        throw Object.assign(new Error(reply.message), reply.code === null ? {} : { code: reply.code });
      },
    });
  }

  make(batch: ExportFileBatch): Promise<MadeFiles> {
    return this.batches.send((id) => batch.take(id));
  }

  close(): Promise<void> {
    return this.batches.close();
  }
}
