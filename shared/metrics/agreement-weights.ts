/**
 * Agreement weights for weighted coefficients (Cohen 1968; Gwet 2014, ch. 3): w_kl is the credit
 * for one coder saying category k and another l, 1 on the diagonal. Named weights depend only on
 * the places of k and l in the categories' order.
 */

/** A K × K matrix of credits in [0, 1], rows and columns in the categories' order, 1 on the diagonal. */
export type WeightMatrix = readonly (readonly number[])[];

/**
 * `none` 1 only when equal; `linear` 1 − |k − l|/(K − 1); `quadratic` 1 − (k − l)²/(K − 1)²; or
 * a {@link WeightMatrix} of one's own.
 */
export type AgreementWeights = 'none' | 'linear' | 'quadratic' | WeightMatrix;

/**
 * The K × K weights, row-major. A matrix of one's own must be K × K with entries from 0 to 1 and
 * ones on the diagonal (else a disagreement could earn more than an agreement); it throws otherwise.
 * @example weightMatrix('linear', 3) // [1, 0.5, 0, 0.5, 1, 0.5, 0, 0.5, 1]
 */
export function weightMatrix(weights: AgreementWeights, k: number): Float64Array {
  const matrix = new Float64Array(k * k);
  if (typeof weights !== 'string') {
    if (weights.length !== k || weights.some((row) => row.length !== k)) {
      throw new Error(`the weight matrix must be ${k} × ${k}, one row and column per category, got ${weights.length} rows`);
    }
    weights.forEach((row, i) =>
      row.forEach((w, j) => {
        if (!(w >= 0 && w <= 1)) throw new Error(`weight [${i}][${j}] must be from 0 to 1, got ${w}`);
        if (i === j && w !== 1) throw new Error(`weight [${i}][${i}] must be 1: full credit when both coders agree`);
        matrix[i * k + j] = w;
      }),
    );
    return matrix;
  }
  const span = Math.max(k - 1, 1);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const d = Math.abs(i - j) / span;
      matrix[i * k + j] = weights === 'none' ? (i === j ? 1 : 0) : weights === 'linear' ? 1 - d : 1 - d * d;
    }
  }
  return matrix;
}

/** Whether the weights credit anything but exact agreement, so that the categories' order matters. */
export function isWeighted(weights: AgreementWeights): boolean {
  return weights !== 'none';
}
