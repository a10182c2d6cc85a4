/** The class a box model trained to find boxes gives windows with nothing in them; kept last among its classes. */
export const BACKGROUND_CLASS = '(background)';

/**
 * The first `examples` rows of a model's probabilities over its classes plus background, with the
 * background column dropped and each row scaled to sum to 1 again: what the model says about a
 * drawn box's class given that it is an object, for measuring it against the labels.
 * @example withoutBackground(Float32Array.of(0.2, 0.2, 0.6), 1, 3, 2) // [0.5, 0.5]
 */
export function withoutBackground(probabilities: Float32Array, examples: number, classCount: number, background: number): Float32Array {
  const out = new Float32Array(examples * (classCount - 1));
  for (let e = 0; e < examples; e++) {
    let sum = 0;
    for (let c = 0; c < classCount; c++) if (c !== background) sum += probabilities[e * classCount + c]!;
    let at = e * (classCount - 1);
    for (let c = 0; c < classCount; c++) if (c !== background) out[at++] = sum > 0 ? probabilities[e * classCount + c]! / sum : 1 / (classCount - 1);
  }
  return out;
}

/** What the trainer takes: every example's input, its label and which examples it learns from. */
export interface TrainingExamples {
  inputs: Float32Array;
  labels: Int32Array;
  classCount: number;
  trainOn: number[];
}

/**
 * The examples with `count` background crops added after them, all to train on, labelled with a
 * new last class (index `classCount`): a box model that learns "nothing here" can find boxes.
 * @example withBackgroundExamples({ inputs, labels: Int32Array.of(0, 1), classCount: 2, trainOn: [0] }, background, 1).labels // [0, 1, 2]
 */
export function withBackgroundExamples(examples: TrainingExamples, background: Float32Array, count: number): TrainingExamples {
  const n = examples.labels.length;
  const inputs = new Float32Array(examples.inputs.length + background.length);
  inputs.set(examples.inputs);
  inputs.set(background, examples.inputs.length);
  return {
    inputs,
    labels: Int32Array.from({ length: n + count }, (_, i) => (i < n ? examples.labels[i]! : examples.classCount)),
    classCount: examples.classCount + 1,
    trainOn: [...examples.trainOn, ...Array.from({ length: count }, (_, i) => n + i)],
  };
}
