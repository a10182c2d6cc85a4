import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../shared/api/errors';
import type { ClassifyingProgress } from '../../shared/domain/classifying';
import type { Sample, SampleFilter, SamplePage, SampleSort } from '../../shared/domain/sample';
import { api } from '../api/api';
import type { QueryFailure } from '../api/query-state';
import { stableKey } from '../api/stable-key';
import { endSessionIfRefused } from '../stores/notices';
import { useProjectStore } from '../stores/project-store';
import { ALL_SAMPLES, sampleFilterOf } from './sample-query';

/** Samples fetched per request as the list scrolls. */
export const PAGE_SIZE = 100;

export interface SamplePages {
  /** Samples the filters match; null until the first page answers. */
  total: number | null;
  /** The sample at a position of the list, when its page has arrived. */
  at(index: number): Sample | undefined;
  /** Every sample fetched so far, in list order (what "picked" starts from when leaving "all matching"). */
  loaded(): Sample[];
  /** Each fetched sample's agreement between its labelers (null: fewer than two submitted); absent until known. */
  agreement: ReadonlyMap<number, number | null>;
  /** Asks for the pages holding positions `start` to `end` (excluded); pages held or on their way are not asked again. */
  want(start: number, end: number): void;
  /** True while a page is on its way. */
  loading: boolean;
  /** The last failure, until a later page or a change of filters succeeds. */
  error: QueryFailure | null;
  /** Drops every page and fetches again what is wanted (after a writer changed what is underneath). */
  refresh(): void;
  /**
   * Filtered or sorted by agreement while many samples are being classified: how far that is
   * (kept current by the back end's reports; the pages are fetched again when it ends). Else null.
   */
  classifying: ClassifyingProgress | null;
}

interface Held {
  pages: Map<number, Sample[]>;
  /** After a refresh, the pages as they were, shown until their fresh copies arrive (no flash of empty cards). */
  stale: Map<number, Sample[]>;
  asked: Set<number>;
  /** The most recent wish, so a refresh fetches the pages in view again. */
  wanted: [number, number];
}

/**
 * The Samples list a page at a time, for a windowed view: only the pages the view asks for are
 * fetched, each once, and a change of filters or order starts over from the first page. An answer
 * for filters no longer shown, or from before a refresh, is dropped. With `withAgreement`, each
 * page's samples' agreement follows it (`samples.agreement`; SMEs, engineers and admins only).
 */
