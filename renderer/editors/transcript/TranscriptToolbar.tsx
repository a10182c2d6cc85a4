import type { TranscriptPayload } from '../../../shared/annotation/payload';
import { formatMs } from './SegmentList';
import { RATES, useTranscriptView } from './transcript-view-store';
import { HistoryButtons } from '../chrome/HistoryButtons';
import type { EditorSession } from '../editor-session';

interface TranscriptToolbarProps {
  session: EditorSession<TranscriptPayload>;
  mode: TranscriptPayload['mode'];
  onMode(mode: TranscriptPayload['mode']): void;
  onHelp(): void;
}

/** Playback, speed, zoom, loop and the transcript mode, each also on a key (see `?`). */
export function TranscriptToolbar({ session, mode, onMode, onHelp }: TranscriptToolbarProps) {
  const playing = useTranscriptView((s) => s.playing);
  const currentMs = useTranscriptView((s) => s.currentMs);
  const rate = useTranscriptView((s) => s.rate);
  const pxPerSecond = useTranscriptView((s) => s.pxPerSecond);
  const loop = useTranscriptView((s) => s.loop);
  const spectrogram = useTranscriptView((s) => s.spectrogram);
  const engine = useTranscriptView((s) => s.engine);
  const view = useTranscriptView.getState;

  return (
    <div className="toolbar" role="toolbar" aria-label="Playback and tools">
      <div className="toolbar-group">
        <button type="button" className="primary play-button" onClick={() => engine?.playPause()} disabled={!engine} title="Play or pause (Ctrl+Space)">
          {playing ? 'Pause' : 'Play'}
        </button>
        <button type="button" onClick={() => engine?.skip(-2000)} disabled={!engine} title="Back 2 s (Ctrl+←)">
          −2 s
        </button>
        <button type="button" onClick={() => engine?.skip(2000)} disabled={!engine} title="Forward 2 s (Ctrl+→)">
          +2 s
        </button>
        <span className="playhead" aria-label="Position">
          {formatMs(currentMs)}
        </span>
      </div>
      <div className="toolbar-group">
        <label className="opacity-control">
          Speed
          <select aria-label="Speed" value={rate} onChange={(e) => view().setRate(Number(e.target.value))}>
            {RATES.map((r) => (
              <option key={r} value={r}>
                {r}×
              </option>
            ))}
          </select>
        </label>
        <label className="opacity-control">
          Zoom
          <input type="range" aria-label="Zoom" min={10} max={1000} step={10} value={pxPerSecond} onChange={(e) => view().setZoom(Number(e.target.value))} />
        </label>
        <button type="button" aria-pressed={loop} onClick={() => view().setLoop(!loop)} title="Loop the segment being played (Ctrl+Shift+L)">
          Loop
        </button>
        <button type="button" aria-pressed={spectrogram} onClick={() => view().toggleSpectrogram()} title="Show the spectrogram (Shift+S)">
          Spectrogram
        </button>
      </div>
      <div className="toolbar-group" role="radiogroup" aria-label="Transcript mode">
        <button
          type="button"
          role="radio"
          aria-checked={mode === 'segments'}
          className={mode === 'segments' ? 'chip-on' : ''}
          onClick={() => onMode('segments')}
        >
          Segments
        </button>
        <button type="button" role="radio" aria-checked={mode === 'clip'} className={mode === 'clip' ? 'chip-on' : ''} onClick={() => onMode('clip')}>
          Whole clip
        </button>
      </div>
      <div className="toolbar-group">
        <HistoryButtons session={session} />
        <button type="button" onClick={onHelp} title="Keyboard shortcuts (?)">
          ?
        </button>
      </div>
    </div>
  );
}
