import { useCallback, useEffect, useState, type KeyboardEvent } from 'react';
import { DISAGREEMENT_TYPES, type DisagreementType } from '../../shared/disagreement/types';
import type { ProjectSummary } from '../../shared/domain/project';
import { api } from '../api/api';
import { reportError } from '../stores/notices';
import { useProjectStore } from '../stores/project-store';
import { CalibrationBadge, useCalibrationSamples } from '../ui/calibration';
import { useReadOnly } from '../ui/read-only';
import { useGuidelineNav } from '../guidelines/guideline-nav';
import { labelerNamer } from './labeler-names';
import { useWindowedRows } from '../ui/windowed-rows';
import { ClassifyingNote } from '../ui/ClassifyingNote';
import { filterChoices, sameFilters, shownFilters } from './review-filters';
import { NO_FILTERS, useReviewStore } from './review-store';
import { countOf } from '../../shared/text/plural';

/** Every row of the list is this tall (pixels), so only those in view need rendering. */
const ROW_HEIGHT = 64;

/** The SME's queue: what kinds of disagreement dominate, filters, and the samples by severity. */
export function ReviewQueuePanel({ project }: { project: ProjectSummary }) {
  const queue = useReviewStore((s) => s.queue)!;
  const stored = useReviewStore((s) => s.filters);
  const setFilters = useReviewStore((s) => s.setFilters);
  const hideNames = useReviewStore((s) => s.hideNames);
  const labelers = useProjectStore((s) => s.labelers);
  const loadMore = useReviewStore((s) => s.loadMore);
  // The filters applied are the ones shown: a value this queue no longer offers is dropped, here and in the store.
  const choices = filterChoices(queue);
  const filters = shownFilters(stored, choices);
  const dropped = !sameFilters(filters, stored);
  useEffect(() => {
    if (dropped) setFilters(filters);
  });
  // The back end filters: these are the first pages of the matching items, in queue order.
  const items = queue.items;
  const name = labelerNamer(queue.facets.labelerIds, labelers, hideNames);
  const className = new Map(project.classes.map((c) => [c.id, c.name]));
  const choose = <T,>(value: string, parse: (text: string) => T): T | null => (value === '' ? null : parse(value));
  // With a class, tag or version chosen, the shares are that group's: which rule is ambiguous there.
  const group =
    (filters.classId !== null && queue.shares.byClass.find((g) => g.key === filters.classId)) ||
    (filters.tag !== null && queue.shares.byTag.find((g) => g.key === filters.tag)) ||
    (filters.version !== null && queue.shares.byVersion.find((g) => g.key === filters.version)) ||
    queue.shares.overall;
  const groupName =
    group === queue.shares.overall
      ? 'all samples'
      : filters.classId !== null
        ? (className.get(filters.classId) ?? 'this class')
        : filters.tag !== null
          ? `tag ${filters.tag}`
          : `guideline v${filters.version}`;

  return (
    <aside className="review-queue" aria-label="Review queue">
      {queue.classifying && <ClassifyingNote progress={queue.classifying} meanwhile="The queue fills in as they are." />}
      <section className="type-shares" aria-label="Disagreement types">
        <h2>What the disagreements are ({groupName})</h2>
        {group.shares.map((share) => (
          <button
            key={share.type}
            type="button"
            className={`type-share ${filters.type === share.type ? 'active' : ''}`}
            aria-pressed={filters.type === share.type}
            disabled={!choices.types.has(share.type)}
            title={`${DISAGREEMENT_TYPES[share.type].description} e.g. ${DISAGREEMENT_TYPES[share.type].example}`}
            onClick={() => setFilters({ type: filters.type === share.type ? null : share.type })}
          >
            <span className={`type-dot type-${share.type}`} />
            <span className="type-share-label">{DISAGREEMENT_TYPES[share.type].label}</span>
            <span className="type-share-bar" style={{ width: `${Math.round(share.share * 100)}%` }} />
            <span className="muted">{Math.round(share.share * 100)}%</span>
          </button>
        ))}
      </section>
      <div className="review-filters">
        <label>
          Type
          <select value={filters.type ?? ''} onChange={(e) => setFilters({ type: choose(e.target.value, (v) => v as DisagreementType) })}>
            <option value="">any</option>
            {queue.shares.overall.shares
              .filter((s) => choices.types.has(s.type))
              .map((s) => (
                <option key={s.type} value={s.type}>
                  {DISAGREEMENT_TYPES[s.type].label}
                </option>
              ))}
          </select>
        </label>
        {queue.shares.byClass.length > 0 && (
          <label>
            Class
            <select value={filters.classId ?? ''} onChange={(e) => setFilters({ classId: choose(e.target.value, Number) })}>
              <option value="">any</option>
              {queue.shares.byClass.map((group) => (
                <option key={group.key} value={group.key}>
                  {className.get(group.key) ?? `class ${group.key}`}
                </option>
              ))}
            </select>
          </label>
        )}
        {queue.shares.byTag.length > 0 && (
          <label>
            Tag
            <select value={filters.tag ?? ''} onChange={(e) => setFilters({ tag: choose(e.target.value, String) })}>
              <option value="">any</option>
              {queue.shares.byTag.map((group) => (
                <option key={group.key}>{group.key}</option>
              ))}
            </select>
          </label>
        )}
        <label>
          Pair
          <select value={filters.pair ?? ''} onChange={(e) => setFilters({ pair: choose(e.target.value, String) })}>
            <option value="">any</option>
            {queue.facets.pairs.map((pair) => {
              const [a, b] = pair.split(':').map(Number) as [number, number];
              return (
                <option key={pair} value={pair}>
                  {name(a)} and {name(b)}
                </option>
              );
            })}
          </select>
        </label>
        <label>
          Guideline
          <select value={filters.version ?? ''} onChange={(e) => setFilters({ version: choose(e.target.value, Number) })}>
            <option value="">any</option>
            {queue.facets.guidelineVersions.map((version) => (
              <option key={version} value={version}>
                v{version}
              </option>
            ))}
          </select>
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={filters.undecidedOnly} onChange={(e) => setFilters({ undecidedOnly: e.target.checked })} />
          Undecided only
        </label>
        {!sameFilters(filters, NO_FILTERS) && (
          <button type="button" className="link" onClick={() => setFilters(NO_FILTERS)}>
            Clear filters
          </button>
        )}
      </div>
      {filters.type !== null && <ReviseGuideline type={filters.type} sampleIds={items.map((item) => item.sampleId)} />}
      <AutoAccept />
      <p className="muted">
        {queue.total} of {countOf(queue.all, 'sample')}
      </p>
      <ReviewList onNearEnd={loadMore} />
    </aside>
  );
}

