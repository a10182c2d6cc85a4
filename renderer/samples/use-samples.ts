import type { SamplePage, SampleStatus } from '../../shared/domain/sample';
import type { QueryFailure } from '../api/query-state';
import { useQuery } from '../api/use-query';

export const PAGE_SIZE = 60;

export interface SampleQuery {
  tags: string[];
  status: SampleStatus | null;
  search: string;
  page: number;
}

/**
 * One page of samples for the current filters. While a new page is on its way the previous
 * one stays on screen, marked as loading; `refresh()` re-reads the page after a writer
 * (an import finishing) changed what is underneath it.
 */
export function useSamples({ tags, status, search, page }: SampleQuery): {
  page: SamplePage | null;
  loading: boolean;
  error: QueryFailure | null;
  refresh(): Promise<void>;
} {
  const searchText = search.trim();
  const query = useQuery(
    'samples.list',
    { filter: { tags, ...(status ? { status } : {}), ...(searchText ? { search: searchText } : {}) }, offset: page * PAGE_SIZE, limit: PAGE_SIZE },
    { keepPrevious: true },
  );
  return { page: query.data ?? null, loading: query.loading, error: query.error, refresh: query.refresh };
}
