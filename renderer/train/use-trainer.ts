import { useCallback, useEffect, useRef, useState } from 'react';
import type { EpochReport } from '../../shared/train/small-cnn';
import type { TrainerEvent, TrainerRequest } from './trainer-protocol';

export interface TrainerState {
  phase: 'idle' | 'training' | 'done' | 'error';
  backend: string | null;
  epochs: EpochReport[];
  /** The fold being trained when cross-validating (0-based). */
  fold: number | null;
  result: Extract<TrainerEvent, { type: 'done' }> | null;
  error: string | null;
}

const IDLE: TrainerState = { phase: 'idle', backend: null, epochs: [], fold: null, result: null, error: null };

/** A training worker as React state: start a run, watch its epochs, cancel it. */
export function useTrainer(): { state: TrainerState; start(request: Extract<TrainerRequest, { type: 'train' }>): void; cancel(): void } {
  const worker = useRef<Worker | null>(null);
  const [state, setState] = useState<TrainerState>(IDLE);

  useEffect(() => () => worker.current?.terminate(), []);

  const start = useCallback((request: Extract<TrainerRequest, { type: 'train' }>) => {
    worker.current?.terminate();
    const created = new Worker(new URL('./trainer.worker.ts', import.meta.url), { type: 'module' });
    worker.current = created;
    setState({ ...IDLE, phase: 'training' });
    // A finished worker is let go at once: it holds a WebGL context and tfjs's texture pool.
    const finish = () => {
      created.terminate();
      if (worker.current === created) worker.current = null;
    };
    created.onmessage = (message: MessageEvent<TrainerEvent>) => {
      if (worker.current !== created) return;
      const event = message.data;
      if (event.type === 'backend') setState((s) => ({ ...s, backend: event.name }));
      // Each fold of a cross-validation starts its curve anew.
      else if (event.type === 'epoch') setState((s) => ({ ...s, fold: event.fold, epochs: [...(event.fold === s.fold ? s.epochs : []), event.report] }));
      else if (event.type === 'done') {
        finish();
        setState((s) => ({ ...s, phase: 'done', result: event }));
      } else {
        finish();
        setState((s) => ({ ...s, phase: 'error', error: event.message }));
      }
    };
    created.onerror = (event) => {
      if (worker.current !== created) return;
      finish();
      setState((s) => ({ ...s, phase: 'error', error: event.message || 'the training worker failed' }));
    };
    created.postMessage(request, [request.inputs.buffer]);
  }, []);

  const cancel = useCallback(() => worker.current?.postMessage({ type: 'cancel' } satisfies TrainerRequest), []);
  return { state, start, cancel };
}
