import { useEffect, useState } from 'react';
import type { SamplePage, SampleStatus } from '../../shared/domain/sample';
import { api } from '../api/api';
import { reportError } from '../stores/notices';

export const PAGE_SIZE = 60;

export interface SampleQuery {
  tags: string[];
  status: SampleStatus | null;
  search: string;
  page: number;
}

/**
 * One page of samples for the current filters. `revision` is bumped by writers (an
 * import finishing) so the list re-reads what changed underneath it. While a new page
 * is on its way the previous one stays on screen, marked as loading.
 */
export function useSamples(query: SampleQuery, revision: number): { page: SamplePage | null; loading: boolean } {
  const [loaded, setLoaded] = useState<{ key: string; page: SamplePage } | null>(null);
  const { tags, status, search, page: pageIndex } = query;
  const trimmed = search.trim();
  const key = JSON.stringify([tags, status, trimmed, pageIndex, revision]);

  useEffect(() => {
    let current = true;
    const [tagList, statusFilter, searchText, index] = JSON.parse(key) as [string[], SampleStatus | null, string, number];
    api
      .call('samples.list', {
        filter: { tags: tagList, ...(statusFilter ? { status: statusFilter } : {}), ...(searchText ? { search: searchText } : {}) },
        offset: index * PAGE_SIZE,
        limit: PAGE_SIZE,
      })
      .then((page) => current && setLoaded({ key, page }))
      .catch(reportError);
    return () => {
      current = false;
    };
  }, [key]);

  return { page: loaded?.page ?? null, loading: loaded?.key !== key };
}
