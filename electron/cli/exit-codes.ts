import type { ApiErrorCode } from '../../shared/api/errors';

/** 0: done. 1: the user asked for something that cannot be done (message says why). 2: a bug or crash. */
export const EXIT_OK = 0;
export const EXIT_USER_ERROR = 1;
export const EXIT_INTERNAL_ERROR = 2;

export function exitCodeFor(code: ApiErrorCode): number {
  return code === 'internal' ? EXIT_INTERNAL_ERROR : EXIT_USER_ERROR;
}

/** An error the CLI reports in one line and exits with, without a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_USER_ERROR,
  ) {
    super(message);
  }
}