export function useSamplePages(filter: SampleFilter, sort: SampleSort, withAgreement: boolean): SamplePages {
  const key = stableKey({ filter, sort });
  const [total, setTotal] = useState<number | null>(null);
  const [agreement, setAgreement] = useState<ReadonlyMap<number, number | null>>(new Map());
  const [inFlight, setInFlight] = useState(0);
  const [error, setError] = useState<QueryFailure | null>(null);
  const [classifying, setClassifying] = useState<ClassifyingProgress | null>(null);
  // Bumped on each render that must show newly arrived pages.
  const [, setVersion] = useState(0);
  const held = useRef<Held>({ pages: new Map(), stale: new Map(), asked: new Set(), wanted: [0, PAGE_SIZE] });
  // Which list the pages belong to: a new key or a refresh makes a new generation, and older answers are dropped.
  const generation = useRef(0);

  const fetchPage = useCallback(
    (page: number) => {
      const current = held.current;
      if (current.asked.has(page)) return;
      current.asked.add(page);
      const asked = generation.current;
      const { filter: f, sort: s } = JSON.parse(key) as { filter: SampleFilter; sort: SampleSort };
      setInFlight((n) => n + 1);
      ((page === 0 && takeFirstPageAhead(key)) || api.call('samples.list', { filter: f, sort: s, offset: page * PAGE_SIZE, limit: PAGE_SIZE }))
        .then(
          async (answer) => {
            if (generation.current !== asked) return;
            current.pages.set(page, answer.items);
            setTotal(answer.total);
            setClassifying(answer.classifying);
            setError(null);
            setVersion((v) => v + 1);
            if (withAgreement && answer.items.length > 0) {
              const scores = await api.call('samples.agreement', { sampleIds: answer.items.map((s) => s.id) });
              if (generation.current !== asked) return;
              setAgreement((known) => new Map([...known, ...scores.map(({ sampleId, agreement: a }) => [sampleId, a] as const)]));
            }
          },
          (failure: unknown) => {
            if (generation.current !== asked) return;
            // Asked again when the view next wants it (or on "Try again").
            current.asked.delete(page);
            throw failure;
          },
        )
        .catch((failure: unknown) => {
          if (generation.current !== asked) return;
          endSessionIfRefused(failure);
          setError(failure instanceof ApiError ? { code: failure.code, message: failure.message } : { code: 'internal', message: String(failure) });
        })
        .finally(() => setInFlight((n) => n - 1));
    },
    [key, withAgreement],
  );

  const want = useCallback(
    (start: number, end: number) => {
      held.current.wanted = [start, end];
      const last = Math.max(start, end - 1);
      for (let page = Math.floor(start / PAGE_SIZE); page <= Math.floor(last / PAGE_SIZE); page++) fetchPage(page);
    },
    [fetchPage],
  );

  const startOver = useCallback(
    (keepShown: boolean) => {
      generation.current++;
      const { wanted, pages } = held.current;
      held.current = { pages: new Map(), stale: keepShown ? pages : new Map(), asked: new Set(), wanted };
      want(...wanted);
    },
    [want],
  );
  const refresh = useCallback(() => {
    setError(null);
    startOver(true);
  }, [startOver]);

  // New filters or order: the old pages describe another list (adjusted while rendering, so no frame shows the old total).
  const [listKey, setListKey] = useState(key);
  if (listKey !== key) {
    setListKey(key);
    setTotal(null);
    setAgreement(new Map());
    setError(null);
    setClassifying(null);
  }
  // …and fetched from its top: the view scrolls back there. The first list has nothing to start
  // over from: the pages its grid asked for already (its effects run first) are its own, and
  // asking them again would drop their answers, the first page read ahead among them.
  const started = useRef(false);
  useEffect(() => {
    held.current.wanted = [0, PAGE_SIZE];
    if (started.current) startOver(false);
    else want(0, PAGE_SIZE);
    started.current = true;
  }, [key, startOver, want]);

  // The order placed the samples not yet classified by their agreement from before: once all are, it is read again.
  const waiting = classifying !== null;
  useEffect(() => {
    if (!waiting) return;
    return api.on('review.classifying', ({ running, ...progress }) => {
      setClassifying(progress);
      if (!running) refresh();
    });
  }, [waiting, refresh]);

  const { pages, stale } = held.current;
  return {
    total,
    at: (index) => (pages.get(Math.floor(index / PAGE_SIZE)) ?? stale.get(Math.floor(index / PAGE_SIZE)))?.[index % PAGE_SIZE],
    loaded: () => [...pages.keys()].sort((a, b) => a - b).flatMap((page) => pages.get(page)!),
    agreement,
    want,
    loading: inFlight > 0,
    error,
    refresh,
    classifying,
  };
}

/** The list's first page as it first shows, asked for before the screen's code arrived, until the screen takes it. */
let firstPageAhead: { key: string; answer: Promise<SamplePage> } | null = null;

// Read for one person in one project: another's answer is not theirs. Entering one from none
// keeps it: the first page is read ahead while the project and account are being set.
useProjectStore.subscribe((now, before) => {
  const left = (before.project && now.project?.dir !== before.project.dir) || (before.account && now.account?.id !== before.account.id);
  if (left) firstPageAhead = null;
});

/**
 * Starts reading the first page of the list as it first shows while the Samples screen's code is
 * on its way (the first screen of most who are not labelers), so the first cards wait for the
 * slower of the two rather than for both in turn. Asked twice before it is taken, it reads once.
 * Returns what drops it if the screen goes away first: a screen shown later reads afresh.
 */
export function readFirstPageAhead(): () => void {
  const { sort, ...filters } = ALL_SAMPLES;
  const filter = sampleFilterOf(filters);
  const ahead = (firstPageAhead ??= { key: stableKey({ filter, sort }), answer: api.call('samples.list', { filter, sort, offset: 0, limit: PAGE_SIZE }) });
  // A failure is met where the screen takes the answer.
  ahead.answer.catch(() => undefined);
  return () => {
    if (firstPageAhead === ahead) firstPageAhead = null;
  };
}

/** The first page read ahead for the list `key`, once. */
function takeFirstPageAhead(key: string): Promise<SamplePage> | null {
  const ahead = firstPageAhead;
  if (ahead?.key !== key) return null;
  firstPageAhead = null;
  return ahead.answer;
}
