import type { SampleArray, SampleSink } from './sample-sink';

/**
 * The first `maxSeconds` of audio mixed down to mono floats (−1..1): what clip features are
 * computed from. Reading stops once it has them, so a long recording costs no more than that.
 */
export class MonoPcm implements SampleSink {
  private readonly samples: Float32Array;
  private length = 0;

  constructor(
    readonly sampleRate: number,
    maxSeconds: number,
  ) {
    this.samples = new Float32Array(Math.ceil(sampleRate * maxSeconds));
  }

  get full(): boolean {
    return this.length === this.samples.length;
  }

  addInterleaved(samples: SampleArray, channels: number, fullScale: number): void {
    const frames = Math.min(Math.floor(samples.length / channels), this.samples.length - this.length);
    const scale = 1 / (fullScale * channels);
    for (let frame = 0; frame < frames; frame++) {
      let sum = 0;
      for (let channel = 0; channel < channels; channel++) sum += samples[frame * channels + channel]!;
      this.samples[this.length++] = sum * scale;
    }
  }

  addPlanar(channelData: readonly Float32Array[], frames: number): void {
    const taken = Math.min(frames, this.samples.length - this.length);
    for (let frame = 0; frame < taken; frame++) {
      let sum = 0;
      for (const channel of channelData) sum += channel[frame]!;
      this.samples[this.length++] = sum / channelData.length;
    }
  }

  /** The mono samples read so far. */
  pcm(): Float32Array {
    return this.samples.subarray(0, this.length);
  }
}
