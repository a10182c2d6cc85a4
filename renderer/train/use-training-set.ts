import { useMemo } from 'react';
import type { TrainingSet } from '../../shared/domain/training';
import type { ClipTarget } from '../../shared/train/clip-targets';
import type { InputShape } from '../../shared/train/small-cnn';
import { useQuery } from '../api/use-query';

/** Box crops are cut to this many pixels a side. */
const CROP_SIZE = 32;

export interface LoadedSet {
  /** The version and target it was loaded for: a run's results belong to sets of the same key. */
  key: string;
  set: TrainingSet;
  shape: InputShape;
  /** Every example's input, values about 0–1. */
  inputs: Float32Array;
  /** The crops' RGB bytes, to show what the model saw (crops only). */
  pixels: Uint8Array | null;
  /** "Nothing here" crops a box model also trains on, so it can find boxes (crops only). */
  background: { inputs: Float32Array; count: number } | null;
}

/**
 * The examples of a dataset version as the model takes them: its box crops, or its clips'
 * spectrograms for a target. A target the data cannot serve (one class only, too many
 * transcripts) comes back as `error`, said in the service's words. `reload()` reads the
 * set again (with new slice tags) under the same key.
 */
export function useTrainingSet(
  kind: 'bbox' | 'transcript',
  version: number | null,
  target: ClipTarget,
): { loaded: LoadedSet | null; error: string | null; reload(): void } {
  const key = `${version}|${kind === 'transcript' ? JSON.stringify(target) : 'crops'}`;
  const crops = useQuery('train.crops', { version: version ?? 0, size: CROP_SIZE }, { enabled: version !== null && kind === 'bbox' });
  const clips = useQuery('train.clips', { version: version ?? 0, target }, { enabled: version !== null && kind === 'transcript' });
  const { data, error, refresh } = kind === 'bbox' ? crops : clips;
  const loaded = useMemo(() => (data ? decode(key, data) : null), [key, data]);
  return { loaded, error: error && error.message, reload: () => void refresh() };
}

function decode(key: string, set: TrainingSet): LoadedSet {
  if (set.kind === 'crops') {
    const pixels = bytesOf(set.pixels);
    const background = { inputs: Float32Array.from(bytesOf(set.detector.background), (byte) => byte / 255), count: set.detector.backgroundCount };
    return { key, set, shape: [set.size, set.size, 3], inputs: Float32Array.from(pixels, (byte) => byte / 255), pixels, background };
  }
  return { key, set, shape: [set.bands, set.steps, 1], inputs: new Float32Array(bytesOf(set.features).buffer), pixels: null, background: null };
}

function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}
