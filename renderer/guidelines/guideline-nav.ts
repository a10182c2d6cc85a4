import { create } from 'zustand';

/**
 * Which guideline the Guidelines area shows: a version, the draft, or (null) the newest. Review
 * sets it to the draft when an SME revises the guideline from a disagreement type.
 */
export const useGuidelineNav = create<{ view: number | 'draft' | null; show(view: number | 'draft' | null): void }>((set) => ({
  view: null,
  show: (view) => set({ view }),
}));
