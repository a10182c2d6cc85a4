import { useReviewStore } from './review-store';

/**
 * Opens a sample in Review from another screen (the agreement heatmap's sample list): chosen
 * first, so Review opens on it rather than on "Choose a sample".
 */
export function openInReview(sampleId: number): void {
  void useReviewStore.getState().select(sampleId);
  window.location.hash = '#review';
}
