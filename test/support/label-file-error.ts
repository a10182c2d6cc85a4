import { LabelFileError } from '../../shared/dataset/import/file-problems';

/** The error a parser throws for a whole file it cannot read, for a test to look at its message. */
export function labelFileErrorOf(read: () => unknown): LabelFileError {
  try {
    read();
  } catch (error) {
    if (error instanceof LabelFileError) return error;
    throw error;
  }
  throw new Error('expected a LabelFileError');
}
