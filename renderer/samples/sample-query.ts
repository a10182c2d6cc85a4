import type { SampleFilter, SampleSort, SampleStatus } from '../../shared/domain/sample';

/** An agreement bound of the list's filter (agreement from 0 to 1). */
export interface AgreementBound {
  below?: number;
  atLeast?: number;
}

/** What the Samples list shows: its filters and its order. */
export interface SampleQuery {
  tags: string[];
  status: SampleStatus | null;
  search: string;
  /** Only samples this account worked on or is assigned (null: anyone's). */
  labelerId: number | null;
  /** Only samples whose metadata field reads this value (an empty value: no filter yet). */
  metadata: { field: string; value: string } | null;
  /** Only samples whose labelers agree within this bound (null: any agreement, or none measured). */
  agreement: AgreementBound | null;
  sort: SampleSort;
}

/** The list's filters as the back end takes them (what a bulk action acts on too). */
export function sampleFilterOf({ tags, status, search, labelerId, metadata, agreement }: Omit<SampleQuery, 'sort'>): SampleFilter {
  const searchText = search.trim();
  return {
    tags,
    ...(status ? { status } : {}),
    ...(searchText ? { search: searchText } : {}),
    ...(labelerId !== null ? { labelerId } : {}),
    ...(metadata && metadata.value !== '' ? { metadata } : {}),
    ...(agreement ? { agreement } : {}),
  };
}

/** The list as it first shows: every sample, in the order added. */
export const ALL_SAMPLES: SampleQuery = {
  search: '',
  status: null,
  tags: [],
  labelerId: null,
  metadata: null,
  agreement: null,
  sort: { by: 'added', descending: false },
};
