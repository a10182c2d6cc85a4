// Seconds per epoch of the small CNN on 2,000 crops of 32 × 32: with tfjs's CPU backend
// in Node, and in headless Chromium in the Train area's Web Worker (WebGL, drawn by SwiftShader
// in software here; a real GPU does far better). Run with `npm run bench -- train`; it reports, it never
// fails on timing.
import * as tf from '@tensorflow/tfjs';
import type { TrainBenchResult } from '../renderer/bench/train-bench';
import { smallCnn, trainClassifier } from '../shared/train/small-cnn';
import { withWebApp, type Benchmark } from './support';

const CROPS = 2000;
const SIZE = 32;

async function nodeCpuEpoch(): Promise<number> {
  await tf.setBackend('cpu');
  const inputs = new Float32Array(CROPS * SIZE * SIZE * 3).map((_, i) => ((i * 2654435761) % 251) / 255);
  const labels = Int32Array.from({ length: CROPS }, (_, i) => i % 5);
  const model = smallCnn([SIZE, SIZE, 3], 5);
  const start = performance.now();
  await trainClassifier(model, { shape: [SIZE, SIZE, 3], inputs, labels, classCount: 5 }, { epochs: 1, batchSize: 32 });
  model.dispose();
  return (performance.now() - start) / 1000;
}

export const benchmark: Benchmark = {
  name: 'train',
  summary: `one training epoch of the crop classifier (${CROPS.toLocaleString('en')} crops), in Node and in the browser's worker`,
  run: () =>
    withWebApp(async ({ app, browser }) => {
      const { page } = browser;
      await page.goto(app.url); // sets the session cookie
      await page.goto(new URL('/?bench=train', app.url).href);
      await page.waitForFunction(() => window.__trainBench !== undefined);
      const browserRun: TrainBenchResult = await page.evaluate(([crops, size]) => window.__trainBench!.epochSeconds(crops, size), [CROPS, SIZE] as const);
      const cpu = await nodeCpuEpoch();
      console.log(`Crop classifier, one epoch of ${CROPS.toLocaleString('en')} crops of ${SIZE}×${SIZE}`);
      console.log(`  Node, tfjs CPU backend            ${cpu.toFixed(1).padStart(6)} s`);
      console.log(
        `  Chromium worker, ${browserRun.backend.padEnd(6)} backend    ${browserRun.seconds.toFixed(1).padStart(6)} s   ${(cpu / browserRun.seconds).toFixed(1)}× faster than Node's CPU`,
      );
      return [
        { what: 'one epoch, Node tfjs CPU backend', value: cpu, unit: 's', aim: null },
        {
          what: `one epoch, Chromium worker (${browserRun.backend})`,
          value: browserRun.seconds,
          unit: 's',
          aim: null,
          note: `${(cpu / browserRun.seconds).toFixed(1)}× faster than Node's CPU in this run`,
        },
      ];
    }),
};
