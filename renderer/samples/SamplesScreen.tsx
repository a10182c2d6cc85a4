import { useEffect, useState } from 'react';
import type { ProjectSummary } from '../../shared/domain/project';
import type { SampleSort, SampleStatus } from '../../shared/domain/sample';
import { useImportStore } from '../stores/import-store';
import { reportError, useNotices } from '../stores/notices';
import { useProjectStore } from '../stores/project-store';
import { useCalibrationSamples } from '../ui/calibration';
import { ReadOnlyNote, useReadOnly } from '../ui/read-only';
import { QueryError } from '../ui/QueryError';
import { ImportPanel } from './ImportPanel';
import { RelinkPanel } from './RelinkPanel';
import { SampleCard } from './SampleCard';
import { TagMatching } from './TagMatching';
import { PAGE_SIZE, sampleFilterOf, useSamples } from './use-samples';
import './samples.css';
import { countOf } from '../../shared/text/plural';

type Panel = 'import' | 'relink' | null;

/** The list's orders, as the sort menu offers them. */
const SORTS: Array<{ label: string; sort: SampleSort }> = [
  { label: 'Added, first to last', sort: { by: 'added', descending: false } },
  { label: 'Added, last to first', sort: { by: 'added', descending: true } },
  { label: 'Name, A to Z', sort: { by: 'name', descending: false } },
  { label: 'Name, Z to A', sort: { by: 'name', descending: true } },
  { label: 'Status, unlabeled first', sort: { by: 'status', descending: false } },
  { label: 'Status, submitted first', sort: { by: 'status', descending: true } },
  { label: 'Tag, A to Z', sort: { by: 'tag', descending: false } },
  { label: 'Tag, Z to A', sort: { by: 'tag', descending: true } },
];

/** Everything in the project: filter by tag, status and name; import more; re-link moved media. */
export function SamplesScreen({ project }: { project: ProjectSummary }) {
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<SampleStatus | null>(null);
  const [tags, setTags] = useState<string[]>([]);
  const [sortIndex, setSortIndex] = useState(0);
  const [pageIndex, setPageIndex] = useState(0);
  const readOnly = useReadOnly();
  const [panel, setPanel] = useState<Panel>(project.sampleCount === 0 && !readOnly ? 'import' : null);
  const refreshProject = useProjectStore((s) => s.refresh);
  const listen = useImportStore((s) => s.listen);
  const { page, loading, error, refresh } = useSamples({ tags, status, search, sort: SORTS[sortIndex]!.sort, page: pageIndex });
  const calibration = useCalibrationSamples();

  useEffect(
    () =>
      listen((report) => {
        void refresh();
        refreshProject().catch(reportError);
        const what = report.state === 'cancelled' ? 'Import cancelled' : report.state === 'failed' ? 'Import failed' : 'Import finished';
        useNotices
          .getState()
          .show(
            report.state === 'failed' ? 'error' : 'info',
            `${what}: ${report.imported} imported, ${countOf(report.duplicates, 'duplicate')}, ${report.failed} skipped.`,
          );
      }),
    [listen, refreshProject, refresh],
  );

  const toggleTag = (tag: string) => {
    setPageIndex(0);
    setTags((current) => (current.includes(tag) ? current.filter((t) => t !== tag) : [...current, tag]));
  };
  const total = page?.total ?? 0;
  const first = total === 0 ? 0 : pageIndex * PAGE_SIZE + 1;
  const last = Math.min(total, (pageIndex + 1) * PAGE_SIZE);
  const anyMissing = page?.items.some((s) => !s.mediaAvailable) ?? false;

  return (
    <section className="samples" aria-labelledby="samples-title">
      <div className="samples-header">
        <h1 id="samples-title">Samples</h1>
        <span className="muted">{project.sampleCount} in project</span>
        <div className="spacer" />
        {anyMissing && (
          <button type="button" disabled={readOnly !== null} title={readOnly ?? undefined} onClick={() => setPanel(panel === 'relink' ? null : 'relink')}>
            Re-link media…
          </button>
        )}
        <button
          type="button"
          className="primary"
          disabled={readOnly !== null}
          title={readOnly ?? undefined}
          onClick={() => setPanel(panel === 'import' ? null : 'import')}
        >
          Import…
        </button>
      </div>
      <ReadOnlyNote />
      {panel === 'import' && !readOnly && <ImportPanel kind={project.kind} />}
      {panel === 'relink' && !readOnly && <RelinkPanel onDone={() => void refresh()} />}

      <div className="filters" role="search">
        <input
          type="search"
          aria-label="Search by file name"
          placeholder="Search file names"
          value={search}
          onChange={(e) => {
            setPageIndex(0);
            setSearch(e.target.value);
          }}
        />
        <select
          aria-label="Status"
          value={status ?? ''}
          onChange={(e) => {
            setPageIndex(0);
            setStatus((e.target.value || null) as SampleStatus | null);
          }}
        >
          <option value="">Any status</option>
          <option value="unlabeled">Unlabeled</option>
          <option value="draft">In progress</option>
          <option value="submitted">Submitted</option>
        </select>
        <select
          aria-label="Sort"
          value={sortIndex}
          onChange={(e) => {
            setPageIndex(0);
            setSortIndex(Number(e.target.value));
          }}
        >
          {SORTS.map(({ label }, i) => (
            <option key={label} value={i}>
              {label}
            </option>
          ))}
        </select>
        {project.tags.length > 0 && (
          <div className="tag-filter" role="group" aria-label="Filter by tag">
            {project.tags.map((t) => (
              <button
                key={t.id}
                type="button"
                className={`chip ${tags.includes(t.name) ? 'chip-on' : ''}`}
                aria-pressed={tags.includes(t.name)}
                onClick={() => toggleTag(t.name)}
              >
                {t.name}
              </button>
            ))}
          </div>
        )}
      </div>

      {!readOnly && (
        <TagMatching
          filter={sampleFilterOf({ tags, status, search })}
          total={total}
          onDone={() => {
            void refresh();
            refreshProject().catch(reportError);
          }}
        />
      )}
      <QueryError error={error} what="list the samples" onRetry={() => void refresh()} />
      {page && page.items.length === 0 && !loading ? (
        <div className="empty">{project.sampleCount === 0 ? 'No samples yet. Import a folder or a manifest to begin.' : 'No samples match these filters.'}</div>
      ) : (
        <ul className={`sample-grid ${loading ? 'is-loading' : ''}`} aria-label="Samples" aria-busy={loading}>
          {page?.items.map((s) => (
            <SampleCard key={s.id} sample={s} calibration={calibration.has(s.id)} />
          ))}
        </ul>
      )}

      <footer className="pager">
        <span className="muted">{total === 0 ? 'Nothing to show' : `Showing ${first}–${last} of ${total}`}</span>
        <button type="button" disabled={pageIndex === 0} onClick={() => setPageIndex((p) => p - 1)}>
          Previous
        </button>
        <button type="button" disabled={last >= total} onClick={() => setPageIndex((p) => p + 1)}>
          Next
        </button>
      </footer>
    </section>
  );
}
