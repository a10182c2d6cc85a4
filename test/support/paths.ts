import { resolve } from 'node:path';

/** The repository root, for tests and benchmarks that need built files or resources. */
export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');
