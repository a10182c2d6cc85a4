import { logMelFeatures, type LogMelOptions } from '../../shared/train/log-mel';
import { streamAudioSamples } from './audio-samples';
import { MonoPcm } from './mono-pcm';

/** Clips are labeled as a whole; past this, a recording is no longer a clip, and the rest is not read. */
export const CLIP_MAX_SECONDS = 30;

/** The log-mel features of an audio file's first {@link CLIP_MAX_SECONDS}, mixed to mono. */
export async function clipFeatures(path: string, options: LogMelOptions, signal?: AbortSignal): Promise<Float32Array> {
  const mono = await streamAudioSamples(path, (sampleRate) => new MonoPcm(sampleRate, CLIP_MAX_SECONDS), signal);
  return logMelFeatures(mono.pcm(), mono.sampleRate, options);
}
