import { extname } from 'node:path';

export type MediaKind = 'image' | 'audio';

export type MediaFormat = 'jpeg' | 'png' | 'webp' | 'wav' | 'mp3' | 'flac' | 'ogg';

export interface MediaFormatInfo {
  kind: MediaKind;
  mimeType: string;
  /** How a labeler would call it, used in rejection reasons: "not a PNG image". */
  label: string;
  /** Article for `label`, so reasons read "an MP3 audio file", not "a MP3 audio file". */
  article: 'a' | 'an';
  extensions: readonly string[];
}

export const MEDIA_FORMATS: Readonly<Record<MediaFormat, MediaFormatInfo>> = {
  jpeg: { kind: 'image', mimeType: 'image/jpeg', label: 'JPEG image', article: 'a', extensions: ['.jpg', '.jpeg'] },
  png: { kind: 'image', mimeType: 'image/png', label: 'PNG image', article: 'a', extensions: ['.png'] },
  webp: { kind: 'image', mimeType: 'image/webp', label: 'WebP image', article: 'a', extensions: ['.webp'] },
  wav: { kind: 'audio', mimeType: 'audio/wav', label: 'WAV audio file', article: 'a', extensions: ['.wav'] },
  mp3: { kind: 'audio', mimeType: 'audio/mpeg', label: 'MP3 audio file', article: 'an', extensions: ['.mp3'] },
  flac: { kind: 'audio', mimeType: 'audio/flac', label: 'FLAC audio file', article: 'a', extensions: ['.flac'] },
  ogg: { kind: 'audio', mimeType: 'audio/ogg', label: 'Ogg audio file', article: 'an', extensions: ['.ogg'] },
};

const FORMAT_BY_EXTENSION: ReadonlyMap<string, MediaFormat> = new Map(
  (Object.keys(MEDIA_FORMATS) as MediaFormat[]).flatMap((format) => MEDIA_FORMATS[format].extensions.map((extension) => [extension, format] as const)),
);

function extensionsOfKind(kind: MediaKind): readonly string[] {
  return Object.values(MEDIA_FORMATS)
    .filter((info) => info.kind === kind)
    .flatMap((info) => info.extensions);
}

export const IMAGE_EXTENSIONS: readonly string[] = extensionsOfKind('image');
export const AUDIO_EXTENSIONS: readonly string[] = extensionsOfKind('audio');

/** Lower-cased extension with its dot (".png"), or "" when the name has none. */
export function extensionOfPath(path: string): string {
  return extname(path).toLowerCase();
}

export function mediaFormatOfPath(path: string): MediaFormat | null {
  return FORMAT_BY_EXTENSION.get(extensionOfPath(path)) ?? null;
}

export function mediaKindOfPath(path: string): MediaKind | null {
  const format = mediaFormatOfPath(path);
  return format === null ? null : MEDIA_FORMATS[format].kind;
}

export function mimeTypeOfPath(path: string): string | null {
  const format = mediaFormatOfPath(path);
  return format === null ? null : MEDIA_FORMATS[format].mimeType;
}

export function describeFormat(format: MediaFormat): string {
  const info = MEDIA_FORMATS[format];
  return `${info.article} ${info.label}`;
}

/**
 * The content type a sample of `kind` is served with, when `mimeType` is one of the
 * supported formats of that kind; null otherwise. A project's database is not trusted to
 * name the type: `text/html` or `image/svg+xml` would run a page's script on the app's
 * origin, so only the image and audio types Concord imports pass.
 */
export function servableMediaType(kind: MediaKind, mimeType: string): string | null {
  return Object.values(MEDIA_FORMATS).some((info) => info.kind === kind && info.mimeType === mimeType) ? mimeType : null;
}
