import { useEffect, useRef, useState } from 'react';
import type { TranscriptPayload } from '../../../shared/annotation/payload';
import type { Sample } from '../../../shared/domain/sample';
import { decodePeaks, PEAKS_PER_SECOND } from '../../../shared/media/peaks';
import { api } from '../../api/api';
import { AudioEngine } from './audio-engine';
import { useTranscriptView } from './transcript-view-store';

interface WaveformProps {
  sample: Sample;
  payload: TranscriptPayload;
  onCreate(span: { startMs: number; endMs: number }): void;
  onChange(id: string, span: { startMs: number; endMs: number }): void;
  onSelect(id: string): void;
  onError(message: string): void;
}

/**
 * The waveform with timeline and minimap. It draws peaks the back end computed once and
 * cached, and plays through an audio element that streams, so an hour-long recording
 * opens without being decoded or held in memory here.
 */
export function Waveform({ sample, payload, onCreate, onChange, onSelect, onError }: WaveformProps) {
  const waveRef = useRef<HTMLDivElement>(null);
  const minimapRef = useRef<HTMLDivElement>(null);
  const [mounted, setMounted] = useState<{ sampleId: number; engine: AudioEngine } | null>(null);
  const engine = mounted?.sampleId === sample.id ? mounted.engine : null;
  const attachEngine = useTranscriptView((s) => s.attachEngine);
  const activeId = useTranscriptView((s) => s.activeId);
  const handlers = useRef({ onCreate, onChange, onSelect, onError });
  useEffect(() => {
    handlers.current = { onCreate, onChange, onSelect, onError };
  });

  useEffect(() => {
    const durationMs = sample.audio?.durationMs ?? 0;
    let created: AudioEngine | null = null;
    let cancelled = false;
    fetch(api.mediaUrl(sample, 'peaks'))
      .then(async (response) => {
        if (!response.ok) throw new Error(`the audio could not be read (${response.status})`);
        return decodePeaks(new Uint8Array(await response.arrayBuffer()));
      })
      .then((peaks) => {
        if (cancelled || !waveRef.current || !minimapRef.current) return;
        // MP3 lengths read from headers include encoder padding; the decoded peaks say how long the audio really is.
        const audioMs = Math.min(durationMs, peaks.length * (1000 / PEAKS_PER_SECOND));
        created = new AudioEngine({
          container: waveRef.current,
          minimapContainer: minimapRef.current,
          mediaUrl: api.mediaUrl(sample, 'original'),
          peaks,
          durationMs: audioMs,
        });
        const view = useTranscriptView.getState();
        created.on('create', (span) => handlers.current.onCreate(span));
        created.on('change', ({ id, ...span }) => handlers.current.onChange(id, span));
        created.on('select', ({ id }) => handlers.current.onSelect(id));
        created.on('time', ({ ms }) => view.setCurrentMs(ms));
        created.on('playing', ({ playing }) => view.setPlaying(playing));
        created.on('error', ({ message }) => handlers.current.onError(`The audio could not be played: ${message}`));
        // wavesurfer takes the peaks asynchronously; zooming or drawing regions before then fails.
        const ready = created;
        ready.on('ready', () => {
          if (cancelled) return;
          ready.zoom(view.pxPerSecond);
          attachEngine(ready);
          setMounted({ sampleId: sample.id, engine: ready });
        });
      })
      .catch((error: unknown) => {
        if (!cancelled) handlers.current.onError(`The audio could not be loaded: ${error instanceof Error ? error.message : String(error)}`);
      });
    return () => {
      cancelled = true;
      created?.destroy();
      attachEngine(null);
      setMounted(null);
    };
  }, [sample, attachEngine]);

  useEffect(() => {
    engine?.showSegments(payload.segments, activeId, payload.mode === 'segments');
    engine?.allowDrawing(payload.mode === 'segments');
  }, [engine, payload.segments, payload.mode, activeId]);

  return (
    <div className="waveform" data-testid="waveform" data-ready={engine ? 'true' : undefined}>
      <div ref={waveRef} className="waveform-main" />
      <div ref={minimapRef} className="waveform-minimap" />
    </div>
  );
}
