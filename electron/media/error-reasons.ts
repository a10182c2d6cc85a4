/** Longer decoder messages are stack-trace noise to a labeler. */
const MAX_MESSAGE_LENGTH = 160;

/**
 * The first line of an error's message, without a libvips module prefix
 * ("VipsJpeg: premature end of JPEG image" → "premature end of JPEG image").
 */
export function shortErrorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const firstLine = (message.split('\n')[0] ?? '').trim().replace(/^vips\w*:\s*/i, '');
  if (firstLine === '') return 'unknown error';
  return firstLine.length > MAX_MESSAGE_LENGTH ? `${firstLine.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : firstLine;
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

const FILE_ERROR_REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'file not found',
  ENOTDIR: 'file not found',
  EACCES: 'cannot read file: permission denied',
  EPERM: 'cannot read file: permission denied',
  EISDIR: 'not a file: it is a folder',
  EBUSY: 'cannot read file: it is locked by another program',
  EIO: 'cannot read file: disk read error',
  ENAMETOOLONG: 'cannot read file: the path is too long',
  ELOOP: 'cannot read file: too many symbolic links',
  EMFILE: 'cannot read file: too many files open',
};

/** Whether the error is one of Node's file system errors (it has a string code). */
export function isFileSystemError(error: unknown): boolean {
  return errorCode(error) !== undefined;
}

/** A labeler-readable reason for a failed read of the media file. */
export function fileErrorReason(error: unknown): string {
  const code = errorCode(error);
  return (code && FILE_ERROR_REASONS[code]) ?? `cannot read file: ${shortErrorMessage(error)}`;
}
