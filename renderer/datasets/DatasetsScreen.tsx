import { useEffect, useState } from 'react';
import type { DatasetSummary } from '../../shared/domain/dataset';
import type { ProjectSummary } from '../../shared/domain/project';
import { api } from '../api/api';
import { reportError } from '../stores/notices';
import { ReadOnlyNote } from '../ui/read-only';
import { VersionNav } from '../ui/VersionNav';
import { CreateVersion } from './CreateVersion';
import { VersionCard } from './VersionCard';

/**
 * Dataset versions for ML engineers: make a version (seeing its split counts first), read each
 * version's card, export it in a format, and compare two versions.
 */
export function DatasetsScreen({ project }: { project: ProjectSummary }) {
  const [versions, setVersions] = useState<DatasetSummary[] | null>(null);
  const [shown, setShown] = useState<number | 'new'>('new');
  useEffect(() => {
    api.call('datasets.list').then((list) => {
      setVersions(list);
      if (list.length > 0) setShown(list.at(-1)!.version);
    }, reportError);
  }, []);

  if (!versions) return <div className="empty">Loading the dataset versions…</div>;
  const summary = versions.find((v) => v.version === shown);
  return (
    <div className="guidelines-screen">
      <VersionNav<number | 'new'>
        label="Dataset versions"
        selected={shown}
        onSelect={setShown}
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
        {shown === 'new' || !summary ? (
          <CreateVersion
            project={project}
            versions={versions}
            onCreated={(created) => {
              setVersions([...versions, created]);
              setShown(created.version);
            }}
          />
        ) : (
          <VersionCard key={summary.version} summary={summary} versions={versions} />
        )}
      </div>
    </div>
  );
}
