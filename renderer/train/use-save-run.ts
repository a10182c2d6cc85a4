import { useEffect, useRef } from 'react';
import { classificationReport } from '../../shared/analysis/classification-report';
import { predictedClass } from '../../shared/analysis/predicted-class';
import type { TrainingRun } from '../../shared/domain/training';
import { BACKGROUND_CLASS } from '../../shared/train/background-class';
import { api } from '../api/api';
import { reportError } from '../stores/notices';
import type { LoadedSet } from './use-training-set';
import type { TrainerState } from './use-trainer';

/**
 * Keeps a finished full run with its dataset version, once: its curves, dev/test figures and
 * model; `onSaved` follows, so the list of finished runs is read again. `probabilities` are the
 * examples' over the set's classes; a box model trained `withBackground` keeps that class last and
 * how it finds boxes, so it can pre-label images.
 */
export function useSaveRun(
  state: TrainerState,
  runData: LoadedSet | null,
  probabilities: Float32Array | null,
  withBackground: boolean,
  full: boolean,
  onSaved: () => unknown,
): void {
  const saved = useRef<object | null>(null);
  useEffect(() => {
    const result = state.result;
    if (state.phase !== 'done' || !result || result.cancelled || !full || !runData || !probabilities) return;
    if (saved.current === result) return;
    saved.current = result;
    const { set } = runData;
    const k = set.classes.length;
    const evaluate = (split: 'dev' | 'test') => {
      const members = set.examples.flatMap((example, i) => (example.split === split ? [i] : []));
      const predicted = members.map((i) => predictedClass(probabilities.subarray(i * k, (i + 1) * k)));
      const report = classificationReport(
        members.map((i) => set.examples[i]!.label),
        predicted,
        set.classes.map((c) => c.name),
      );
      return { accuracy: report.accuracy, macroF1: report.macroF1, examples: members.length };
    };
    const names = set.classes.map((c) => c.name);
    const input: TrainingRun['input'] =
      set.kind === 'clips'
        ? { kind: 'clips', target: set.target }
        : withBackground
          ? { kind: 'crops', detector: { windows: set.detector.windows, cropSize: set.size, scale: set.detector.scale, background: k } }
          : { kind: 'crops' };
    api
      .call('train.saveRun', {
        version: set.version,
        backend: state.backend ?? 'unknown',
        input,
        epochs: state.epochs.map(({ epoch, loss, accuracy }) => ({ epoch, loss, accuracy })),
        evaluation: { dev: evaluate('dev'), test: evaluate('test') },
        classes: withBackground ? [...names, BACKGROUND_CLASS] : names,
        modelJson: result.modelJson,
        weightsBase64: base64Of(new Uint8Array(result.weights)),
      })
      .then(() => onSaved())
      .catch(reportError);
  }, [state.phase, state.result, state.backend, state.epochs, probabilities, withBackground, full, runData, onSaved]);
}

function base64Of(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
