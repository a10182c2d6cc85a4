/**
 * The numbers of `parts` end to end in one array: a run of packed numbers made in pieces (a
 * file's sections, a query's pages) without a growing array of numbers in between.
 * @example joinedNumbers([Float64Array.of(1, 2), Float64Array.of(3)]) // Float64Array [1, 2, 3]
 */
export function joinedNumbers(parts: readonly Float64Array[]): Float64Array {
  const joined = new Float64Array(parts.reduce((length, part) => length + part.length, 0));
  let at = 0;
  for (const part of parts) {
    joined.set(part, at);
    at += part.length;
  }
  return joined;
}
