import type { TranscriptPayload } from '../../../shared/annotation/payload';
import type { Command } from '../commands';
import type { EditorSession } from '../editor-session';
import { RATES, useTranscriptView } from './transcript-view-store';
import { withNoSpeech, withoutSegment } from './transcript-edits';

const SKIP_MS = 2000;

/** Keys that work while typing use Ctrl, so a labeler never leaves the text to steer playback. */
export function transcriptCommands(session: EditorSession<TranscriptPayload>): Command[] {
  const view = useTranscriptView.getState;
  const payload = () => session.view.getState().payload;
  const segments = () => payload()?.segments ?? [];
  const active = () => segments().find((s) => s.id === view().activeId) ?? null;
  const step = (direction: 1 | -1) => {
    const list = segments();
    if (list.length === 0) return;
    const at = list.findIndex((s) => s.id === view().activeId);
    const next = list[at === -1 ? (direction === 1 ? 0 : list.length - 1) : Math.min(list.length - 1, Math.max(0, at + direction))]!;
    view().focusSegment(next.id);
    view().engine?.seek(next.startMs);
  };
  const changeRate = (direction: 1 | -1) => {
    const at = RATES.indexOf(view().rate as (typeof RATES)[number]);
    view().setRate(RATES[Math.min(RATES.length - 1, Math.max(0, (at === -1 ? 2 : at) + direction))]!);
  };
  const typing = { whileTyping: true, group: 'Playback' } as const;
  return [
    { id: 'play', title: 'Play or pause', keys: ['Ctrl+Space'], ...typing, run: () => view().engine?.playPause() },
    {
      id: 'play-segment',
      title: 'Play the active segment (only it)',
      keys: ['Ctrl+Shift+Space'],
      ...typing,
      enabled: () => active() !== null,
      run: () => view().engine?.playSpan(active()!.startMs, active()!.endMs),
    },
    { id: 'back', title: `Back ${SKIP_MS / 1000} s`, keys: ['Ctrl+ArrowLeft'], ...typing, repeatable: true, run: () => view().engine?.skip(-SKIP_MS) },
    { id: 'forward', title: `Forward ${SKIP_MS / 1000} s`, keys: ['Ctrl+ArrowRight'], ...typing, repeatable: true, run: () => view().engine?.skip(SKIP_MS) },
    { id: 'slower', title: 'Slower (pitch kept)', keys: ['Ctrl+,'], ...typing, run: () => changeRate(-1) },
    { id: 'faster', title: 'Faster (pitch kept)', keys: ['Ctrl+.'], ...typing, run: () => changeRate(1) },
    { id: 'loop', title: 'Loop the segment being played', keys: ['Ctrl+Shift+L'], ...typing, run: () => view().setLoop(!view().loop) },
    { id: 'previous-segment', title: 'Previous segment', keys: ['Ctrl+ArrowUp'], whileTyping: true, group: 'Segments', run: () => step(-1) },
    { id: 'next-segment', title: 'Next segment', keys: ['Ctrl+ArrowDown'], whileTyping: true, group: 'Segments', run: () => step(1) },
    {
      id: 'delete-segment',
      title: 'Delete the active segment',
      keys: ['Ctrl+Shift+Backspace'],
      whileTyping: true,
      group: 'Segments',
      enabled: () => active() !== null,
      run: () => session.edit((p) => withoutSegment(p, active()!.id)),
    },
    {
      id: 'no-speech',
      title: 'No speech in this clip',
      keys: ['Shift+N'],
      group: 'Flags',
      enabled: () => segments().every((s) => s.text.trim() === ''),
      run: () => session.edit((p) => withNoSpeech(p, !p.noSpeech)),
    },
    { id: 'spectrogram', title: 'Show or hide the spectrogram', keys: ['Shift+S'], group: 'View', run: () => view().toggleSpectrogram() },
    { id: 'zoom-in', title: 'Zoom in', keys: ['=', '+'], group: 'View', run: () => view().setZoom(Math.min(2000, view().pxPerSecond * 1.5)) },
    { id: 'zoom-out', title: 'Zoom out', keys: ['-'], group: 'View', run: () => view().setZoom(Math.max(5, view().pxPerSecond / 1.5)) },
  ];
}
