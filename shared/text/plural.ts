/**
 * A count with its noun in the right number: "1 sample", "2 samples", "0 samples". English
 * plurals that are not the singular plus "s" are given (`box`, `boxes`).
 * @example countOf(1, 'sample') // "1 sample"
 * @example countOf(3, 'box', 'boxes') // "3 boxes"
 */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${nounFor(count, singular, plural)}`;
}

/**
 * The noun alone, in the number a count asks for, where the count is written apart from it
 * ("0 of 1 sample").
 * @example nounFor(1, 'case') // "case"
 * @example nounFor(2, 'case') // "cases"
 */
export function nounFor(count: number, singular: string, plural = `${singular}s`): string {
  return count === 1 ? singular : plural;
}
