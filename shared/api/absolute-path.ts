import { z } from 'zod';

/** `/home/ana/photos`, `C:\Users\ana`, `C:/Users/ana` or a network share `\\server\photos`. */
const ABSOLUTE = /^(?:\/|[A-Za-z]:[\\/]|\\\\[^\\])/;

/**
 * A path the back end can use as it stands. A relative one would be resolved against wherever
 * the host process happens to run (the web server's folder), not where the person thinks.
 */
export function absolutePath(what: string) {
  return z
    .string()
    .trim()
    .min(1, `${what} is required`)
    .refine((path) => ABSOLUTE.test(path), `the ${what} must be a full path, like /home/ana/data or C:\\data`);
}
