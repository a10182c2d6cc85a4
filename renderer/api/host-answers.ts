type Listener = () => void;

const listeners = new Set<Listener>();

/**
 * Tells whoever waits for the back end that it answers again, the moment the tab learns it (an
 * event stream reconnected), rather than at their next retry.
 * @example const stop = onHostAnswers(() => session.hostAnswers());
 */
export function onHostAnswers(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function hostAnswers(): void {
  for (const listener of [...listeners]) listener();
}
