import { PEAKS_PER_SECOND } from '../../shared/media/peaks';
import type { SampleArray, SampleSink } from './sample-sink';

/**
 * Folds audio, chunk by chunk, into the peaks format of shared/media/peaks: for each
 * bucket, the largest |sample| over every channel. Bucket k ends at frame
 * floor((k + 1) × rate / PEAKS_PER_SECOND), so a rate that is no multiple of 100
 * (22,050 Hz) never drifts, and memory is one byte per bucket whatever the length.
 */
export class PeakBuckets implements SampleSink {
  private bytes = new Uint8Array(4096);
  private count = 0;
  private framesSeen = 0;
  private bucketStart = 0;
  private bucketEnd: number;
  /** Largest |sample| of the open bucket so far, scaled to 0..1. */
  private peak = 0;

  constructor(private readonly sampleRate: number) {
    // Slower than one frame per bucket, buckets would be empty and never close.
    if (!(sampleRate >= PEAKS_PER_SECOND)) throw new Error(`implausible sample rate ${sampleRate} Hz`);
    this.bucketEnd = this.boundary(1);
  }

  /**
   * Interleaved frames (`channels` samples each), where `fullScale` is the magnitude
   * that counts as 1 (32,768 for 16-bit PCM, 1 for floats). A trailing partial frame is ignored.
   */
  addInterleaved(samples: SampleArray, channels: number, fullScale: number): void {
    const frames = Math.floor(samples.length / channels);
    for (let from = 0; from < frames;) {
      const to = Math.min(frames, from + this.bucketEnd - this.framesSeen);
      // The hot loop of a long WAV: kept to typed-array reads and compares. The highest and the
      // lowest sample are tracked rather than each one's magnitude: a third of the CPU per sample.
      let high = 0;
      let low = 0;
      for (let index = from * channels, end = to * channels; index < end; index += 1) {
        const value = samples[index]!;
        if (value > high) high = value;
        else if (value < low) low = value;
      }
      this.advance(to - from, Math.max(high, -low) / fullScale);
      from = to;
    }
  }

  /** The first `frames` samples of each channel, as decoders return them (floats in -1..1). */
  addPlanar(channelData: readonly Float32Array[], frames: number): void {
    for (let from = 0; from < frames;) {
      const to = Math.min(frames, from + this.bucketEnd - this.framesSeen);
      let high = 0;
      let low = 0;
      for (const channel of channelData) {
        for (let index = from; index < to; index += 1) {
          const value = channel[index]!;
          if (value > high) high = value;
          else if (value < low) low = value;
        }
      }
      this.advance(to - from, Math.max(high, -low));
      from = to;
    }
  }

  /** The peaks, closing a partial last bucket. */
  finish(): Uint8Array<ArrayBuffer> {
    if (this.framesSeen > this.bucketStart) this.closeBucket();
    return this.bytes.slice(0, this.count);
  }

  private advance(frames: number, peak: number): void {
    if (peak > this.peak) this.peak = peak;
    this.framesSeen += frames;
    if (this.framesSeen === this.bucketEnd) this.closeBucket();
  }

  private closeBucket(): void {
    if (this.count === this.bytes.length) {
      const grown = new Uint8Array(this.bytes.length * 2);
      grown.set(this.bytes);
      this.bytes = grown;
    }
    // Float sources may overshoot full scale (clipped mastering); the byte saturates.
    this.bytes[this.count] = Math.round(255 * Math.min(1, this.peak));
    this.count += 1;
    this.peak = 0;
    this.bucketStart = this.bucketEnd;
    this.bucketEnd = this.boundary(this.count + 1);
  }

  private boundary(bucket: number): number {
    return Math.floor((bucket * this.sampleRate) / PEAKS_PER_SECOND);
  }
}
