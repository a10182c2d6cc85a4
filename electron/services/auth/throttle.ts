import type { Kysely } from 'kysely';
import { ApiError } from '../../../shared/api/errors';
import { clearFailures, getFailures, putFailures, type FailureStore } from '../../db/queries/sign-in-failures';
import type { Database } from '../../db/schema';

/** The failures counted in one project's own database. */
export function projectFailureStore(db: Kysely<Database>): FailureStore {
  return { get: (key) => getFailures(db, key), put: (key, count) => putFailures(db, key, count), clear: (key) => clearFailures(db, key) };
}

/** Failed sign-ins allowed before a wait, per account and per address. */
const FREE_FAILURES = { account: 5, address: 20 } as const;
/** The first wait; each further failure doubles it, up to the cap. */
const FIRST_LOCK_MS = 30_000;
const MAX_LOCK_MS = 15 * 60_000;
/** Failures older than this are forgotten. */
const FORGET_AFTER_MS = 60 * 60_000;

export type ThrottleKey = { kind: 'account'; name: string } | { kind: 'address'; address: string };

const keyOf = (key: ThrottleKey) => (key.kind === 'account' ? `account:${key.name.toLowerCase()}` : `address:${key.address}`);

/** Refuses a sign-in attempt while any of its keys is locked out; the password is not even checked. */
export async function refuseIfLocked(store: FailureStore, keys: ThrottleKey[], now: number): Promise<void> {
  for (const key of keys) {
    const count = await store.get(keyOf(key));
    if (count && count.lockedUntil > now) {
      const seconds = Math.ceil((count.lockedUntil - now) / 1000);
      const what = key.kind === 'account' ? 'this account' : 'this computer';
      throw new ApiError('failed_precondition', `Too many failed sign-ins for ${what}. Try again in ${seconds} s.`);
    }
  }
}

export async function recordFailure(store: FailureStore, keys: ThrottleKey[], now: number): Promise<void> {
  for (const key of keys) {
    const before = await store.get(keyOf(key));
    const failures = before && now - before.lastAt < FORGET_AFTER_MS ? before.failures + 1 : 1;
    const over = failures - FREE_FAILURES[key.kind];
    const lockedUntil = over >= 0 ? now + Math.min(MAX_LOCK_MS, FIRST_LOCK_MS * 2 ** over) : 0;
    await store.put(keyOf(key), { failures, lastAt: now, lockedUntil });
  }
}

/** Forgets the keys' failures; a key with none is not written (a sign-in must not wait for a write it does not need). */
export async function recordSuccess(store: FailureStore, keys: ThrottleKey[]): Promise<void> {
  for (const key of keys) if (await store.get(keyOf(key))) await store.clear(keyOf(key));
}
