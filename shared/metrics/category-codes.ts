/**
 * Integer category codes for rating data: the metrics count and compare small integers in
 * typed arrays instead of hashing values in their hot loops.
 */

/** One coder's judgement of one unit; `null` (or `undefined`) is a missing value. */
export type RatingValue = number | string | null | undefined;

/** A category as coders write it. */
export type Category = number | string;

/** Code of a missing value in a {@link CodedRatings} matrix. */
export const MISSING = -1;

/** Ratings recoded as integers: `codes[coder * units + unit]` indexes `categories`, or is {@link MISSING}. */
export interface CodedRatings {
  codes: Int32Array;
  coders: number;
  units: number;
  /** Distinct categories in code order. */
  categories: Category[];
}

/**
 * The default order of categories: numbers ascending, then strings in code-point order.
 * @example sortCategories(['b', 10, 'a', 2]) // [2, 10, 'a', 'b']
 */
export function sortCategories(values: Iterable<Category>): Category[] {
  return [...values].sort((x, y) => {
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    if (typeof x === 'number') return -1;
    if (typeof y === 'number') return 1;
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

/**
 * Recodes coder rows (one row per coder, one column per unit) as integers. Categories are
 * `categories` in the order given when supplied, matched by their text so that 3 and "3" are one
 * category (a value outside them throws), else the sorted union of the observed values. Rows
 * shorter than the longest row are padded with missing values.
 * @example codeRatings([[1, 'x'], [null, 1]]) // codes [0, 1, -1, 0], categories [1, 'x']
 */
export function codeRatings(data: readonly (readonly RatingValue[])[], categories?: readonly Category[]): CodedRatings {
  const coders = data.length;
  let units = 0;
  for (const row of data) units = Math.max(units, row.length);

  const ordered = categories ? [...categories] : sortCategories(observedValues(data));
  // Listed categories may come as text (a command line's --order) for values that are numbers.
  const key = categories ? (value: Category): Category => String(value) : (value: Category): Category => value;
  const index = new Map<Category, number>();
  ordered.forEach((category, code) => {
    if (index.has(key(category))) throw new Error(`Category ${String(category)} is listed twice`);
    index.set(key(category), code);
  });

  const codes = new Int32Array(coders * units).fill(MISSING);
  for (let coder = 0; coder < coders; coder++) {
    const row = data[coder] ?? [];
    const offset = coder * units;
    for (let unit = 0; unit < row.length; unit++) {
      const value = row[unit];
      if (value === null || value === undefined) continue;
      const code = index.get(key(value));
      if (code === undefined) throw new Error(`Value ${String(value)} (coder ${coder}, unit ${unit}) is not one of the categories`);
      codes[offset + unit] = code;
    }
  }
  return { codes, coders, units, categories: ordered };
}

function observedValues(data: readonly (readonly RatingValue[])[]): Set<Category> {
  const seen = new Set<Category>();
  for (const row of data) {
    for (const value of row) {
      if (value === null || value === undefined) continue;
      if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`Rating ${value} is not a finite number`);
      seen.add(value);
    }
  }
  return seen;
}
