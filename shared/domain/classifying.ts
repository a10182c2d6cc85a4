/**
 * How far the back end is with classifying samples whose answers changed in bulk (an upgrade from
 * before the Review queue was kept, a label import answering every sample, a tag on many samples
 * renamed). Meanwhile the Review queue and each sample's agreement are read from what is kept, and
 * fill in as the samples are classified.
 */
export interface ClassifyingProgress {
  /** Samples classified since this catch-up began. */
  classified: number;
  /** Samples still waiting: answers changed since their entry was kept. */
  remaining: number;
}
