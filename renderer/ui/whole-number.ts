/** A whole number typed in a field: its value, or what is wrong with the text, in words. */
export type WholeNumberReading = { ok: true; value: number } | { ok: false; message: string };

/**
 * Reads a whole number as typed, within `min`…`max`. Empty, non-numeric, fractional, negative
 * (where `min` ≥ 0) and out-of-range text is refused with a reason rather than guessed at;
 * leading zeros are read as the number they write ("03" is 3).
 * @example readWholeNumber('03', { min: 1, max: 50 }) // { ok: true, value: 3 }
 * @example readWholeNumber('-2', { min: 0 }) // { ok: false, message: 'Must be 0 or more, not a negative number.' }
 */
export function readWholeNumber(text: string, { min, max = Number.MAX_SAFE_INTEGER }: { min: number; max?: number }): WholeNumberReading {
  const typed = text.trim();
  if (typed === '') return { ok: false, message: 'Enter a number.' };
  if (!/^[+-]?\d+(\.\d+)?$/.test(typed)) return { ok: false, message: 'Enter a whole number, in digits.' };
  const value = Number(typed);
  if (!Number.isInteger(value)) return { ok: false, message: 'Enter a whole number, without a fraction.' };
  if (value < 0 && min >= 0) return { ok: false, message: `Must be ${min} or more, not a negative number.` };
  if (value < min) return { ok: false, message: `Must be at least ${min}.` };
  if (value > max) return { ok: false, message: `Must be at most ${max}.` };
  return { ok: true, value };
}
