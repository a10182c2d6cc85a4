/**
 * The waveform overview of an audio sample, served as the media variant `peaks`
 * (`sample/<id>/peaks/<sha256>`) so an editor can draw an hour of audio without
 * decoding it in the renderer.
 *
 * Format: a raw byte array with no header, one byte per bucket of 1/PEAKS_PER_SECOND s
 * from the start of the audio. Each byte is `round(255 × max |sample|)` over the
 * bucket's samples of every channel (samples scaled to -1..1): a mono envelope that a
 * waveform view draws symmetrically around its centre line. The last bucket may cover
 * less than a full interval. Duration and rate are not stored: the sample row knows the
 * duration and the rate is this constant.
 */

/**
 * Buckets per second of audio. 100 (10 ms) is finer than a zoomed-in transcript view
 * needs to show a syllable's attack, and small enough to fetch at once: 60 minutes is
 * 360,000 values, 352 KB. A finer rate would grow every file for detail that only
 * shows at zooms where decoding the visible stretch is cheap anyway.
 */
export const PEAKS_PER_SECOND = 100;

const MS_PER_BUCKET = 1000 / PEAKS_PER_SECOND;

/**
 * How many buckets a peaks file of audio this long has, counting a partial last one.
 *
 * @example peakCount(3500) // 350
 * @example peakCount(1071) // 108
 */
export function peakCount(durationMs: number): number {
  return Math.ceil(durationMs / MS_PER_BUCKET);
}

/**
 * The peaks as the 0..1 amplitudes a waveform view takes
 * (wavesurfer: `peaks: [decodePeaks(bytes)]`, `duration` from the sample).
 *
 * @example decodePeaks(new Uint8Array([0, 255, 51])) // Float32Array [0, 1, 0.2]
 */
export function decodePeaks(bytes: Uint8Array): Float32Array {
  const peaks = new Float32Array(bytes.length);
  for (let index = 0; index < bytes.length; index += 1) peaks[index] = bytes[index]! / 255;
  return peaks;
}
