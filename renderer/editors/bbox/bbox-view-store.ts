import { create } from 'zustand';
import type { Box } from '../../../shared/annotation/payload';
import type { BboxCanvasHandle } from './canvas-contract';

/** How the labeler is looking at boxes: selection, the class for new boxes, visibility. Not saved. */
interface BboxViewState {
  selectedId: string | null;
  currentClassId: number | null;
  boxesVisible: boolean;
  boxOpacity: number;
  /** The mounted canvas, for view commands (fit, zoom) issued from keys and buttons. */
  canvas: BboxCanvasHandle | null;
  attachCanvas(canvas: BboxCanvasHandle | null): void;
  select(id: string | null): void;
  setCurrentClass(id: number): void;
  toggleBoxes(): void;
  setOpacity(opacity: number): void;
  /** Moves the selection through the boxes in drawing order (Tab / Shift+Tab). */
  cycle(boxes: readonly Box[], step: 1 | -1): void;
}

export const useBboxView = create<BboxViewState>((set, get) => ({
  selectedId: null,
  currentClassId: null,
  boxesVisible: true,
  boxOpacity: 0.15,
  canvas: null,
  attachCanvas: (canvas) => set({ canvas }),
  select: (selectedId) => set({ selectedId }),
  setCurrentClass: (currentClassId) => set({ currentClassId }),
  toggleBoxes: () => set((s) => ({ boxesVisible: !s.boxesVisible })),
  setOpacity: (boxOpacity) => set({ boxOpacity }),
  cycle: (boxes, step) => {
    const at = boxes.findIndex((b) => b.id === get().selectedId);
    const next = at === -1 ? (step === 1 ? 0 : boxes.length - 1) : (at + step + boxes.length) % boxes.length;
    set({ selectedId: boxes[next]?.id ?? null });
  },
}));
