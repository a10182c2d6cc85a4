/**
 * Messages between an export and its file-making worker, which is started with the export's
 * hidden folder and makes each batch's files in the order sent. A batch is one string holding
 * every path, link target and file text end to end, with their lengths beside it: crossing to
 * the worker is then one copy of the characters, not a cloned object per file.
 */
export interface ExportFilesRequest {
  id: number;
  text: string;
  /** For each file in order: its kind (`LINK` or `TEXT`), its path's length and its target's or content's length. */
  layout: Uint32Array;
}

export type ExportFilesReply =
  /** `symbolic`: relative path and target of each media file that could not be hard-linked, pairs end to end. */
  { id: number; ok: true; hard: number; symbolic: string[] } | { id: number; ok: false; message: string; code: string | null };

/** A media file hard-linked to its target. */
export const LINK = 0;
/** A small file written with its text. */
export const TEXT = 1;

/** Files gathered for one request, in the order they are to be made. */
export class ExportFileBatch {
  private readonly parts: string[] = [];
  private readonly layout: number[] = [];
  private characters = 0;

  get size(): number {
    return this.parts.length / 2;
  }

  /** How long the request's text would be. */
  get length(): number {
    return this.characters;
  }

  add(kind: typeof LINK | typeof TEXT, path: string, targetOrText: string): void {
    this.parts.push(path, targetOrText);
    this.layout.push(kind, path.length, targetOrText.length);
    this.characters += path.length + targetOrText.length;
  }

  /** The request for these files, emptying the batch. */
  take(id: number): ExportFilesRequest {
    const request = { id, text: this.parts.join(''), layout: Uint32Array.from(this.layout) };
    this.parts.length = 0;
    this.layout.length = 0;
    this.characters = 0;
    return request;
  }
}

/** Calls `make` for each file of a request, in order. */
export function eachExportFile(request: ExportFilesRequest, make: (kind: number, path: string, targetOrText: string) => void): void {
  const { text, layout } = request;
  let at = 0;
  for (let i = 0; i < layout.length; i += 3) {
    const pathEnd = at + layout[i + 1]!;
    const end = pathEnd + layout[i + 2]!;
    make(layout[i]!, text.slice(at, pathEnd), text.slice(pathEnd, end));
    at = end;
  }
}
