import { ApiError, type ApiErrorCode } from '../../shared/api/errors';

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

/** The back end's refusals are the user's to act on: one line and exit code 1, as for API calls. */
export async function cliErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ApiError) throw new CliError(error.message, exitCodeFor(error.code));
    throw error;
  }
}
