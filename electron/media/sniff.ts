import type { MediaFormat } from './mime';

/** How many leading bytes `sniffContent` wants; fewer is fine for short files. */
export const SNIFF_LENGTH = 4096;

export type SniffedContent =
  | { kind: 'supported'; format: MediaFormat }
  /** A format we recognise but Concord does not accept, e.g. "a GIF image". */
  | { kind: 'unsupported'; description: string }
  /** Audio behind an ID3v2 tag too long to see past (cover art): MP3, or FLAC, which also allows one. */
  | { kind: 'id3-tagged' }
  | { kind: 'text' }
  | { kind: 'unrecognised' };

interface Signature {
  offset: number;
  bytes: string;
}

interface KnownFormat {
  /** All signatures must match. */
  signatures: readonly Signature[];
  result: SniffedContent;
}

const supported = (format: MediaFormat): SniffedContent => ({ kind: 'supported', format });
const unsupported = (description: string): SniffedContent => ({ kind: 'unsupported', description });

// Byte strings are written as latin1 so "\x89PNG" means the bytes 89 50 4E 47.
const KNOWN_FORMATS: readonly KnownFormat[] = [
  { signatures: [{ offset: 0, bytes: '\xFF\xD8\xFF' }], result: supported('jpeg') },
  { signatures: [{ offset: 0, bytes: '\x89PNG\r\n\x1A\n' }], result: supported('png') },
  {
    signatures: [
      { offset: 0, bytes: 'RIFF' },
      { offset: 8, bytes: 'WEBP' },
    ],
    result: supported('webp'),
  },
  {
    signatures: [
      { offset: 0, bytes: 'RIFF' },
      { offset: 8, bytes: 'WAVE' },
    ],
    result: supported('wav'),
  },
  { signatures: [{ offset: 0, bytes: 'fLaC' }], result: supported('flac') },
  { signatures: [{ offset: 0, bytes: 'OggS' }], result: supported('ogg') },
  { signatures: [{ offset: 0, bytes: 'GIF8' }], result: unsupported('a GIF image') },
  {
    signatures: [
      { offset: 0, bytes: 'BM' },
      { offset: 6, bytes: '\x00\x00\x00\x00' },
    ],
    result: unsupported('a BMP image'),
  },
  { signatures: [{ offset: 0, bytes: 'II*\x00' }], result: unsupported('a TIFF image') },
  { signatures: [{ offset: 0, bytes: 'MM\x00*' }], result: unsupported('a TIFF image') },
  { signatures: [{ offset: 4, bytes: 'ftypheic' }], result: unsupported('a HEIC image') },
  { signatures: [{ offset: 4, bytes: 'ftypmif1' }], result: unsupported('a HEIF image') },
  { signatures: [{ offset: 4, bytes: 'ftypavif' }], result: unsupported('an AVIF image') },
  { signatures: [{ offset: 4, bytes: 'ftypM4A' }], result: unsupported('an M4A (AAC) audio file') },
  { signatures: [{ offset: 4, bytes: 'ftyp' }], result: unsupported('an MP4 file') },
  { signatures: [{ offset: 0, bytes: 'RF64' }], result: unsupported('an RF64 (64-bit WAV) audio file') },
  {
    signatures: [
      { offset: 0, bytes: 'FORM' },
      { offset: 8, bytes: 'AIF' },
    ],
    result: unsupported('an AIFF audio file'),
  },
  { signatures: [{ offset: 0, bytes: '%PDF' }], result: unsupported('a PDF document') },
  { signatures: [{ offset: 0, bytes: 'PK\x03\x04' }], result: unsupported('a ZIP archive') },
];

function matches(head: Uint8Array, { offset, bytes }: Signature): boolean {
  if (head.length < offset + bytes.length) return false;
  for (let index = 0; index < bytes.length; index += 1) {
    if (head[offset + index] !== bytes.charCodeAt(index)) return false;
  }
  return true;
}

const ID3_HEADER_BYTES = 10;

/** Length of a leading ID3v2 tag (versions 2.2 to 2.4), or null when there is none. */
function id3TagLength(head: Uint8Array): number | null {
  if (head.length < ID3_HEADER_BYTES || !matches(head, { offset: 0, bytes: 'ID3' })) return null;
  const header = Buffer.from(head.buffer, head.byteOffset, ID3_HEADER_BYTES);
  const majorVersion = header.readUInt8(3);
  const sizeBytes = [6, 7, 8, 9].map((offset) => header.readUInt8(offset));
  if (majorVersion < 2 || majorVersion > 4 || sizeBytes.some((byte) => byte > 0x7f)) return null;
  // The size is "syncsafe" (7 bits per byte) and counts neither the header nor the optional footer.
  const bodyBytes = sizeBytes.reduce((total, byte) => total * 128 + byte, 0);
  const hasFooter = (header.readUInt8(5) & 0x10) !== 0;
  return ID3_HEADER_BYTES + bodyBytes + (hasFooter ? ID3_HEADER_BYTES : 0);
}

/**
 * A bare MPEG audio frame header (no ID3 tag): 11 sync bits, then a layer field
 * that is not "reserved". Layer bits 00 are also how AAC ADTS streams start.
 */
function mpegFrameKind(head: Uint8Array): SniffedContent | null {
  const first = head[0];
  const second = head[1];
  if (first !== 0xff || second === undefined || (second & 0xe0) !== 0xe0) return null;
  const layerBits = (second >> 1) & 0b11;
  return layerBits === 0 ? unsupported('an AAC audio file') : supported('mp3');
}

const ALLOWED_TEXT_CONTROLS = new Set([0x09, 0x0a, 0x0c, 0x0d]);

function looksLikeText(head: Uint8Array): boolean {
  for (const byte of head) {
    if (byte < 0x20 && !ALLOWED_TEXT_CONTROLS.has(byte)) return false;
    if (byte === 0x7f) return false;
  }
  try {
    // `stream: true` tolerates a multi-byte character cut off by the sniff window.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** Identifies a file from its first bytes, ignoring its name. */
export function sniffContent(head: Uint8Array): SniffedContent {
  const tagLength = id3TagLength(head);
  if (tagLength !== null) {
    const afterTag = sniffContent(head.subarray(tagLength));
    return afterTag.kind === 'supported' || afterTag.kind === 'unsupported' ? afterTag : { kind: 'id3-tagged' };
  }
  const known = KNOWN_FORMATS.find((format) => format.signatures.every((signature) => matches(head, signature)));
  if (known) return known.result;
  const mpeg = mpegFrameKind(head);
  if (mpeg) return mpeg;
  if (head.length > 0 && looksLikeText(head)) return { kind: 'text' };
  return { kind: 'unrecognised' };
}
