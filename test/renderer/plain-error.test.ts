import { describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/errors';
import { plainError } from '../../renderer/api/plain-error';

const refused = (...issues: { path: string; message: string }[]) =>
  new ApiError('invalid_argument', `Invalid argument for datasets.export: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);

describe('errors in plain words', () => {
  it('names a refused field as the place shows it, not as the API calls it', () => {
    const error = refused({ path: 'outDir', message: 'the output folder must be a full path, like /home/ana/data or C:\\data' });
    expect(plainError(error, { outDir: 'New folder to write' })).toBe(
      'New folder to write: the output folder must be a full path, like /home/ana/data or C:\\data.',
    );
    expect(plainError(error)).toBe('Folder: the output folder must be a full path, like /home/ana/data or C:\\data.');
    expect(plainError(error)).not.toMatch(/datasets\.export|outDir|Invalid argument/);
  });

  it("turns zod's wording into a person's, and spells out a field nobody named", () => {
    const error = refused(
      { path: 'seed', message: 'Invalid input: expected number, received NaN' },
      { path: 'classes.2.displayName', message: 'Too small: expected string to have >=1 characters' },
      { path: 'minAgreement', message: 'Too big: expected number to be <=1' },
    );
    expect(plainError(error)).toBe('Seed: must be a number. Display name: cannot be empty. Agreement: must be at most 1.');
  });

  it("keeps a service's own sentence, and says in words what a log message would", () => {
    const conflict = new ApiError('conflict', 'This sample was decided meanwhile (decision 2; you were looking at 1). Reload it to see the newest decision.');
    expect(plainError(conflict)).toBe(conflict.message);
    const ruled = new ApiError('invalid_argument', 'Guideline v1 has no section “#groups”: its sections are “Tight boxes” (#tight).', [
      { path: 'guidelineRule', message: 'not a section of the guideline in force' },
    ]);
    expect(plainError(ruled)).toBe(ruled.message);
    expect(plainError(new ApiError('internal', 'datasets.export failed unexpectedly. Details are in the application log.'))).toMatch(
      /^Something went wrong inside Concord\. Try again/,
    );
    expect(plainError(new TypeError('Failed to fetch'))).toMatch(/^Concord did not answer/);
  });
});
