/** The typed views samples arrive in: a WAV's own integers or floats, or a decoder's floats. */
export type SampleArray = Int16Array | Int32Array | Float32Array | Float64Array;

/** What audio is read into, chunk by chunk (peaks for the waveform, mono PCM for training). */
export interface SampleSink {
  /**
   * Interleaved frames (`channels` samples each), where `fullScale` is the magnitude
   * that counts as 1 (32,768 for 16-bit PCM, 1 for floats). A trailing partial frame is ignored.
   */
  addInterleaved(samples: SampleArray, channels: number, fullScale: number): void;
  /** The first `frames` samples of each channel, as decoders return them (floats in -1..1). */
  addPlanar(channelData: readonly Float32Array[], frames: number): void;
  /** True once the sink wants no more audio: reading stops early. */
  readonly full?: boolean;
}

/** Makes the sink once the stream's sample rate is known. */
export type SinkFactory<S extends SampleSink> = (sampleRate: number) => S;
