import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useWindowedRows } from '../ui/windowed-rows';
import { useCalibrationSamples } from '../ui/calibration';
import { SampleCard } from './SampleCard';
import type { SamplePages } from './sample-pages';

/** Every row of cards is this tall with its gap (pixels; the stylesheet sizes cards to match). */
const ROW_PITCH = 232;
/** A card is at least this wide, gap included. */
const MIN_CARD_WIDTH = 192;
/**
 * Rows rendered beyond the view on each side: enough for a fast wheel (a row a frame) to find its
 * cards drawn, few enough that each row scrolled in relays out and paints a small grid.
 */
const OVERSCAN_ROWS = 3;

/**
 * The samples as a grid of cards rendered a window at a time: only the rows in view (and a few
 * around) exist in the page, and their pages are fetched as they come into view. Arrow keys move
 * between cards, Space picks the card in focus, Home and End go to the ends of the list.
 */
export function SampleGrid({
  pages,
  isPicked,
  onPick,
}: {
  pages: SamplePages;
  isPicked(sampleId: number): boolean;
  /** Null when this account cannot act on samples: no boxes are shown. */
  onPick: ((sampleId: number, picked: boolean) => void) | null;
}) {
  const calibration = useCalibrationSamples();
  const total = pages.total ?? 0;
  const [columns, setColumns] = useState(1);
  const [focused, setFocused] = useState(0);
  // Set by a key that moved: focus follows once the card is rendered (the window moves, its page may be on its way).
  const focusWanted = useRef(false);
  const { setScroller, element, start, end, before, after, scrollToRow } = useWindowedRows<HTMLDivElement>(Math.ceil(total / columns), ROW_PITCH, {
    overscan: OVERSCAN_ROWS,
  });

  useEffect(() => {
    if (!element) return;
    const measure = () => setColumns(Math.max(1, Math.floor(element.clientWidth / MIN_CARD_WIDTH)));
    measure();
    const resizes = new ResizeObserver(measure);
    resizes.observe(element);
    return () => resizes.disconnect();
  }, [element]);

  const first = start * columns;
  const last = Math.min(total, end * columns);
  const { want } = pages;
  useEffect(() => want(first, Math.max(first + 1, last)), [want, first, last]);
  // A new list (other filters) starts at its top.
  const starting = pages.total === null;
  if (starting && focused !== 0) setFocused(0);
  useEffect(() => {
    if (starting) element?.scrollTo({ top: 0 });
  }, [starting, element]);

  const move = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement;
    if (target.tagName === 'INPUT' && target.getAttribute('type') !== 'checkbox') return;
    const current = Number(target.closest<HTMLElement>('[data-index]')?.dataset.index ?? focused);
    const steps: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: columns, ArrowUp: -columns, Home: -total, End: total };
    const sample = pages.at(current);
    if (event.key === ' ' && sample && onPick) {
      event.preventDefault();
      onPick(sample.id, !isPicked(sample.id));
      return;
    }
    const step = steps[event.key];
    if (step === undefined || total === 0) return;
    event.preventDefault();
    const next = Math.min(total - 1, Math.max(0, current + step));
    setFocused(next);
    focusWanted.current = true;
    scrollToRow(Math.floor(next / columns));
  };
  useEffect(() => {
    if (!focusWanted.current) return;
    const card = element?.querySelector<HTMLElement>(`[data-index="${focused}"]`);
    card?.focus();
    // A card still waiting for its page is replaced when it arrives: focus the sample itself then.
    if (card?.dataset.sampleId) focusWanted.current = false;
  });

  const cards = [];
  for (let index = first; index < last; index++) {
    const sample = pages.at(index);
    cards.push(
      sample ? (
        <SampleCard
          key={sample.id}
          sample={sample}
          index={index}
          calibration={calibration.has(sample.id)}
          picked={isPicked(sample.id)}
          onPick={onPick}
          agreement={pages.agreement.get(sample.id)}
          focusable={index === focused}
        />
      ) : (
        <li key={`waiting-${index}`} className="sample-card is-waiting" data-index={index} aria-busy="true" tabIndex={index === focused ? 0 : -1} />
      ),
    );
  }
  return (
    <div className="sample-window" ref={setScroller}>
      <ul
        className="sample-grid"
        aria-label="Samples"
        aria-busy={pages.loading}
        data-total={total}
        style={{ paddingTop: before, paddingBottom: after, gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` }}
        onKeyDown={move}
      >
        {cards}
      </ul>
    </div>
  );
}
