import sharp from 'sharp';

/**
 * Whether an image can go into a JPEG-only folder as it is: a JPEG whose pixels are already
 * upright (no EXIF rotation for readers to apply or, as many do, to ignore). Anything else is
 * re-encoded by `writeUprightJpeg`.
 */
export async function isUprightJpeg(path: string): Promise<boolean> {
  const { format, orientation } = await sharp(path, { failOn: 'none', limitInputPixels: false }).metadata();
  return format === 'jpeg' && (orientation === undefined || orientation === 1);
}

/**
 * The image as a JPEG the way Concord shows it (EXIF orientation applied, so box coordinates
 * fit), in three sRGB channels with transparency flattened on white, quality 95, no metadata.
 * The same input gives the same bytes, so re-exports stay identical.
 */
export async function writeUprightJpeg(from: string, to: string): Promise<void> {
  await sharp(from, { failOn: 'error', limitInputPixels: false, autoOrient: true })
    .flatten({ background: '#ffffff' })
    .toColourspace('srgb')
    .jpeg({ quality: 95 })
    .toFile(to);
}
