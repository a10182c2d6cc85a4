import type { ProjectKind } from '../../shared/domain/project';

export function KindBadge({ kind }: { kind: ProjectKind }) {
  return <span className={`badge badge-${kind}`}>{kind === 'bbox' ? 'Images · boxes' : 'Audio · transcripts'}</span>;
}
