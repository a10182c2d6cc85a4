/** A label read from another tool's file, before it is matched to a sample. */
export interface ParsedLabel {
  /** The media file it belongs to, as the file names it (matched to samples by base name, else by content). */
  file: string;
  /** Where it was read, for messages: "line 4", "image 2 (id 17)", "cat.xml". */
  where: string;
  /**
   * Who made it, as the file names them (Label Studio's `completed_by`, CVAT's job assignee);
   * absent when the file does not say, and the import's own labeler name is used.
   */
  annotator?: string;
  content:
    | { kind: 'boxes'; boxes: ParsedBox[] }
    /** YOLO: centre and size as shares of the image, converted once the image's size is known. */
    | { kind: 'normalized-boxes'; boxes: { className: string; cx: number; cy: number; w: number; h: number }[] }
    /** Label Studio: top-left corner and size in percent of the image, converted once its size is known. */
    | { kind: 'percent-boxes'; boxes: { className: string; x: number; y: number; width: number; height: number }[] }
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
