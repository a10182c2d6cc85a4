import type { BoxCorners } from '../metrics/box-iou';
import { withContext, type WindowSize } from './sliding-windows';

/** An image as RGB bytes, row by row (width × height × 3). */
export interface RgbImage {
  width: number;
  height: number;
  pixels: Uint8Array;
}

/**
 * How much images are shrunk before their windows are cut: so the smallest window with its margin
 * is about `cropSize` pixels (never enlarged). Crops are then cut by nearest pixel with little
 * loss, and a large photo costs a small one's time and transfer. Training and detection must use
 * the same scale.
 * @example detectionScale([{ width: 96, height: 64 }], 32) // 32 / (1.5 × 64) = 1/3
 */
export function detectionScale(windows: readonly WindowSize[], cropSize: number): number {
  const smallest = Math.min(...windows.map((w) => Math.min(w.width, w.height)));
  return Number.isFinite(smallest) && smallest > 0 ? Math.min(1, cropSize / (1.5 * smallest)) : 1;
}

/**
 * Each window with its margin ({@link withContext}) cut from `image` and resized to `size` × `size`
 * RGB by nearest pixel, pixels past the image's edge repeating the edge. Windows are in the
 * original image's pixels; `image` is that image shrunk by `scale`. The crops the baseline trains
 * on and the windows it scores are cut by this one function, so the model sees both alike.
 */
export function cropWindows(image: RgbImage, windows: readonly BoxCorners[], size: number, scale: number): Uint8Array {
  const out = new Uint8Array(windows.length * size * size * 3);
  const { width, height, pixels } = image;
  windows.forEach((window, w) => {
    const [x1, y1, x2, y2] = withContext(window).map((v) => v * scale) as [number, number, number, number];
    for (let cy = 0; cy < size; cy++) {
      const sy = Math.max(0, Math.min(height - 1, Math.floor(y1 + ((cy + 0.5) * (y2 - y1)) / size)));
      for (let cx = 0; cx < size; cx++) {
        const sx = Math.max(0, Math.min(width - 1, Math.floor(x1 + ((cx + 0.5) * (x2 - x1)) / size)));
        const from = (sy * width + sx) * 3;
        const to = ((w * size + cy) * size + cx) * 3;
        out[to] = pixels[from]!;
        out[to + 1] = pixels[from + 1]!;
        out[to + 2] = pixels[from + 2]!;
      }
    }
  });
  return out;
}
