import { useEffect, useMemo, useState } from 'react';
import type { TranscriptPayload } from '../../../shared/annotation/payload';
import { BrokenMedia } from '../chrome/BrokenMedia';
import { SessionStatusBar } from '../chrome/SessionStatusBar';
import { sessionCommands } from '../chrome/session-commands';
import { ShortcutsHelp } from '../chrome/ShortcutsHelp';
import { SidePanel } from '../chrome/SidePanel';
import { useMediaError } from '../chrome/use-media-error';
import type { EditorProps } from '../editor-definition';
import { useSessionView } from '../editor-session';
import { useCommandKeys } from '../use-command-keys';
import { formatMs, SegmentList } from './SegmentList';
import { transcriptCommands } from './transcript-commands';
import { newSegmentId, withClipText, withMode, withNewSegment, withNoSpeech, withoutSegment, withSpan, withText } from './transcript-edits';
import { TranscriptToolbar } from './TranscriptToolbar';
import { useTranscriptView } from './transcript-view-store';
import { SpectrogramView } from './SpectrogramView';
import { Waveform } from './Waveform';
import '../editors.css';
import './transcript.css';
import { countOf } from '../../../shared/text/plural';

/** What the mouse does here, for the shortcuts panel. */
const MOUSE_HINT =
  'drag across the waveform to make a segment, click a segment to select it, drag a segment or its edges to move or resize it. Click the waveform to move the playhead.';

/** The transcript editor: waveform with segments, their text, playback and the same queue, flags and tags as every editor. */
export function TranscriptLabeler({ project, session }: EditorProps<TranscriptPayload>) {
  const sample = useSessionView(session, (v) => v.sample);
  const payload = useSessionView(session, (v) => v.payload);
  const readOnly = useSessionView(session, (v) => v.readOnly);
  const activate = useTranscriptView((s) => s.activate);
  const focusSegment = useTranscriptView((s) => s.focusSegment);
  const showSpectrogram = useTranscriptView((s) => s.spectrogram);
  const [helpOpen, setHelpOpen] = useState(false);
  const sampleId = sample?.id;
  const [mediaError, reportMediaError] = useMediaError(sampleId);

  useEffect(() => activate(null), [sampleId, activate]);

  const commands = useMemo(() => [...sessionCommands(session, project, () => setHelpOpen((o) => !o)), ...transcriptCommands(session)], [session, project]);
  useCommandKeys(commands);

  if (!sample || !payload) return <div className="empty">{sample ? 'This sample’s label is not a transcript.' : 'Loading…'}</div>;
  const durationMs = sample.audio?.durationMs ?? 0;
  const brokenMessage = mediaError ?? (durationMs === 0 ? 'This sample has no audio length recorded.' : null);

  const create = (span: { startMs: number; endMs: number }) => {
    const id = newSegmentId();
    session.edit((p) => withNewSegment(p, id, span, durationMs));
    focusSegment(id);
  };

  return (
    <div className="labeler">
      <div className="editor-column transcript-column">
        <TranscriptToolbar
          session={session}
          mode={payload.mode}
          onMode={(mode) => session.edit((p) => withMode(p, mode, durationMs))}
          onHelp={() => setHelpOpen(true)}
        />
        {brokenMessage ? (
          <BrokenMedia session={session} message={brokenMessage} tone="light" />
        ) : (
          <Waveform
            sample={sample}
            payload={payload}
            onCreate={create}
            onChange={(id, span) => session.edit((p) => withSpan(p, id, span, durationMs))}
            onSelect={focusSegment}
            onError={reportMediaError}
          />
        )}
        {showSpectrogram && !brokenMessage && <SpectrogramView sample={sample} durationMs={durationMs} />}
        <div className="transcript-text">
          {payload.mode === 'clip' ? (
            <div className="field clip-text">
              <label htmlFor="clip-text">
                Transcript of the whole clip
                {payload.segments[0] &&
                  ` (speech ${formatMs(payload.segments[0].startMs)} – ${formatMs(payload.segments[0].endMs)}; drag the region's edges to trim)`}
              </label>
              <input
                id="clip-text"
                type="text"
                value={payload.segments[0]?.text ?? ''}
                placeholder="Type what is said"
                onChange={(e) => session.edit((p) => withClipText(p, e.target.value, durationMs), 'clip-text')}
              />
            </div>
          ) : (
            <SegmentList
              payload={payload}
              onText={(id, text) => session.edit((p) => withText(p, id, text), `text:${id}`)}
              onDelete={(id) => session.edit((p) => withoutSegment(p, id))}
            />
          )}
        </div>
        <SessionStatusBar session={session}>
          {' '}
          · {formatMs(durationMs)} · {countOf(payload.segments.length, 'segment')}
        </SessionStatusBar>
      </div>
      <SidePanel
        session={session}
        project={project}
        kindFlags={
          <label className="checkbox">
            <input
              type="checkbox"
              checked={payload.noSpeech}
              disabled={payload.segments.some((s) => s.text.trim() !== '') || readOnly !== null}
              onChange={(e) => session.edit((p) => withNoSpeech(p, e.target.checked))}
            />{' '}
            No speech <kbd>Shift+N</kbd>
          </label>
        }
      />
      {helpOpen && <ShortcutsHelp commands={commands} mouseHint={MOUSE_HINT} onClose={() => setHelpOpen(false)} />}
    </div>
  );
}
