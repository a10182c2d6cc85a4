import type { Labeler } from '../../shared/domain/labeler';
import type { ProjectSummary } from '../../shared/domain/project';
import type { SampleSort, SampleStatus } from '../../shared/domain/sample';
import type { AgreementBound, SampleQuery } from './sample-query';

/** The list's fixed orders, as the sort menu offers them; metadata fields follow. */
const SORTS: Array<{ label: string; sort: SampleSort }> = [
  { label: 'Added, first to last', sort: { by: 'added', descending: false } },
  { label: 'Added, last to first', sort: { by: 'added', descending: true } },
  { label: 'Name, A to Z', sort: { by: 'name', descending: false } },
  { label: 'Name, Z to A', sort: { by: 'name', descending: true } },
  { label: 'Status, unlabeled first', sort: { by: 'status', descending: false } },
  { label: 'Status, submitted first', sort: { by: 'status', descending: true } },
  { label: 'Tag, A to Z', sort: { by: 'tag', descending: false } },
  { label: 'Tag, Z to A', sort: { by: 'tag', descending: true } },
  { label: 'Time spent, most first', sort: { by: 'time', descending: true } },
  { label: 'Time spent, least first', sort: { by: 'time', descending: false } },
  { label: 'Labelers, most first', sort: { by: 'labelers', descending: true } },
  { label: 'Labelers, fewest first', sort: { by: 'labelers', descending: false } },
  { label: 'Agreement, lowest first', sort: { by: 'agreement', descending: false } },
  { label: 'Agreement, highest first', sort: { by: 'agreement', descending: true } },
];

/** The agreement bounds the filter offers; samples fewer than two labelers submitted match none. */
const AGREEMENT_BOUNDS: Array<{ label: string; bound: AgreementBound }> = [
  { label: 'Agreement below 50%', bound: { below: 0.5 } },
  { label: 'Agreement below 80%', bound: { below: 0.8 } },
  { label: 'Agreement 80% or more', bound: { atLeast: 0.8 } },
  { label: 'Full agreement', bound: { atLeast: 1 } },
];

const boundKey = (bound: AgreementBound | null) => (bound ? `${bound.below ?? ''}\u001f${bound.atLeast ?? ''}` : '');

/** One key per order, for the sort menu's value. */
function sortKey(sort: SampleSort): string {
  return [sort.by, sort.field ?? '', sort.descending ? 'desc' : 'asc'].join('\u001f');
}

function metadataSorts(fields: readonly string[]): Array<{ label: string; sort: SampleSort }> {
  return fields.flatMap((field) => [
    { label: `${field}, low to high`, sort: { by: 'metadata' as const, field, descending: false } },
    { label: `${field}, high to low`, sort: { by: 'metadata' as const, field, descending: true } },
  ]);
}

/**
 * The Samples list's filters and order: name text, status, labeler, a metadata value, agreement
 * and tags combine (a sample must match them all); every change goes back to the top of the list.
 */
export function SampleFilters({
  project,
  query,
  labelers,
  metadataFields,
  onChange,
}: {
  project: ProjectSummary;
  query: SampleQuery;
  /** The accounts the labeler filter offers (empty: no filter shown). */
  labelers: readonly Labeler[];
  /** Metadata fields seen on the samples so far. */
  metadataFields: readonly string[];
  onChange(patch: Partial<SampleQuery>): void;
}) {
  const sorts = [...SORTS, ...metadataSorts(metadataFields)];
  const metadataField = query.metadata?.field ?? '';
  return (
    <div className="filters" role="search">
      <input
        type="search"
        aria-label="Search by file name"
        placeholder="Search file names"
        value={query.search}
        onChange={(e) => onChange({ search: e.target.value })}
      />
      <select aria-label="Status" value={query.status ?? ''} onChange={(e) => onChange({ status: (e.target.value || null) as SampleStatus | null })}>
        <option value="">Any status</option>
        <option value="unlabeled">Unlabeled</option>
        <option value="draft">In progress</option>
        <option value="submitted">Submitted</option>
      </select>
      {labelers.length > 0 && (
        <select aria-label="Labeler" value={query.labelerId ?? ''} onChange={(e) => onChange({ labelerId: e.target.value ? Number(e.target.value) : null })}>
          <option value="">Any labeler</option>
          {labelers.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
        </select>
      )}
      {metadataFields.length > 0 && (
        <span className="metadata-filter">
          <select
            aria-label="Metadata field"
            value={metadataField}
            onChange={(e) => onChange({ metadata: e.target.value ? { field: e.target.value, value: query.metadata?.value ?? '' } : null })}
          >
            <option value="">Any metadata</option>
            {metadataFields.map((field) => (
              <option key={field} value={field}>
                {field} is
              </option>
            ))}
          </select>
          {metadataField && (
            <input
              aria-label="Metadata value"
              placeholder="value"
              value={query.metadata?.value ?? ''}
              maxLength={200}
              onChange={(e) => onChange({ metadata: { field: metadataField, value: e.target.value } })}
            />
          )}
        </span>
      )}
      <select
        aria-label="Agreement"
        value={boundKey(query.agreement)}
        onChange={(e) => onChange({ agreement: AGREEMENT_BOUNDS.find(({ bound }) => boundKey(bound) === e.target.value)?.bound ?? null })}
      >
        <option value="">Any agreement</option>
        {AGREEMENT_BOUNDS.map(({ label, bound }) => (
          <option key={boundKey(bound)} value={boundKey(bound)}>
            {label}
          </option>
        ))}
      </select>
      <select
        aria-label="Sort"
        value={sortKey(query.sort)}
        onChange={(e) => onChange({ sort: sorts.find(({ sort }) => sortKey(sort) === e.target.value)!.sort })}
      >
        {sorts.map(({ label, sort }) => (
          <option key={sortKey(sort)} value={sortKey(sort)}>
            {label}
          </option>
        ))}
      </select>
      {project.tags.length > 0 && (
        <div className="tag-filter" role="group" aria-label="Filter by tag">
          {project.tags.map((t) => {
            // A filter kept from before a rename (a link, the address) names the tag as it was then.
            const names = new Set([t.name, ...t.formerNames]);
            const on = query.tags.some((name) => names.has(name));
            return (
              <button
                key={t.id}
                type="button"
                className={`chip ${on ? 'chip-on' : ''}`}
                aria-pressed={on}
                onClick={() => onChange({ tags: on ? query.tags.filter((name) => !names.has(name)) : [...query.tags, t.name] })}
              >
                {t.name}
              </button>
            );
          })}
        </div>
      )}
    </div>
  );
}
