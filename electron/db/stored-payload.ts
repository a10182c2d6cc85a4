import { parseAnnotationPayload, PayloadError, type AnnotationPayload } from '../../shared/annotation/payload';
import { StoredJsonError, type StoredJsonPlace } from './stored-json';
import type { Database } from './schema';

/**
 * A stored annotation payload read as `readStoredJson(storedPayloadSchema, …)` reads it (the same
 * value, the same `StoredJsonError` and message), without zod's wrapper around the payload's own
 * parser: a dataset version reads 300,000 answers at 100,000 images, and the wrapper's checks and
 * objects were a fifth of that read.
 * @example readStoredPayload('{"v":1,"kind":"bbox","boxes":[]}', { table: 'annotation_revision', column: 'payload_json', row: 1 }).tags // []
 */
export function readStoredPayload<Table extends keyof Database>(text: string, place: StoredJsonPlace<Table>): AnnotationPayload {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new StoredJsonError(place, 'is not valid JSON');
  }
  try {
    return parseAnnotationPayload(value);
  } catch (error) {
    if (!(error instanceof PayloadError)) throw error;
    throw new StoredJsonError(place, `does not have the expected shape (at the top: ${error.message})`);
  }
}
