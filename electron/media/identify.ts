import { fileErrorReason } from './error-reasons';
import { AUDIO_EXTENSIONS, IMAGE_EXTENSIONS, MEDIA_FORMATS, describeFormat, extensionOfPath, mediaFormatOfPath } from './mime';
import type { MediaFormat, MediaKind } from './mime';
import { SNIFF_LENGTH, sniffContent } from './sniff';
import { readHead } from './read-head';

export type Identified = { ok: true; format: MediaFormat } | { ok: false; reason: string };

/**
 * Decides which supported format a file really is: the name says what it should
 * be, the first bytes say what it is.
 *
 * A file whose content is another supported format of the project's kind (a PNG
 * named .jpg, common in scraped datasets) is ACCEPTED, as its real format: browsers
 * and decoders go by content, so it displays or plays fine, and rejecting it would
 * only make labelers rename files. Anything else whose content contradicts its name
 * is rejected, saying what the file really is. `bytes`: the file's content when the caller
 * holds it already, so the head is not read again.
 */
export async function identifyFormat(path: string, kind: MediaKind, byteSize: number, bytes?: Uint8Array): Promise<Identified> {
  const namedFormat = mediaFormatOfPath(path);
  if (namedFormat === null) return { ok: false, reason: unsupportedTypeReason(path, kind) };
  const named = MEDIA_FORMATS[namedFormat];
  if (named.kind !== kind) return { ok: false, reason: `${named.kind} file in an ${kind} project` };
  if (byteSize === 0) return { ok: false, reason: 'empty file (0 bytes)' };

  let head: Uint8Array;
  try {
    head = bytes ? bytes.subarray(0, SNIFF_LENGTH) : await readHead(path);
  } catch (error) {
    return { ok: false, reason: fileErrorReason(error) };
  }
  const extension = extensionOfPath(path);
  const sniffed = sniffContent(head);
  switch (sniffed.kind) {
    case 'supported':
      if (MEDIA_FORMATS[sniffed.format].kind === kind) return { ok: true, format: sniffed.format };
      return { ok: false, reason: `file is ${describeFormat(sniffed.format)} but is named ${extension}` };
    case 'unsupported':
      return { ok: false, reason: `file is ${sniffed.description} but is named ${extension}` };
    case 'id3-tagged':
      if (kind !== 'audio') return { ok: false, reason: `file is ${describeFormat('mp3')} but is named ${extension}` };
      return { ok: true, format: namedFormat === 'flac' ? 'flac' : 'mp3' };
    case 'text':
      return { ok: false, reason: `not ${named.article} ${named.label}: the file contains text` };
    case 'unrecognised':
      // MP3 is a bare frame stream that may start with junk before the first frame;
      // the MP3 parser resynchronises, and the audio check rejects it if it finds no frames.
      if (namedFormat === 'mp3') return { ok: true, format: 'mp3' };
      return {
        ok: false,
        reason: `not ${named.article} ${named.label}: the content is not a format Concord recognises`,
      };
  }
}

function unsupportedTypeReason(path: string, kind: MediaKind): string {
  const extension = extensionOfPath(path);
  const accepted = kind === 'image' ? `images: ${IMAGE_EXTENSIONS.join(', ')}` : `audio: ${AUDIO_EXTENSIONS.join(', ')}`;
  return extension === '' ? `unsupported file type: the name has no extension (${accepted})` : `unsupported file type ${extension} (${accepted})`;
}
