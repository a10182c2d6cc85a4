import { z } from 'zod';

/** A named upgrade of a stored record from version `from` to `from + 1`. */
export interface RecordMigration {
  from: number;
  name: string;
  up(old: Record<string, unknown>): Record<string, unknown>;
}

export interface VersionedRecord<T> {
  /** The version records are written in. */
  readonly version: number;
  /** Accepts a stored record of any known version and returns it in the current shape. */
  readonly schema: z.ZodType<T, unknown>;
  /** The record as it is stored: with its version in `v`. */
  stamp(record: T): T & { v: number };
}

/**
 * A JSON record kept in the project database whose shape will change, versioned like
 * annotation payloads: each stored value carries `v`, an upgrade from each version to the
 * next is a named migration, and readers only ever see the current shape. Records written
 * before they carried a version count as version 1. A record from a newer Concord is
 * refused rather than misread.
 * @example
 * const runs = versionedRecord('training run', 1, z.object({ backend: z.string() }));
 * runs.schema.parse({ backend: 'cpu' }) // { backend: 'cpu' } (unversioned: version 1)
 * runs.stamp({ backend: 'cpu' }) // { v: 1, backend: 'cpu' }
 */
export function versionedRecord<T>(
  what: string,
  version: number,
  current: z.ZodType<T, unknown>,
  migrations: readonly RecordMigration[] = [],
): VersionedRecord<T> {
  const upgraded = z.unknown().transform((value, ctx): unknown => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      ctx.addIssue({ code: 'custom', message: `a ${what} must be an object` });
      return z.NEVER;
    }
    let record = value as Record<string, unknown>;
    const stored = record['v'] === undefined ? 1 : record['v'];
    if (typeof stored !== 'number' || !Number.isInteger(stored) || stored < 1) {
      ctx.addIssue({ code: 'custom', path: ['v'], message: `a ${what}'s version must be a positive whole number` });
      return z.NEVER;
    }
    if (stored > version) {
      ctx.addIssue({ code: 'custom', path: ['v'], message: `the ${what} is version ${stored}, newer than this Concord understands (${version})` });
      return z.NEVER;
    }
    for (const step of migrations) if (step.from >= stored) record = step.up(record);
    return record;
  });
  return {
    version,
    schema: upgraded.pipe(current),
    stamp: (record) => ({ v: version, ...record }),
  };
}
