import { useEffect, useRef, useState } from 'react';
import WaveSurfer from 'wavesurfer.js';
import SpectrogramPlugin from 'wavesurfer.js/dist/plugins/spectrogram.esm.js';
import type { Sample } from '../../../shared/domain/sample';
import { api } from '../../api/api';

/**
 * A spectrogram needs the decoded audio, which is what the waveform avoids for long
 * recordings: it is offered for clips up to this length (about 40 MB of samples at 16 kHz).
 */
export const SPECTROGRAM_MAX_MS = 10 * 60_000;

/** The whole clip's spectrogram, where noise and a narrow bandwidth are plain to see. */
export function SpectrogramView({ sample, durationMs }: { sample: Sample; durationMs: number }) {
  const decoderRef = useRef<HTMLDivElement>(null);
  const spectrogramRef = useRef<HTMLDivElement>(null);
  const tooLong = durationMs > SPECTROGRAM_MAX_MS;
  const [state, setState] = useState<{ sampleId: number; phase: 'ready' | 'error'; message?: string } | null>(null);

  useEffect(() => {
    if (tooLong || !decoderRef.current || !spectrogramRef.current) return;
    const wavesurfer = WaveSurfer.create({
      container: decoderRef.current,
      url: api.mediaUrl(sample, 'original'),
      height: 1,
      interact: false,
      cursorWidth: 0,
      plugins: [
        SpectrogramPlugin.create({ container: spectrogramRef.current, labels: true, height: 160, frequencyMax: (sample.audio?.sampleRate ?? 16_000) / 2 }),
      ],
    });
    const unsubscribe = [
      wavesurfer.on('ready', () => setState({ sampleId: sample.id, phase: 'ready' })),
      wavesurfer.on('error', (error) => setState({ sampleId: sample.id, phase: 'error', message: error instanceof Error ? error.message : String(error) })),
    ];
    return () => {
      for (const off of unsubscribe) off();
      wavesurfer.destroy();
    };
  }, [sample, tooLong]);

  if (tooLong) return <p className="hint spectrogram-note">The spectrogram is available for clips up to {SPECTROGRAM_MAX_MS / 60_000} minutes.</p>;
  const current = state?.sampleId === sample.id ? state : null;
  return (
    <div className="spectrogram" data-testid="spectrogram" data-ready={current?.phase === 'ready' ? 'true' : undefined}>
      <div ref={decoderRef} className="spectrogram-decoder" aria-hidden="true" />
      <div ref={spectrogramRef} />
      {!current && <p className="hint">Computing the spectrogram…</p>}
      {current?.phase === 'error' && <p className="hint">No spectrogram: {current.message}</p>}
    </div>
  );
}
