import type { MediaKind } from '../../shared/domain/sample';
import type { ProbeResult } from '../media/probe';

/** Messages between the import job and the probe worker. */
export interface ProbeRequest {
  id: number;
  path: string;
  kind: MediaKind;
  thumbnailDir: string;
}

export interface ProbeResponse {
  id: number;
  result: ProbeResult;
}
