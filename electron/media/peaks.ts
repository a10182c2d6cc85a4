import { streamAudioSamples } from './audio-samples';
import { PeakBuckets } from './peak-buckets';

export interface ComputePeaksOptions {
  /** Stops reading and decoding promptly; the promise then rejects with an AbortError. */
  signal?: AbortSignal;
}

/**
 * The waveform peaks of an audio file, in the format of shared/media/peaks, read as it
 * streams so memory stays flat however long the recording is.
 */
export async function computePeaks(path: string, { signal }: ComputePeaksOptions = {}): Promise<Uint8Array<ArrayBuffer>> {
  const buckets = await streamAudioSamples(path, (sampleRate) => new PeakBuckets(sampleRate), signal);
  return buckets.finish();
}
