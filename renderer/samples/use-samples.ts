import type { SampleFilter, SamplePage, SampleSort, SampleStatus } from '../../shared/domain/sample';
import type { QueryFailure } from '../api/query-state';
import { useQuery } from '../api/use-query';

export const PAGE_SIZE = 60;

export interface SampleQuery {
  tags: string[];
  status: SampleStatus | null;
  search: string;
  /** Only samples this account worked on or is assigned (null: anyone's). */
  labelerId: number | null;
  /** Only samples whose metadata field reads this value (an empty value: no filter yet). */
  metadata: { field: string; value: string } | null;
  sort: SampleSort;
  page: number;
}

/** The list's filters as the back end takes them (what a bulk action acts on too). */
export function sampleFilterOf({ tags, status, search, labelerId, metadata }: Omit<SampleQuery, 'sort' | 'page'>): SampleFilter {
  const searchText = search.trim();
  return {
    tags,
    ...(status ? { status } : {}),
    ...(searchText ? { search: searchText } : {}),
    ...(labelerId !== null ? { labelerId } : {}),
    ...(metadata && metadata.value !== '' ? { metadata } : {}),
  };
}

/**
 * One page of samples for the current filters. While a new page is on its way the previous
 * one stays on screen, marked as loading; `refresh()` re-reads the page after a writer
 * (an import finishing) changed what is underneath it.
 */
export function useSamples({ sort, page, ...filter }: SampleQuery): {
  page: SamplePage | null;
  loading: boolean;
  error: QueryFailure | null;
  refresh(): Promise<void>;
} {
  const query = useQuery('samples.list', { filter: sampleFilterOf(filter), sort, offset: page * PAGE_SIZE, limit: PAGE_SIZE }, { keepPrevious: true });
  return { page: query.data ?? null, loading: query.loading, error: query.error, refresh: query.refresh };
}
