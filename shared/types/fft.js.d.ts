/** The part of fft.js that the log-mel features use, typed: the package's own declarations say `any` throughout. */
declare module 'fft.js' {
  export default class FFT {
    constructor(size: number);
    readonly size: number;
    createComplexArray(): number[];
    /** Fills the left half of `out` (interleaved re, im) with the spectrum of a real input. */
    realTransform(out: number[], input: ArrayLike<number>): void;
  }
}
