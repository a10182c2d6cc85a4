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
