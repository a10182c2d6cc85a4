import { expect } from 'vitest';
import { annotationPayloadSchema } from '../../shared/annotation/payload';

/** Values a damaged or hand-edited payload could hold where a field is expected. */
const ODD_VALUES: unknown[] = [undefined, null, 0, -1, 1.5, 2 ** 60, NaN, Infinity, '', 'x', '1', true, false, [], {}, [1], { a: 1 }];

/** Draws from a seeded `random`, and now and then puts an odd value where a field's value was. */
export interface Damager {
  pick<T>(values: readonly T[]): T;
  /** `value`, or (6 in 100) an odd value in its place. */
  damage(value: unknown): unknown;
  /** Leaves out (5 in 100) each key of `record`, in place. */
  dropKeys(record: Record<string, unknown>): void;
}

/**
 * A damager drawing from `random`.
 * @example const { damage } = damager(mulberry32(1)); damage(1) // 1, now and then null, '' or NaN…
 */
export function damager(random: () => number): Damager {
  const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)]!;
  return {
    pick,
    damage: (value) => (random() < 0.06 ? pick(ODD_VALUES) : value),
    dropKeys: (record) => {
      for (const key of Object.keys(record)) if (random() < 0.05) delete record[key];
    },
  };
}

/**
 * A stored payload of `fields` (its `v`, kind and kind's own fields, already damaged) with flags
 * and tags, then damaged at random: flags and tags replaced by odd values, keys left out of it and
 * its flags, an extra key added.
 */
export function withDamagedCommonParts(random: () => number, fields: Record<string, unknown>, tag: string): Record<string, unknown> {
  const { damage, dropKeys } = damager(random);
  const flags: Record<string, unknown> = {
    unsure: damage(random() < 0.2),
    comment: damage(random() < 0.02 ? 'x'.repeat(2001) : 'a note'),
    mediaBroken: damage(false),
  };
  const payload: Record<string, unknown> = { ...fields, flags: damage(flags), tags: damage(random() < 0.5 ? [] : [damage(tag)]) };
  dropKeys(payload);
  dropKeys(flags);
  if (random() < 0.05) payload['extra'] = { kept: 'out' };
  return payload;
}

/**
 * Reads `count` payloads from `make` both with a quick reader and with the schema, and checks the
 * quick reader gives exactly what the schema gives (the same text when written again, so keys in
 * the schema's order too) or leaves the payload to it, and that each took at least `least`.
 */
export function expectQuickReaderHoldsToSchema(
  quick: (record: Record<string, unknown>) => unknown,
  make: () => Record<string, unknown>,
  count: number,
  least: { read: number; refused: number },
): void {
  let read = 0;
  let refused = 0;
  for (let n = 0; n < count; n++) {
    const payload = make();
    const quickly = quick(payload);
    const parsed = annotationPayloadSchema.safeParse(payload);
    if (quickly !== null) {
      read++;
      expect(parsed.success, JSON.stringify(payload)).toBe(true);
      expect(JSON.stringify(quickly)).toBe(JSON.stringify(parsed.data));
    } else if (!parsed.success) refused++;
  }
  // Both sides are exercised: many payloads read quickly, many are damaged.
  expect(read).toBeGreaterThan(least.read);
  expect(refused).toBeGreaterThan(least.refused);
}
