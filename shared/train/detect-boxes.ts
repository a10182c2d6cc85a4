import type { BoxCorners } from '../metrics/box-iou';
import { slidingWindows, type WindowSize } from './sliding-windows';
import { nonMaxSuppression, windowDetections, type Detection } from './window-detections';
import { cropWindows, type RgbImage } from './window-crops';

/** What a crop classifier trained with a background class needs to find boxes; kept with its run. */
export interface DetectorSettings {
  /** Window sizes in original image pixels, from the labelled boxes. */
  windows: WindowSize[];
  /** The side of the square crops the model takes. */
  cropSize: number;
  /** How much images were shrunk before cutting (see `detectionScale`). */
  scale: number;
  /** The index of the "nothing here" class among the model's classes. */
  background: number;
}

/** Windows scored per call of the classifier, so memory stays flat over any image. */
const WINDOWS_PER_CALL = 1024;

/**
 * The boxes a crop classifier finds in an image: every window of the detector's sizes
 * ({@link slidingWindows}, in the original image's pixels `originalWidth` × `originalHeight`),
 * each cut as in training and scored by `classify` (crops as 0–1 floats in, class probabilities out,
 * flat), kept where a class other than background reaches `minConfidence`, then one box per object
 * (per-class non-maximum suppression).
 */
export async function detectBoxes(
  image: RgbImage,
  original: { width: number; height: number },
  detector: DetectorSettings,
  classCount: number,
  classify: (crops: Float32Array, count: number) => Float32Array | Promise<Float32Array>,
  minConfidence: number,
): Promise<Detection[]> {
  const windows: BoxCorners[] = slidingWindows(original.width, original.height, detector.windows);
  const found: Detection[] = [];
  for (let start = 0; start < windows.length; start += WINDOWS_PER_CALL) {
    const chunk = windows.slice(start, start + WINDOWS_PER_CALL);
    const bytes = cropWindows(image, chunk, detector.cropSize, detector.scale);
    const probabilities = await classify(
      Float32Array.from(bytes, (byte) => byte / 255),
      chunk.length,
    );
    found.push(...windowDetections(chunk, probabilities, classCount, detector.background, minConfidence));
  }
  return nonMaxSuppression(found);
}
