import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** V8's full collection as a function, once found (null: this runtime refused to give one). */
let fullCollection: (() => void) | null | undefined;

/**
 * Collects this thread's dead objects now, after work that leaves a large heap of them (a
 * dataset version at 100,000 samples: ~160–260 MB of pages' texts, items and maps, unreachable
 * once it is written). Left to itself, V8 collects them when the old generation reaches its
 * limit or once the thread has been quiet for ~10 s (its memory reducer); until then the host
 * holds that memory, and the next large request (an export, started right after the version)
 * adds its own on top. With little left alive the collection is short (~25–45 ms after a
 * 100,000-sample version), and V8 hands the freed pages back to the system right after it.
 *
 * @example
 * try { return await makeVersion(); } finally { collectGarbage(); }
 */
export function collectGarbage(): void {
  fullCollectionFunction()?.();
}

function fullCollectionFunction(): (() => void) | null {
  if (fullCollection !== undefined) return fullCollection;
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return (fullCollection = exposed);
  try {
    // With the flag set, V8 gives a context made afterwards a `gc` function; it is taken from one
    // such context and the flag cleared again, so worker threads started later get none.
    setFlagsFromString('--expose-gc');
    fullCollection = runInNewContext('gc') as () => void;
  } catch {
    fullCollection = null;
  } finally {
    setFlagsFromString('--no-expose-gc');
  }
  return fullCollection;
}
