import { useEffect } from 'react';
import type { TrainerEvent, TrainerRequest } from '../train/trainer-protocol';

/** One timed epoch and the backend it ran on. */
export interface TrainBenchResult {
  seconds: number;
  backend: string;
}

declare global {
  interface Window {
    __trainBench?: { epochSeconds(crops: number, size: number): Promise<TrainBenchResult> };
  }
}

/**
 * `?bench=train`: one epoch of the small CNN on synthetic crops, in the same Web Worker
 * the Train area uses (WebGL where available), timed from the page.
 */
export function TrainBench() {
  useEffect(() => {
    window.__trainBench = {
      epochSeconds: (crops, size) =>
        new Promise((resolve, reject) => {
          const worker = new Worker(new URL('../train/trainer.worker.ts', import.meta.url), { type: 'module' });
          const inputs = new Float32Array(crops * size * size * 3).map((_, i) => ((i * 2654435761) % 251) / 255);
          const labels = Int32Array.from({ length: crops }, (_, i) => i % 5);
          let backend = '';
          let started = 0;
          worker.onmessage = (message: MessageEvent<TrainerEvent>) => {
            const event = message.data;
            if (event.type === 'backend') {
              backend = event.name;
              started = performance.now();
            } else if (event.type === 'epoch') {
              resolve({ seconds: (performance.now() - started) / 1000, backend });
              worker.terminate();
            } else if (event.type === 'error') reject(new Error(event.message));
          };
          const request: TrainerRequest = {
            type: 'train',
            shape: [size, size, 3],
            inputs,
            labels,
            classCount: 5,
            plan: { kind: 'fit', trainOn: Array.from({ length: crops }, (_, i) => i) },
            epochs: 1,
            seed: 1,
          };
          worker.postMessage(request, [inputs.buffer]);
        }),
    };
  }, []);
  return <p>Training benchmark ready.</p>;
}
