/**
 * Whether two annotation payloads say the same thing, whatever the order of their object keys
 * (a payload read back from the database or from the browser's storage may list them
 * differently). Arrays keep their order: boxes, segments and tags are ordered content.
 *
 * Used when edits kept offline come back: if the back end already holds exactly what was kept
 * (the save landed but its answer was lost), the kept edits are confirmed, not a conflict.
 * @example
 * samePayload({ boxes: [], tags: ['a'] }, { tags: ['a'], boxes: [] }); // true
 * samePayload({ tags: ['a', 'b'] }, { tags: ['b', 'a'] }); // false
 */
export function samePayload(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

/** JSON with every object's keys sorted, and keys whose value is undefined left out (as JSON does). */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) return inner;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(inner).sort()) sorted[key] = (inner as Record<string, unknown>)[key];
    return sorted;
  });
}
