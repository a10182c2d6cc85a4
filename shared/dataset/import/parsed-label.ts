/** A label read from another tool's file, before it is matched to a sample. */
export interface ParsedLabel {
  /** The media file it belongs to, as the file names it (matched to samples by base name, else by content). */
  file: string;
  /** Where it was read, for messages: "line 4", "image 2 (id 17)", "cat.xml". */
  where: string;
  content:
    | { kind: 'boxes'; boxes: ParsedBox[] }
    /** YOLO: centre and size as shares of the image, converted once the image's size is known. */
    | { kind: 'normalized-boxes'; boxes: { className: string; cx: number; cy: number; w: number; h: number }[] }
    | { kind: 'segments'; segments: { startMs: number; endMs: number | null; text: string }[] };
}

export interface ParsedBox {
  className: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** Something in the file that could not be imported, and where; the rest still imports. */
export interface ImportProblem {
  where: string;
  message: string;
}

export interface ParseResult {
  labels: ParsedLabel[];
  problems: ImportProblem[];
}
