import WaveSurfer from 'wavesurfer.js';
import MinimapPlugin from 'wavesurfer.js/dist/plugins/minimap.esm.js';
import RegionsPlugin, { type Region } from 'wavesurfer.js/dist/plugins/regions.esm.js';
import TimelinePlugin from 'wavesurfer.js/dist/plugins/timeline.esm.js';
import type { Segment } from '../../../shared/annotation/payload';

/**
 * wavesurfer.js behind a small typed surface: times in milliseconds, segments in and
 * intents out, `on()` returning an unsubscribe and `destroy()` draining everything. The
 * editor store stays the only truth; the regions on screen are redrawn from it.
 */
export interface AudioEngineEvents {
  /** A drag on empty waveform: a segment the rules may accept, clip or refuse. */
  create: { startMs: number; endMs: number };
  /** The end of a region drag or edge drag. */
  change: { id: string; startMs: number; endMs: number };
  select: { id: string };
  time: { ms: number };
  playing: { playing: boolean };
  ready: Record<string, never>;
  error: { message: string };
}

type Listener<K extends keyof AudioEngineEvents> = (event: AudioEngineEvents[K]) => void;

export interface AudioEngineOptions {
  container: HTMLElement;
  minimapContainer: HTMLElement;
  mediaUrl: string;
  /** Envelope in 0..1 and the clip's length: the waveform is drawn without decoding the audio. */
  peaks: Float32Array;
  durationMs: number;
}

const REGION_COLOR = 'rgba(29, 95, 191, 0.16)';
const ACTIVE_COLOR = 'rgba(230, 159, 0, 0.30)';

export class AudioEngine {
  private readonly wavesurfer: WaveSurfer;
  private readonly regions: RegionsPlugin;
  private readonly audio: HTMLAudioElement;
  private readonly listeners = new Map<keyof AudioEngineEvents, Set<(event: never) => void>>();
  private readonly unsubscribes: Array<() => void> = [];
  private known = new Set<string>();
  private stopAtMs: number | null = null;
  private loopStart = 0;
  private loop = false;
  private drawing: (() => void) | null = null;
  /** After destroy every call is ignored: React may still run an effect with this engine once. */
  private destroyed = false;

  constructor(options: AudioEngineOptions) {
    this.audio = new Audio();
    this.audio.preload = 'metadata';
    this.audio.src = options.mediaUrl;
    this.regions = RegionsPlugin.create();
    this.wavesurfer = WaveSurfer.create({
      container: options.container,
      media: this.audio,
      peaks: [options.peaks],
      duration: options.durationMs / 1000,
      height: 140,
      waveColor: '#6f8fb8',
      progressColor: '#1d3557',
      cursorColor: '#d62728',
      minPxPerSec: 100,
      normalize: true,
      autoScroll: true,
      dragToSeek: false,
      plugins: [
        this.regions,
        TimelinePlugin.create({ height: 18, style: { fontSize: '11px', color: '#5f6b7a' } }),
        MinimapPlugin.create({
          container: options.minimapContainer,
          height: 36,
          waveColor: '#b7c4d6',
          progressColor: '#6f8fb8',
          overlayColor: 'rgba(29, 95, 191, 0.12)',
        }),
      ],
    });
    this.allowDrawing(true);
    this.unsubscribes.push(
      this.regions.on('region-created', (region) => this.onRegionCreated(region)),
      this.regions.on('region-updated', (region) => this.emit('change', { id: region.id, startMs: ms(region.start), endMs: ms(region.end) })),
      this.regions.on('region-clicked', (region, event) => {
        event.stopPropagation();
        this.emit('select', { id: region.id });
      }),
      this.wavesurfer.on('timeupdate', (seconds) => this.onTime(seconds)),
      this.wavesurfer.on('play', () => this.emit('playing', { playing: true })),
      this.wavesurfer.on('pause', () => this.emit('playing', { playing: false })),
      this.wavesurfer.on('ready', () => this.emit('ready', {})),
      this.wavesurfer.on('error', (error) => this.emit('error', { message: error instanceof Error ? error.message : String(error) })),
    );
  }

  on<K extends keyof AudioEngineEvents>(name: K, listener: Listener<K>): () => void {
    const set = this.listeners.get(name) ?? new Set();
    set.add(listener as (event: never) => void);
    this.listeners.set(name, set);
    return () => set.delete(listener as (event: never) => void);
  }

  /** Redraws the regions from the segments, changing only what differs. */
  showSegments(segments: readonly Segment[], activeId: string | null, movable: boolean): void {
    if (this.destroyed) return;
    const wanted = new Map(segments.map((s) => [s.id, s]));
    for (const region of this.regions.getRegions()) {
      if (!wanted.has(region.id)) {
        this.known.delete(region.id);
        region.remove();
      }
    }
    const existing = new Map(this.regions.getRegions().map((r) => [r.id, r]));
    for (const segment of segments) {
      const color = segment.id === activeId ? ACTIVE_COLOR : REGION_COLOR;
      const region = existing.get(segment.id);
      if (!region) {
        this.known.add(segment.id);
        this.regions.addRegion({
          id: segment.id,
          start: segment.startMs / 1000,
          end: segment.endMs / 1000,
          color,
          drag: movable,
          resize: true,
          minLength: 0.1,
        });
      } else if (ms(region.start) !== segment.startMs || ms(region.end) !== segment.endMs || region.color !== color || region.drag !== movable) {
        region.setOptions({ start: segment.startMs / 1000, end: segment.endMs / 1000, color, drag: movable });
      }
    }
  }

  /** Drags on empty waveform make segments only where the editor wants them (not in whole-clip mode). */
  allowDrawing(allowed: boolean): void {
    if (this.destroyed) return;
    this.drawing?.();
    this.drawing = allowed ? this.regions.enableDragSelection({ color: REGION_COLOR }) : null;
  }

  playPause(): void {
    if (this.destroyed) return;
    this.stopAtMs = null;
    void this.wavesurfer.playPause();
  }

  /** Plays one segment and stops at its end (or starts over, when looping). */
  playSpan(startMs: number, endMs: number): void {
    if (this.destroyed) return;
    this.stopAtMs = endMs;
    this.wavesurfer.setTime(startMs / 1000);
    void this.wavesurfer.play();
    this.loopStart = startMs;
  }

  setLoop(loop: boolean): void {
    if (this.destroyed) return;
    this.loop = loop;
  }

  skip(deltaMs: number): void {
    if (this.destroyed) return;
    this.wavesurfer.setTime(Math.max(0, this.wavesurfer.getCurrentTime() + deltaMs / 1000));
  }

  seek(msFromStart: number): void {
    if (this.destroyed) return;
    this.wavesurfer.setTime(msFromStart / 1000);
  }

  /** Speed without a pitch change, so speech stays intelligible when slowed. */
  setRate(rate: number): void {
    if (this.destroyed) return;
    this.wavesurfer.setPlaybackRate(rate, true);
  }

  zoom(pxPerSecond: number): void {
    if (this.destroyed) return;
    this.wavesurfer.zoom(pxPerSecond);
  }

  get currentMs(): number {
    return ms(this.wavesurfer.getCurrentTime());
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    for (const unsubscribe of this.unsubscribes.splice(0)) unsubscribe();
    this.drawing?.();
    this.listeners.clear();
    this.wavesurfer.destroy();
    this.audio.removeAttribute('src');
    this.audio.load();
  }

  private onRegionCreated(region: Region): void {
    if (this.known.has(region.id)) return;
    // A region drawn by the user: the store decides what it becomes, then it is redrawn from there.
    const span = { startMs: ms(region.start), endMs: ms(region.end) };
    region.remove();
    this.emit('create', span);
  }

  private onTime(seconds: number): void {
    const now = ms(seconds);
    if (this.stopAtMs !== null && now >= this.stopAtMs) {
      if (this.loop) {
        this.wavesurfer.setTime(this.loopStart / 1000);
      } else {
        this.stopAtMs = null;
        this.wavesurfer.pause();
      }
    }
    this.emit('time', { ms: now });
  }

  private emit<K extends keyof AudioEngineEvents>(name: K, event: AudioEngineEvents[K]): void {
    for (const listener of this.listeners.get(name) ?? []) (listener as Listener<K>)(event);
  }
}

const ms = (seconds: number) => Math.round(seconds * 1000);