/**
 * The matching samples, rendered a window at a time and fetched a page at a time as the list
 * scrolls; ↑ and ↓ open the previous and next sample.
 */
function ReviewList({ onNearEnd }: { onNearEnd: () => Promise<void> }) {
  const items = useReviewStore((s) => s.queue!.items);
  const selectedId = useReviewStore((s) => s.selectedId);
  const select = useReviewStore((s) => s.select);
  const calibration = useCalibrationSamples();
  const fetchMore = useCallback(() => void onNearEnd().catch(reportError), [onNearEnd]);
  const { setScroller, element, start, end, before, after, scrollToRow } = useWindowedRows<HTMLDivElement>(items.length, ROW_HEIGHT, { onNearEnd: fetchMore });
  const move = (event: KeyboardEvent) => {
    const step = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const index = items.findIndex((item) => item.sampleId === selectedId);
    const next = items[Math.min(items.length - 1, Math.max(0, index === -1 ? 0 : index + step))];
    if (!next) return;
    scrollToRow(items.indexOf(next));
    void select(next.sampleId);
    // Focus follows, once the row is rendered in the moved window.
    requestAnimationFrame(() => element?.querySelector<HTMLElement>(`[data-sample-id="${next.sampleId}"]`)?.focus());
  };
  return (
    <div className="review-list-window" ref={setScroller}>
      <ol className="review-list" aria-label="Samples to review" style={{ paddingTop: before, paddingBottom: after }} onKeyDown={move}>
        {items.slice(start, end).map((item) => (
          <li key={item.sampleId} style={{ height: ROW_HEIGHT }}>
            <button
              type="button"
              className={`review-item ${item.sampleId === selectedId ? 'active' : ''}`}
              aria-current={item.sampleId === selectedId}
              data-sample-id={item.sampleId}
              data-decision={item.decision?.revision ?? 0}
              onClick={() => void select(item.sampleId)}
            >
              <span className="review-item-name">{item.displayName}</span>
              {item.decision && <span className="decided-badge">{item.decision.choice === 'auto_consensus' ? 'auto' : 'decided'}</span>}
              <span className="review-item-severity" title="Disagreement score">
                {item.severity.toFixed(2)}
              </span>
              <span className="review-item-types">
                {Object.keys(item.types).map((type) => (
                  <span key={type} className={`type-chip type-${type}`}>
                    {DISAGREEMENT_TYPES[type as DisagreementType].label}
                  </span>
                ))}
              </span>
              {calibration.has(item.sampleId) && <CalibrationBadge />}
            </button>
          </li>
        ))}
      </ol>
    </div>
  );
}

/** Near-unanimous samples need no SME: accept their consensus at or above a chosen agreement. */
function AutoAccept() {
  const [percent, setPercent] = useState(95);
  const [result, setResult] = useState<string | null>(null);
  const load = useReviewStore((s) => s.load);
  const readOnly = useReadOnly();
  const run = async () => {
    const { accepted } = await api.call('review.autoAccept', { threshold: percent / 100 });
    setResult(`${countOf(accepted, 'sample')} accepted`);
    await load();
  };
  return (
    <div className="auto-accept">
      <label>
        Accept the consensus where agreement ≥
        <input
          type="number"
          min={50}
          max={100}
          step={1}
          value={percent}
          onChange={(e) => setPercent(Number(e.target.value))}
          aria-label="Agreement threshold (%)"
        />
        %
      </label>
      <button type="button" disabled={readOnly !== null} title={readOnly ?? undefined} onClick={() => run().catch(reportError)}>
        Accept
      </button>
      {result && <span className="muted">{result}</span>}
    </div>
  );
}

/** Cases attached to a guideline draft at most: enough to write the rule, few enough to place. */
const MAX_CASES = 12;

/** From a disagreement type to the guideline draft, with the worst cases of that type attached. */
function ReviseGuideline({ type, sampleIds }: { type: DisagreementType; sampleIds: number[] }) {
  const show = useGuidelineNav((s) => s.show);
  const readOnly = useReadOnly();
  const revise = async () => {
    await api.call('guidelines.attachCases', { sampleIds: sampleIds.slice(0, MAX_CASES), addresses: [type] });
    show('draft');
    window.location.hash = '#guidelines';
  };
  return (
    <button type="button" className="revise-guideline" disabled={readOnly !== null} title={readOnly ?? undefined} onClick={() => revise().catch(reportError)}>
      Revise the guideline for “{DISAGREEMENT_TYPES[type].label}” ({countOf(Math.min(sampleIds.length, MAX_CASES), 'case')})
    </button>
  );
}
