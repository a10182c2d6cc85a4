import type { SampleArray, SampleSink } from './sample-sink';

/** Rates outside this are a corrupt header, not audio: refused before anything is allocated. */
const MIN_RATE = 1000;
const MAX_RATE = 768_000;

/**
 * The first `maxSeconds` of audio mixed down to mono floats (−1..1): what clip features are
 * computed from. Reading stops once it has them, so a long recording costs no more than that;
 * the buffer grows as audio arrives, so a one-second clip costs a second.
 */
export class MonoPcm implements SampleSink {
  private samples = new Float32Array(0);
  private length = 0;
  private readonly capacity: number;

  constructor(
    readonly sampleRate: number,
    maxSeconds: number,
  ) {
    if (!(sampleRate >= MIN_RATE && sampleRate <= MAX_RATE)) throw new Error(`implausible sample rate ${sampleRate} Hz`);
    this.capacity = Math.ceil(sampleRate * maxSeconds);
  }

  get full(): boolean {
    return this.length === this.capacity;
  }

  addInterleaved(samples: SampleArray, channels: number, fullScale: number): void {
    const frames = this.reserve(Math.floor(samples.length / channels));
    const scale = 1 / (fullScale * channels);
    for (let frame = 0; frame < frames; frame++) {
      let sum = 0;
      for (let channel = 0; channel < channels; channel++) sum += samples[frame * channels + channel]!;
      this.samples[this.length++] = sum * scale;
    }
  }

  addPlanar(channelData: readonly Float32Array[], frames: number): void {
    const taken = this.reserve(frames);
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

  /** Room for up to `frames` more, doubling the buffer up to the cap; returns how many fit. */
  private reserve(frames: number): number {
    const wanted = Math.min(this.capacity, this.length + frames);
    if (wanted > this.samples.length) {
      const grown = new Float32Array(Math.min(this.capacity, Math.max(wanted, this.samples.length * 2)));
      grown.set(this.pcm());
      this.samples = grown;
    }
    return wanted - this.length;
  }
}
