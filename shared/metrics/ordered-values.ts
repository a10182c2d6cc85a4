import type { Category, RatingValue } from './category-codes';

/**
 * Ratings on an ordered scale (ordinal, interval or ratio alpha; weighted kappa and AC2) must
 * be compared by value, not by spelling: "10" comes after "9". Numbers stay as they are, numeric
 * strings become numbers, and any other string needs its place in an explicit order.
 */

/** Thrown when ordered ratings hold strings that are not numbers and no order was given. */
export class OrderNeededError extends Error {
  constructor(
    readonly value: string,
    readonly coder: number,
    readonly unit: number,
    purpose: string,
  ) {
    super(`${purpose} needs the order of the categories: ${JSON.stringify(value)} (coder ${coder}, unit ${unit}) is not a number, so give the order`);
    this.name = 'OrderNeededError';
  }
}

/** The ratings as numbers, and the categories in order when an order was given (else `undefined`: the sorted values). */
export interface OrderedRatings {
  data: (number | null)[][];
  categories: number[] | undefined;
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * `value` as a number when it is one or is written as one ("8", " 2.5", "-1e3"); else `null`.
 * @example numericValue('10') // 10; numericValue('ten') // null
 */
export function numericValue(value: number | string): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  const text = value.trim();
  return DECIMAL.test(text) ? Number(text) : null;
}

/**
 * Ratings ready for an ordered comparison. With `order`, each value is replaced by its place in
 * it (1 for the first category), matched by its text so that 3 and "3" are the same category,
 * and a value outside the order throws. Without it, every value must be a number or a numeric
 * string; a value that is neither throws {@link OrderNeededError}, naming `purpose`.
 * @example
 * orderedRatings([['8', '10'], ['9', '10']], undefined, 'ordinal alpha').data // [[8, 10], [9, 10]]
 * orderedRatings([['low', 'high']], ['low', 'high'], 'ordinal alpha').data // [[1, 2]]
 */
export function orderedRatings(data: readonly (readonly RatingValue[])[], order: readonly Category[] | undefined, purpose: string): OrderedRatings {
  if (order) {
    const place = new Map<string, number>();
    order.forEach((category, index) => {
      const key = String(category);
      if (place.has(key)) throw new Error(`Category ${key} is listed twice in the order`);
      place.set(key, index + 1);
    });
    const ranked = data.map((row, coder) =>
      row.map((value, unit) => {
        if (value === null || value === undefined) return null;
        const rank = place.get(String(value));
        if (rank === undefined)
          throw new Error(`Value ${JSON.stringify(value)} (coder ${coder}, unit ${unit}) is not one of the categories in the order given`);
        return rank;
      }),
    );
    return { data: ranked, categories: order.map((_, index) => index + 1) };
  }
  const numbers = data.map((row, coder) =>
    row.map((value, unit) => {
      if (value === null || value === undefined) return null;
      const number = numericValue(value);
      if (number !== null) return number;
      if (typeof value === 'number') throw new Error(`Rating ${value} (coder ${coder}, unit ${unit}) is not a finite number`);
      throw new OrderNeededError(value, coder, unit, purpose);
    }),
  );
  return { data: numbers, categories: undefined };
}
