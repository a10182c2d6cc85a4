import { useEffect, useState } from 'react';
import type { ProjectSummary } from '../../shared/domain/project';
import type { Sample } from '../../shared/domain/sample';
import { useQuery } from '../api/use-query';
import { useImportStore } from '../stores/import-store';
import { reportError, useNotices } from '../stores/notices';
import { useProjectStore } from '../stores/project-store';
import { ReadOnlyNote, useReadOnly } from '../ui/read-only';
import { QueryError } from '../ui/QueryError';
import { ClassifyingNote } from '../ui/ClassifyingNote';
import { ImportPanel } from './ImportPanel';
import { RelinkPanel } from './RelinkPanel';
import { TagMatching } from './TagMatching';
import { mayCall } from '../../shared/api/access';
import { BulkActions, type ListSelection } from './BulkActions';
import { SampleFilters } from './SampleFilters';
import { ALL_SAMPLES, sampleFilterOf, type SampleQuery } from './sample-query';
import { useSamplePages } from './sample-pages';
import { SampleGrid } from './SampleGrid';
import './samples.css';
import { countOf } from '../../shared/text/plural';

type Panel = 'import' | 'relink' | null;

const NOTHING_PICKED: ListSelection = { kind: 'picked', ids: new Set() };

/**
 * Everything in the project, as a windowed grid that fetches its pages as it scrolls: filter and
 * sort by tag, status, name, labelers, time, metadata and agreement; pick samples and act on them;
 * import more; re-link moved media.
 */
export function SamplesScreen({ project }: { project: ProjectSummary }) {
  const [query, setQuery] = useState(ALL_SAMPLES);
  const readOnly = useReadOnly();
  const [panel, setPanel] = useState<Panel>(project.sampleCount === 0 && !readOnly ? 'import' : null);
  const refreshProject = useProjectStore((s) => s.refresh);
  const listen = useImportStore((s) => s.listen);
  const seesAgreement = useProjectStore((s) => mayCall(s.account?.role, 'samples.agreement'));
  const { sort, ...filters } = query;
  const pages = useSamplePages(sampleFilterOf(filters), sort, seesAgreement);
  const { refresh } = pages;
  const labelers = useQuery('labelers.list', {}).data ?? [];
  const shown = pages.loaded();
  const metadataFields = useMetadataFields(shown);

  useEffect(
    () =>
      listen((report) => {
        refresh();
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
  const changeQuery = (patch: Partial<SampleQuery>) => {
    setQuery((current) => ({ ...current, ...patch }));
    // "All matching" meant the filters as they were; samples picked one by one stay picked.
    setSelection((current) => (current.kind === 'matching' ? NOTHING_PICKED : current));
  };
  const pick = (sampleId: number, picked: boolean) =>
    setSelection((current) => {
      // Leaving "all matching": what was fetched so far stays picked (the rest was never on screen).
      const ids = new Set(current.kind === 'picked' ? current.ids : shown.map((s) => s.id));
      if (picked) ids.add(sampleId);
      else ids.delete(sampleId);
      return { kind: 'picked', ids };
    });
  const isPicked = (sampleId: number) => selection.kind === 'matching' || selection.ids.has(sampleId);
  const total = pages.total ?? 0;
  const anyMissing = shown.some((s) => !s.mediaAvailable);
  const afterWrite = () => {
    refresh();
    refreshProject().catch(reportError);
  };

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
      {panel === 'relink' && !readOnly && <RelinkPanel onDone={refresh} />}

      <SampleFilters project={project} query={query} labelers={labelers} metadataFields={metadataFields} onChange={changeQuery} />

      {mayAct && (
        <BulkActions
          selection={selection}
          filter={sampleFilterOf(query)}
          total={total}
          labelers={labelers}
          onSelectAll={() => setSelection({ kind: 'matching' })}
          onClear={() => setSelection(NOTHING_PICKED)}
          onDone={afterWrite}
        />
      )}
      {!readOnly && <TagMatching filter={sampleFilterOf(query)} total={total} onDone={afterWrite} />}
      <QueryError error={pages.error} what="list the samples" onRetry={refresh} />
      {pages.classifying && <ClassifyingNote progress={pages.classifying} meanwhile="Until then, those not done are placed by their agreement from before." />}
      <p className="muted sample-count" data-testid="sample-total" data-total={pages.total ?? ''}>
        {pages.total === null ? 'Loading…' : total === 0 ? 'Nothing to show' : `${countOf(total, 'sample')} match`}
      </p>
      {pages.total === 0 ? (
        <div className="empty">{project.sampleCount === 0 ? 'No samples yet. Import a folder or a manifest to begin.' : 'No samples match these filters.'}</div>
      ) : (
        <SampleGrid pages={pages} isPicked={isPicked} onPick={mayAct ? pick : null} />
      )}
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
