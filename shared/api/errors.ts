/**
 * Errors crossing the API door. Services throw `ApiError` for anything a user can act
 * on; hosts turn every other exception into `internal` so no stack trace or crash
 * reaches the UI.
 */
export const API_ERROR_CODES = [
  'invalid_argument',
  'unknown_operation',
  'not_found',
  'conflict',
  'failed_precondition',
  'unsupported',
  'forbidden',
  'unauthenticated',
  /**
   * The host could not be reached, or answered outside the API (an HTTP error): the call may or
   * may not have taken effect. Says nothing about who is signed in.
   */
  'unavailable',
  /** Another process or window held the project's write lock for longer than the wait allows; nothing was written. */
  'busy',
  /** The project is open in another app or server; it can be opened read-only. */
  'in_use',
  /**
   * The project's database is damaged: it failed SQLite's integrity check (the owner may restore
   * the latest copy from its `backups/` folder), or a stored value cannot be read (the message
   * names the table, row and column).
   */
  'damaged',
  /** The disk is full, or the project (its folder, its disk, or this view of it) cannot be written; nothing was saved. */
  'disk_full',
  'read_only',
  'internal',
] as const;

export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export interface ApiIssue {
  /** Dotted path of the offending field in the call's argument, e.g. `classes.2.color`. */
  path: string;
  message: string;
}

export interface ApiErrorBody {
  code: ApiErrorCode;
  message: string;
  issues?: ApiIssue[];
}

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly issues?: ApiIssue[],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toBody(): ApiErrorBody {
    return this.issues ? { code: this.code, message: this.message, issues: this.issues } : { code: this.code, message: this.message };
  }

  static fromBody(body: ApiErrorBody): ApiError {
    return new ApiError(body.code, body.message, body.issues);
  }
}

/** What every host returns for a call: never a thrown error across the boundary. */
export type CallResult<T> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };
