import type { AnnotationPayload } from '../../shared/annotation/payload';
import type { ProjectSummary } from '../../shared/domain/project';
import type { Command } from '../editors/commands';
import { reportError } from '../stores/notices';
import { useLabelStore } from './label-store';
import { setUnsure, toggleTag } from './payload-edits';

const run = (action: () => Promise<void>) => () => void action().catch(reportError);

/** Commands every editor has: moving through the queue, undo, tags and flags. */
export function labelCommands(project: ProjectSummary, toggleHelp: () => void): Command[] {
  const store = useLabelStore.getState;
  const edit = (change: (p: AnnotationPayload) => AnnotationPayload, key?: string) => store().edit(change, key);
  const hasSample = () => store().current !== null;
  return [
    { id: 'submit', title: 'Submit and go to the next sample', keys: ['Enter'], group: 'Queue', enabled: hasSample, run: run(() => store().submit()) },
    {
      id: 'submit-from-text',
      title: 'Submit, also while typing a comment',
      keys: ['Ctrl+Enter'],
      group: 'Queue',
      whileTyping: true,
      enabled: hasSample,
      run: run(() => store().submit()),
    },
    { id: 'next', title: 'Next sample (without submitting)', keys: [']', 'PageDown'], group: 'Queue', run: run(() => store().next()) },
    { id: 'previous', title: 'Previous sample', keys: ['[', 'PageUp'], group: 'Queue', run: run(() => store().previous()) },
    { id: 'undo', title: 'Undo', keys: ['Ctrl+Z'], group: 'Edit', enabled: hasSample, run: () => store().undo() },
    { id: 'redo', title: 'Redo', keys: ['Ctrl+Shift+Z', 'Ctrl+Y'], group: 'Edit', enabled: hasSample, run: () => store().redo() },
    {
      id: 'unsure',
      title: 'Mark as unsure (add a comment in the side panel)',
      keys: ['Shift+U'],
      group: 'Flags',
      enabled: hasSample,
      run: () => edit((p) => setUnsure(p, !p.flags.unsure)),
    },
    ...project.tags
      .filter((tag) => tag.hotkey)
      .map((tag): Command => ({
        id: `tag:${tag.name}`,
        title: `Tag “${tag.name}”`,
        keys: [tag.hotkey!.toUpperCase()],
        group: 'Tags',
        enabled: hasSample,
        run: () => edit((p) => toggleTag(p, tag.name)),
      })),
    { id: 'help', title: 'Show or hide keyboard shortcuts', keys: ['?'], group: 'Help', run: toggleHelp },
  ];
}
