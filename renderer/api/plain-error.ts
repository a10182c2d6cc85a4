import { ApiError, type ApiErrorCode, type ApiIssue } from '../../shared/api/errors';

/** How a place names its fields, by the argument's field path (`outDir`) or its last part. */
export type FieldNames = Readonly<Record<string, string>>;

/** Field names most screens show the same way; a place's own names come first. */
const COMMON_FIELDS: FieldNames = {
  outDir: 'Folder',
  dir: 'Folder',
  path: 'File',
  source: 'Folder or manifest',
  name: 'Name',
  password: 'Password',
  guidelineRule: 'Guideline rule',
  ratios: 'Split shares',
  minAgreement: 'Agreement',
};

/** Codes whose host message is for a log, not for the person: said in other words. */
const CODE_SENTENCES: Partial<Record<ApiErrorCode, string>> = {
  internal: 'Something went wrong inside Concord. Try again; if it happens again, the application log has the details.',
  unknown_operation: 'This page and Concord do not match (Concord was updated?). Reload the page.',
};

/** zod's wording of common problems, and the words a person reads instead. */
const ZOD_WORDING: ReadonlyArray<[RegExp, (...groups: string[]) => string]> = [
  [/^Invalid input: expected \w+, received undefined$/, () => 'is required'],
  [/^Invalid input: expected number, received NaN$/, () => 'must be a number'],
  [/^Too small: expected string to have >=?1 characters?$/, () => 'cannot be empty'],
  [/^Too big: expected string to have <=?(\d+) characters?$/, (n) => `is too long (at most ${n} characters)`],
  [/^Too small: expected number to be >=?(\S+)$/, (n) => `must be at least ${n}`],
  [/^Too big: expected number to be <=?(\S+)$/, (n) => `must be at most ${n}`],
  [/^Too small: expected array to have >=?(\d+) items?$/, (n) => `needs at least ${n}`],
  [/^Invalid input: expected int, received number$/, () => 'must be a whole number'],
  [/^Invalid option: expected one of .*$/, () => 'is not one of the choices'],
];

/**
 * A failed call in words for the person who made it. A refused argument names each field as
 * the place shows it (`fields`, then common names, then the field's own name in words) with
 * what is wrong, instead of the host's "Invalid argument for datasets.export: outDir: …"; codes
 * whose message is for a log get a sentence; the services' own sentences are kept. File
 * contents never reach here: hosts put none in their messages.
 * @example plainError(new ApiError('invalid_argument', 'Invalid argument for datasets.export: outDir: …', [{ path: 'outDir', message: 'the output folder must be a full path' }]), { outDir: 'New folder' })
 *   // 'New folder: the output folder must be a full path.'
 */
export function plainError(error: unknown, fields: FieldNames = {}): string {
  if (error instanceof ApiError) {
    if (error.code === 'invalid_argument' && error.issues?.length && error.message.startsWith('Invalid argument for '))
      return [...new Set(error.issues.map((issue) => issueSentence(issue, fields)))].join(' ');
    return CODE_SENTENCES[error.code] ?? error.message;
  }
  // fetch's wording when the web server is gone.
  if (error instanceof TypeError && /fetch|network/i.test(error.message)) return 'Concord did not answer: is it still running? Try again once it is.';
  return error instanceof Error ? error.message : String(error);
}

function issueSentence(issue: ApiIssue, fields: FieldNames): string {
  const wording = ZOD_WORDING.find(([pattern]) => pattern.test(issue.message));
  const what = wording ? wording[1](...(wording[0].exec(issue.message)!.slice(1) as string[])) : issue.message;
  const sentence = `${what.replace(/[.\s]+$/, '')}.`;
  if (issue.path === '(argument)') return capitalize(sentence);
  return `${fieldName(issue.path, fields)}: ${sentence}`;
}

function fieldName(path: string, fields: FieldNames): string {
  const last =
    path
      .split('.')
      .filter((part) => !/^\d+$/.test(part))
      .at(-1) ?? path;
  return fields[path] ?? fields[last] ?? COMMON_FIELDS[last] ?? capitalize(last.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase());
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
