import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../shared/assignment/prng';
import { transcriptPrelabels } from '../../../shared/train/clip-prelabels';
import { NO_SPEECH_CLASS } from '../../../shared/train/clip-targets';
import { loadSavedModel, saveModel } from '../../../shared/train/saved-model';
import { predictClasses, smallCnn, trainClassifier, type LabeledInputs } from '../../../shared/train/small-cnn';

/** Tiny "spectrograms" (8 bands × 8 steps): class 0 loud in the low bands, class 1 in the high ones, with noise. */
function spectrograms(count: number, seed: number): LabeledInputs {
  const random = mulberry32(seed);
  const inputs = new Float32Array(count * 64);
  const labels = new Int32Array(count);
  for (let n = 0; n < count; n++) {
    labels[n] = n % 2;
    for (let band = 0; band < 8; band++)
      for (let step = 0; step < 8; step++) inputs[n * 64 + band * 8 + step] = (band < 4 === (n % 2 === 0) ? 0.8 : 0.1) + random() * 0.2;
  }
  return { shape: [8, 8, 1], inputs, labels, classCount: 2 };
}

describe('a kept clip model as pre-labels (tfjs, CPU backend)', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
    await tf.ready();
  });

  it('predicts new clips after being kept and loaded again as it did before, and transcribes them above the threshold', async () => {
    const model = smallCnn([8, 8, 1], 2, 3);
    await trainClassifier(model, spectrograms(20, 1), { epochs: 20, batchSize: 10, learningRate: 0.02 });
    const unseen = spectrograms(10, 99);
    const before = predictClasses(model, unseen);
    const kept = await saveModel(model);
    model.dispose();
    const loaded = await loadSavedModel(kept);
    const after = predictClasses(loaded, unseen);
    loaded.dispose();
    expect(after).toEqual(before);
    // No tensor outlives the models.
    expect(tf.memory().numTensors).toBe(0);

    const sampleIds = Array.from({ length: 10 }, (_, i) => 100 + i);
    const classes = ['turn on the lights', NO_SPEECH_CLASS];
    const prelabels = transcriptPrelabels(sampleIds, Float32Array.from(after.flat()), classes, 0.5);
    // Unseen clips the model learned the difference of: every one right, the silent class as empty text.
    expect(prelabels.map((p) => [p.sampleId, p.text])).toEqual(sampleIds.map((id, i) => [id, i % 2 === 0 ? 'turn on the lights' : '']));
    for (const p of prelabels) expect(p.confidence).toBeGreaterThan(0.5);
  });

  it('leaves out clips the model is less sure of than the threshold, and refuses probabilities of another shape', () => {
    const probabilities = Float32Array.of(0.9, 0.05, 0.05, 0.3, 0.4, 0.3, 0.1, 0.1, 0.8);
    const classes = ['stop', 'go', NO_SPEECH_CLASS];
    expect(transcriptPrelabels([1, 2, 3], probabilities, classes, 0.8)).toEqual([
      { sampleId: 1, text: 'stop', confidence: expect.closeTo(0.9, 5) },
      { sampleId: 3, text: '', confidence: expect.closeTo(0.8, 5) },
    ]);
    expect(transcriptPrelabels([1, 2, 3], probabilities, classes, 0).map((p) => p.text)).toEqual(['stop', 'go', '']);
    expect(transcriptPrelabels([1, 2, 3], probabilities, classes, 0.95)).toEqual([]);
    expect(() => transcriptPrelabels([1, 2], probabilities, classes, 0.5)).toThrow('expected 2 × 3 probabilities, got 9');
  });
});
