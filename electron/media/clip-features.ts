import { logMelFeatures, type LogMelOptions } from '../../shared/train/log-mel';
import { streamAudioSamples } from './audio-samples';
import { MonoPcm } from './mono-pcm';

/** Clips are labeled as a whole; past this, a recording is no longer a clip, and the rest is not read. */
export const CLIP_MAX_SECONDS = 30;

/** Shorter than one analysis window (25 ms), a file holds no sound to describe. */
const MIN_SECONDS = 0.025;

/**
 * The log-mel features of an audio file's first {@link CLIP_MAX_SECONDS}, mixed to mono. Throws
 * a readable Error for a file that is not audio, or holds next to none.
 */
export async function clipFeatures(path: string, options: LogMelOptions, signal?: AbortSignal): Promise<Float32Array> {
  const mono = await streamAudioSamples(path, (sampleRate) => new MonoPcm(sampleRate, CLIP_MAX_SECONDS), signal);
  if (mono.pcm().length < MIN_SECONDS * mono.sampleRate)
    throw new Error(`no audio to learn from: ${Math.round((mono.pcm().length / mono.sampleRate) * 1000)} ms`);
  return logMelFeatures(mono.pcm(), mono.sampleRate, options);
}
