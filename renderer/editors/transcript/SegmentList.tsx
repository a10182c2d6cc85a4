import type { TranscriptPayload } from '../../../shared/annotation/payload';
import { useTranscriptView } from './transcript-view-store';

export const formatMs = (ms: number) => `${(ms / 1000).toFixed(3)} s`;

interface SegmentListProps {
  payload: TranscriptPayload;
  onText(id: string, text: string): void;
  onDelete(id: string): void;
}

/** One text field per segment, in time order; the active one is where typing goes. */
export function SegmentList({ payload, onText, onDelete }: SegmentListProps) {
  const activeId = useTranscriptView((s) => s.activeId);
  const activate = useTranscriptView((s) => s.activate);
  const engine = useTranscriptView((s) => s.engine);
  const focusWanted = useTranscriptView((s) => s.focusWanted);
  const focusDone = useTranscriptView((s) => s.focusDone);
  if (payload.segments.length === 0) {
    return (
      <p className="hint segment-hint">
        {payload.noSpeech ? 'Marked as containing no speech.' : 'Drag across the waveform to make a segment, then type what is said.'}
      </p>
    );
  }
  return (
    <ol className="segment-list" aria-label="Segments">
      {payload.segments.map((segment, index) => (
        <li key={segment.id} className={`segment-row ${segment.id === activeId ? 'active' : ''}`} data-testid="segment-row">
          <button
            type="button"
            className="segment-play"
            title="Play only this segment (Ctrl+Shift+Space)"
            onClick={() => engine?.playSpan(segment.startMs, segment.endMs)}
          >
            ▶
          </button>
          <span className="segment-times" data-testid="segment-times">
            {formatMs(segment.startMs)} – {formatMs(segment.endMs)}
          </span>
          <input
            id={`segment-${segment.id}`}
            ref={(field) => {
              if (field && segment.id === focusWanted) {
                field.focus();
                focusDone();
              }
            }}
            type="text"
            aria-label={`Text of segment ${index + 1}`}
            value={segment.text}
            placeholder="Type what is said"
            spellCheck
            onFocus={() => activate(segment.id)}
            onChange={(e) => onText(segment.id, e.target.value)}
          />
          <button
            type="button"
            className="icon-button"
            aria-label={`Delete segment ${index + 1}`}
            title="Delete (Ctrl+Shift+Backspace)"
            onClick={() => onDelete(segment.id)}
          >
            ×
          </button>
        </li>
      ))}
    </ol>
  );
}
