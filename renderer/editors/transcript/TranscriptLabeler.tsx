import { useCallback, useEffect, useMemo, useState } from 'react';
import type { TranscriptPayload } from '../../../shared/annotation/payload';
import type { ProjectSummary } from '../../../shared/domain/project';
import { labelCommands } from '../../label/label-commands';
import { useLabelStore } from '../../label/label-store';
import { BrokenMedia } from '../../label/BrokenMedia';
import { LabelStatusBar } from '../../label/LabelStatusBar';
import { useMediaError } from '../../label/use-media-error';
import { SidePanel } from '../../label/SidePanel';
import { useCommandKeys } from '../use-command-keys';
import { ShortcutsHelp } from '../ShortcutsHelp';
import { formatMs, SegmentList } from './SegmentList';
import { transcriptCommands } from './transcript-commands';
import { newSegmentId, withClipText, withMode, withNewSegment, withNoSpeech, withoutSegment, withSpan, withText } from './transcript-edits';
import { TranscriptToolbar } from './TranscriptToolbar';
import { useTranscriptView } from './transcript-view-store';
import { SpectrogramView } from './SpectrogramView';
import { Waveform } from './Waveform';
import '../editors.css';
import './transcript.css';

/** The transcript editor: waveform with segments, their text, playback and the same queue, flags and tags as every editor. */
export function TranscriptLabeler({ project }: { project: ProjectSummary }) {
  const current = useLabelStore((s) => s.current);
  const edit = useLabelStore((s) => s.edit);
  const activate = useTranscriptView((s) => s.activate);
  const focusSegment = useTranscriptView((s) => s.focusSegment);
  const showSpectrogram = useTranscriptView((s) => s.spectrogram);
  const [helpOpen, setHelpOpen] = useState(false);
  const sampleId = current?.sample.id;
  const [mediaError, reportMediaError] = useMediaError(sampleId);

  useEffect(() => activate(null), [sampleId, activate]);

  const commands = useMemo(() => [...labelCommands(project, () => setHelpOpen((o) => !o)), ...transcriptCommands()], [project]);
  useCommandKeys(commands);
  const editTranscript = useCallback(
    (change: (p: TranscriptPayload) => TranscriptPayload, key?: string) => edit((p) => change(p as TranscriptPayload), key),
    [edit],
  );

  if (!current) return <div className="empty">Loading…</div>;
  const payload = current.history.present as TranscriptPayload;
  const durationMs = current.sample.audio?.durationMs ?? 0;
  const brokenMessage = mediaError ?? (durationMs === 0 ? 'This sample has no audio length recorded.' : null);

  const create = (span: { startMs: number; endMs: number }) => {
    const id = newSegmentId();
    editTranscript((p) => withNewSegment(p, id, span, durationMs));
    focusSegment(id);
  };

  return (
    <div className="labeler">
      <div className="editor-column transcript-column">
        <TranscriptToolbar mode={payload.mode} onMode={(mode) => editTranscript((p) => withMode(p, mode, durationMs))} onHelp={() => setHelpOpen(true)} />
        {brokenMessage ? (
          <BrokenMedia message={brokenMessage} tone="light" />
        ) : (
          <Waveform
            sample={current.sample}
            payload={payload}
            onCreate={create}
            onChange={(id, span) => editTranscript((p) => withSpan(p, id, span, durationMs))}
            onSelect={focusSegment}
            onError={reportMediaError}
          />
        )}
        {showSpectrogram && !brokenMessage && <SpectrogramView sample={current.sample} durationMs={durationMs} />}
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
                onChange={(e) => editTranscript((p) => withClipText(p, e.target.value, durationMs), 'clip-text')}
              />
            </div>
          ) : (
            <SegmentList
              payload={payload}
              onText={(id, text) => editTranscript((p) => withText(p, id, text), `text:${id}`)}
              onDelete={(id) => editTranscript((p) => withoutSegment(p, id))}
            />
          )}
        </div>
        <LabelStatusBar>
          {' '}
          · {formatMs(durationMs)} · {payload.segments.length} {payload.segments.length === 1 ? 'segment' : 'segments'}
        </LabelStatusBar>
      </div>
      <SidePanel
        project={project}
        kindFlags={
          <label className="checkbox">
            <input
              type="checkbox"
              checked={payload.noSpeech}
              disabled={payload.segments.some((s) => s.text.trim() !== '')}
              onChange={(e) => editTranscript((p) => withNoSpeech(p, e.target.checked))}
            />{' '}
            No speech <kbd>Shift+N</kbd>
          </label>
        }
      />
      {helpOpen && <ShortcutsHelp commands={commands} onClose={() => setHelpOpen(false)} />}
    </div>
  );
}
