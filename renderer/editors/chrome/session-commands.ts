import type { AnnotationPayload } from '../../../shared/annotation/payload';
import type { ProjectSummary } from '../../../shared/domain/project';
import type { Command } from '../commands';
import type { EditorSession } from '../editor-session';
import { setUnsure, toggleTag } from './payload-edits';
import { focusNewComment } from '../../comments/SampleComments';

/** Commands every editor has: moving through the session's samples, undo, tags and flags. */
export function sessionCommands<Payload extends AnnotationPayload>(
  session: EditorSession<Payload>,
  project: ProjectSummary,
  toggleHelp: () => void,
): Command[] {
  const run = (action: () => Promise<void>) => () => void action().catch(session.reportError);
  const hasSample = () => session.view.getState().payload !== null;
  return [
    { id: 'submit', title: 'Submit and go to the next sample', keys: ['Enter'], group: 'Queue', enabled: hasSample, run: run(session.submit) },
    {
      id: 'submit-from-text',
      title: 'Submit, also while typing a comment',
      keys: ['Ctrl+Enter'],
      group: 'Queue',
      whileTyping: true,
      enabled: hasSample,
      run: run(session.submit),
    },
    { id: 'next', title: 'Next sample (without submitting)', keys: [']', 'PageDown'], group: 'Queue', run: run(session.next) },
    { id: 'previous', title: 'Previous sample', keys: ['[', 'PageUp'], group: 'Queue', run: run(session.previous) },
    { id: 'undo', title: 'Undo', keys: ['Ctrl+Z'], group: 'Edit', enabled: hasSample, run: session.undo },
    { id: 'redo', title: 'Redo', keys: ['Ctrl+Shift+Z', 'Ctrl+Y'], group: 'Edit', enabled: hasSample, run: session.redo },
    {
      id: 'unsure',
      title: 'Mark as unsure (add a comment in the side panel)',
      keys: ['Shift+U'],
      group: 'Flags',
      enabled: hasSample,
      run: () => session.edit((p) => setUnsure(p, !p.flags.unsure)),
    },
    ...project.tags
      .filter((tag) => tag.hotkey && !tag.retired)
      .map((tag): Command => ({
        id: `tag:${tag.name}`,
        title: `Tag “${tag.name}”`,
        keys: [tag.hotkey!.toUpperCase()],
        group: 'Tags',
        enabled: hasSample,
        run: () => session.edit((p) => toggleTag(p, tag)),
      })),
    {
      id: 'ask',
      title: 'Ask a question about this sample (Ctrl+Enter posts it)',
      keys: ['Shift+Q'],
      group: 'Comments',
      enabled: hasSample,
      run: focusNewComment,
    },
    { id: 'help', title: 'Show or hide keyboard shortcuts', keys: ['?'], group: 'Help', run: toggleHelp },
  ];
}
