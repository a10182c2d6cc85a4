/**
 * How media is addressed by both hosts: `sample/<id>/<variant>/<sha256>`, under `/media/`
 * on the web server and `concord-media://` in Electron. The content hash makes the
 * address unique across projects (sample ids restart in every project), so a cached
 * image is never shown for another project's sample, and lets the response be cached
 * for good.
 */
/**
 * `original`: the file as imported. `thumbnail`: 256 px, for lists. `display`: what an
 * editor draws: the original, or a downsampled copy of an image too large for a canvas.
 * `peaks`: an audio sample's waveform overview (format in shared/media/peaks).
 */
/** The query parameter carrying a session's media ticket (elements like `<img>` cannot send headers). */
export const MEDIA_TICKET_PARAM = 'ticket';

export type MediaVariant = 'original' | 'thumbnail' | 'display' | 'peaks';

export interface MediaAddress {
  sampleId: number;
  variant: MediaVariant;
  sha256: string;
}

/** @example mediaPath({ id: 3, sha256: 'ab…' }, 'thumbnail') // 'sample/3/thumbnail/ab…' */
export function mediaPath(sample: { id: number; sha256: string }, variant: MediaVariant): string {
  return `sample/${sample.id}/${variant}/${sample.sha256}`;
}

/** The address in a media path, or null for anything that is not exactly one. */
export function parseMediaPath(path: string): MediaAddress | null {
  const match = /^\/*sample\/([1-9]\d{0,15})\/(original|thumbnail|display|peaks)\/([0-9a-f]{64})$/.exec(path);
  if (!match) return null;
  return { sampleId: Number(match[1]), variant: match[2] as MediaVariant, sha256: match[3]! };
}
