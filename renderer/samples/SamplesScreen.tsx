import { useEffect, useState } from 'react';
import type { ProjectSummary } from '../../shared/domain/project';
import type { Sample } from '../../shared/domain/sample';
import { useQuery } from '../api/use-query';
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
import { mayCall } from '../../shared/api/access';
import { BulkActions, type ListSelection } from './BulkActions';
import { SampleFilters } from './SampleFilters';
import { PAGE_SIZE, sampleFilterOf, useSamples, type SampleQuery } from './use-samples';
import './samples.css';
import { countOf } from '../../shared/text/plural';

type Panel = 'import' | 'relink' | null;

const NOTHING_PICKED: ListSelection = { kind: 'picked', ids: new Set() };

const NO_FILTERS: Omit<SampleQuery, 'page'> = { search: '', status: null, tags: [], labelerId: null, metadata: null, sort: { by: 'added', descending: false } };

/** Everything in the project: filter by tag, status and name; import more; re-link moved media. */
export function SamplesScreen({ project }: { project: ProjectSummary }) {
  const [query, setQuery] = useState(NO_FILTERS);
  const [pageIndex, setPageIndex] = useState(0);
  const readOnly = useReadOnly();
  const [panel, setPanel] = useState<Panel>(project.sampleCount === 0 && !readOnly ? 'import' : null);
  const refreshProject = useProjectStore((s) => s.refresh);
  const listen = useImportStore((s) => s.listen);
  const { page, loading, error, refresh } = useSamples({ ...query, page: pageIndex });
  const calibration = useCalibrationSamples();
  const labelers = useQuery('labelers.list', {}).data ?? [];
  const metadataFields = useMetadataFields(page?.items ?? []);

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

  const [selection, setSelection] = useState<ListSelection>(NOTHING_PICKED);
  const mayAct = useProjectStore((s) => mayCall(s.account?.role, 'samples.assign')) && !readOnly;
  const changeQuery = (patch: Partial<Omit<SampleQuery, 'page'>>) => {
    setPageIndex(0);
    setQuery((current) => ({ ...current, ...patch }));
    // "All matching" meant the filters as they were; samples picked one by one stay picked.
    setSelection((current) => (current.kind === 'matching' ? NOTHING_PICKED : current));
  };
  const pick = (sampleId: number, picked: boolean) =>
    setSelection((current) => {
      const ids = new Set(current.kind === 'picked' ? current.ids : page?.items.map((s) => s.id));
      if (picked) ids.add(sampleId);
      else ids.delete(sampleId);
      return { kind: 'picked', ids };
    });
  const isPicked = (sampleId: number) => selection.kind === 'matching' || selection.ids.has(sampleId);
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

      <SampleFilters project={project} query={query} labelers={labelers} metadataFields={metadataFields} onChange={changeQuery} />

      {mayAct && (
        <BulkActions
          selection={selection}
          filter={sampleFilterOf(query)}
          total={total}
          labelers={labelers}
          onSelectAll={() => setSelection({ kind: 'matching' })}
          onClear={() => setSelection(NOTHING_PICKED)}
          onDone={() => {
            void refresh();
            refreshProject().catch(reportError);
          }}
        />
      )}
      {!readOnly && (
        <TagMatching
          filter={sampleFilterOf(query)}
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
            <SampleCard
              key={s.id}
              sample={s}
              calibration={calibration.has(s.id)}
              picked={isPicked(s.id)}
              onPick={mayAct ? (picked) => pick(s.id, picked) : null}
            />
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

/** The metadata fields of every sample shown so far, in the order first seen: what the sort and filter menus offer. */
function useMetadataFields(items: readonly Sample[]): string[] {
  const [fields, setFields] = useState<string[]>([]);
  const seen = new Set(fields);
  const added = items.flatMap((item) => Object.keys(item.metadata)).filter((field) => !seen.has(field) && (seen.add(field), true));
  // Adjusted while rendering (React's pattern for state derived from props): no extra pass with stale menus.
  if (added.length > 0) setFields([...fields, ...added]);
  return fields;
}
