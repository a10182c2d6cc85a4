import { useState } from 'react';
import type { ProjectSummary } from '../../shared/domain/project';
import { useQuery } from '../api/use-query';
import { QueryError } from '../ui/QueryError';
import { VersionNav } from '../ui/VersionNav';
import { ReadOnlyNote } from '../ui/read-only';
import { CreateVersion } from './CreateVersion';
import { VersionCard } from './VersionCard';
import { LabelerExport } from './LabelerExport';
import './datasets.css';

/**
 * Dataset versions for ML engineers: make a version (seeing its split counts first), read each
 * version's card, export it in a format, compare two versions, and export each labeler's labels.
 */
export function DatasetsScreen({ project }: { project: ProjectSummary }) {
  // A version frozen by someone else (on any server process) joins the list as it is made.
  const { data: versions, error, refresh } = useQuery('datasets.list', undefined, { refreshOn: ['dataset.created'] });
  // Until the user picks one, the newest version when the screen opened is shown (or the form,
  // when there was none): a version someone else adds joins the list without taking its place.
  const [picked, setPicked] = useState<number | 'new' | null>(null);
  const newest = versions ? (versions.at(-1)?.version ?? 'new') : null;
  if (picked === null && newest !== null) setPicked(newest);

  if (!versions) {
    return (
      <div className="empty">
        {error ? <QueryError error={error} what="list the dataset versions" onRetry={() => void refresh()} /> : 'Loading the dataset versions…'}
      </div>
    );
  }
  const shown = picked ?? versions.at(-1)?.version ?? 'new';
  const summary = versions.find((v) => v.version === shown);
  return (
    <div className="side-layout versions-screen">
      <VersionNav<number | 'new'>
        label="Dataset versions"
        selected={shown}
        onSelect={setPicked}
        items={[
          { key: 'new', title: 'New version…', note: '', detail: 'choose splits and labels' },
          ...[...versions].reverse().map((v) => ({
            key: v.version,
            title: `v${v.version}`,
            note: new Date(v.createdAt).toLocaleDateString(),
            detail: `${v.counts.train} / ${v.counts.dev} / ${v.counts.test} · ${v.contentHash.slice(0, 8)}`,
          })),
        ]}
      />
      <div className="guideline-main">
        <ReadOnlyNote />
        <QueryError error={error} what="list the dataset versions" onRetry={() => void refresh()} />
        {shown === 'new' ? (
          <CreateVersion
            project={project}
            versions={versions}
            onCreated={(created) => {
              setPicked(created.version);
              void refresh();
            }}
          />
        ) : summary ? (
          <VersionCard key={summary.version} summary={summary} versions={versions} />
        ) : (
          <div className="empty">Loading v{shown}…</div>
        )}
        <LabelerExport kind={project.kind} />
      </div>
    </div>
  );
}
