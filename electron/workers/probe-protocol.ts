import type { MediaKind } from '../../shared/domain/sample';
import type { ProbeResult } from '../media/probe';

/**
 * Messages between the import job and the probe worker: a batch of files per message, so
 * the round trip is paid once per batch rather than once per file.
 */
export interface ProbeRequest {
  id: number;
  paths: string[];
  kind: MediaKind;
  thumbnailDir: string;
}

export interface ProbeResponse {
  id: number;
  /** One per path, in the request's order. */
  results: ProbeResult[];
}
