import { randomBytes } from 'node:crypto';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { mkdirPrivateSync, writeNewPrivateFileSync } from '../fs/private-files';
import sharp from 'sharp';

const THUMBNAIL_MAX_SIDE = 256;

export interface DecodedImage {
  /** As displayed, i.e. after EXIF orientation, which is also how browsers show it. */
  width: number;
  height: number;
  thumbnailWebp: Buffer;
}

/**
 * Decodes every pixel of the image while shrinking it to a thumbnail, so truncated
 * or corrupt pixel data is caught here (reading only the header would not).
 *
 * - `failOn: 'error'` rejects truncated and corrupt data but tolerates libjpeg-style
 *   warnings (e.g. stray bytes between markers) that many camera files carry.
 * - The pixel limit is off because Concord accepts images up to 20000×20000 and
 *   beyond; memory stays bounded since libvips streams the decode through the
 *   resize (JPEG and WebP even shrink while decoding), never holding the full image.
 *
 * `source` is the file's path, or its bytes when the caller has read them already.
 * Throws sharp's error for bad images; the caller turns it into a reason.
 */
export async function decodeImage(source: string | Buffer): Promise<DecodedImage> {
  const image = sharp(source, { failOn: 'error', limitInputPixels: false, autoOrient: true });
  const metadata = await image.metadata();
  const thumbnailWebp = await image
    .resize(THUMBNAIL_MAX_SIDE, THUMBNAIL_MAX_SIDE, { fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 80 })
    .toBuffer();
  return { width: metadata.autoOrient.width, height: metadata.autoOrient.height, thumbnailWebp };
}

function thumbnailPathFor(thumbnailDir: string, sha256: string): string {
  return join(thumbnailDir, `${sha256}.webp`);
}

/**
 * Writes `<sha256>.webp` unless it is already there. Several import workers may
 * race on the same content, so each writes a private temporary file and renames
 * it into place, which is atomic: readers never see a half-written thumbnail.
 * Synchronous: it runs in the probe worker once per imported image, where each
 * asynchronous call would cost more than the few bytes it writes.
 */
export function saveThumbnail(thumbnailDir: string, sha256: string, webp: Buffer): string {
  const finalPath = thumbnailPathFor(thumbnailDir, sha256);
  if (existsSync(finalPath)) return finalPath;
  const temporaryPath = `${finalPath}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    try {
      writeNewPrivateFileSync(temporaryPath, webp);
    } catch (error) {
      // The folder is made on first need rather than checked for on every thumbnail.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      mkdirPrivateSync(thumbnailDir);
      writeNewPrivateFileSync(temporaryPath, webp);
    }
    renameSync(temporaryPath, finalPath);
  } catch (error) {
    rmSync(temporaryPath, { force: true });
    // Windows refuses to rename over a file another worker just created and a reader holds open.
    if (existsSync(finalPath)) return finalPath;
    throw error;
  }
  return finalPath;
}
