/** A promise the test settles when it chooses: a back end's answer, held in flight. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every answer already given run its continuations (promise callbacks only; no time passes). */
export const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
