/**
 * A query's arguments as a string that is equal exactly when the arguments are equal by
 * value: object keys are sorted, so `{ from: 1, to: 2 }` and `{ to: 2, from: 1 }` name the
 * same query, and a screen that builds a new object on every render does not reload.
 * Fields that JSON leaves out (`undefined`) are left out here too, as the transport would.
 *
 * @example stableKey({ to: 2, from: 1 }) === stableKey({ from: 1, to: 2 }) // true
 */
export function stableKey(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}
