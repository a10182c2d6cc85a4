/** SQLite's extended codes for a UNIQUE or PRIMARY KEY constraint; PostgreSQL's SQLSTATE `unique_violation`. */
const UNIQUE_VIOLATION = new Set(['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY', '23505']);

/**
 * Whether a failed statement broke a unique key: two writers created the same thing at
 * once (the same revision of an annotation, the same decision), and the later one lost.
 */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && UNIQUE_VIOLATION.has(code);
}
