import { create } from 'zustand';
import type { AudioEngine } from './audio-engine';

/** How the labeler is listening: the active segment, playback and zoom. Not saved. */
interface TranscriptViewState {
  activeId: string | null;
  playing: boolean;
  currentMs: number;
  rate: number;
  pxPerSecond: number;
  loop: boolean;
  spectrogram: boolean;
  toggleSpectrogram(): void;
  engine: AudioEngine | null;
  /** A segment whose text field should take the keyboard as soon as it is on screen. */
  focusWanted: string | null;
  /** Activates a segment and sends typing to it (now, or when its field appears). */
  focusSegment(id: string): void;
  focusDone(): void;
  attachEngine(engine: AudioEngine | null): void;
  activate(id: string | null): void;
  setPlaying(playing: boolean): void;
  setCurrentMs(ms: number): void;
  setRate(rate: number): void;
  setZoom(pxPerSecond: number): void;
  setLoop(loop: boolean): void;
}

export const RATES = [0.5, 0.75, 1, 1.25, 1.5, 2] as const;

export const useTranscriptView = create<TranscriptViewState>((set, get) => ({
  activeId: null,
  playing: false,
  currentMs: 0,
  rate: 1,
  pxPerSecond: 100,
  loop: false,
  spectrogram: false,
  toggleSpectrogram: () => set((s) => ({ spectrogram: !s.spectrogram })),
  engine: null,
  focusWanted: null,
  focusSegment: (id) => {
    const field = document.getElementById(`segment-${id}`);
    field?.focus();
    set({ activeId: id, focusWanted: field ? null : id });
  },
  focusDone: () => set({ focusWanted: null }),
  attachEngine: (engine) => {
    engine?.setRate(get().rate);
    engine?.setLoop(get().loop);
    set({ engine, playing: false, currentMs: 0 });
  },
  activate: (activeId) => set({ activeId }),
  setPlaying: (playing) => set({ playing }),
  setCurrentMs: (currentMs) => set({ currentMs }),
  setRate: (rate) => {
    get().engine?.setRate(rate);
    set({ rate });
  },
  setZoom: (pxPerSecond) => {
    get().engine?.zoom(pxPerSecond);
    set({ pxPerSecond });
  },
  setLoop: (loop) => {
    get().engine?.setLoop(loop);
    set({ loop });
  },
}));
