import { useState } from 'react';
import { mayCall } from '../../shared/api/access';
import type { OperationArg } from '../../shared/api/contract';
import type { Labeler } from '../../shared/domain/labeler';
import type { BulkResult, SampleFilter, SampleSelection } from '../../shared/domain/sample';
import { countOf } from '../../shared/text/plural';
import { api } from '../api/api';
import { ActionError, useActionError } from '../ui/ActionError';
import { useProjectStore } from '../stores/project-store';

/** What the list has selected: samples picked one by one (kept across pages), or every sample the filters match. */
export type ListSelection = { kind: 'picked'; ids: ReadonlySet<number> } | { kind: 'matching' };

type Action = 'tag' | 'untag' | 'assign' | 'relabel' | 'consensus';

/**
 * The bar of actions on the selected samples (SMEs and admins): tag, untag, assign to a labeler,
 * send back to relabel, accept the consensus. Each runs on the back end in one transaction; the
 * bar then says what happened, or why it failed, beside the buttons.
 */
export function BulkActions({
  selection,
  filter,
  total,
  labelers,
  onSelectAll,
  onClear,
  onDone,
}: {
  selection: ListSelection;
  /** The list's filters: what "all matching" acts on. */
  filter: SampleFilter;
  /** Samples the filters match. */
  total: number;
  labelers: readonly Labeler[];
  onSelectAll(): void;
  onClear(): void;
  onDone(): void;
}) {
  const role = useProjectStore((s) => s.account?.role);
  const tags = useProjectStore((s) => s.project?.tags ?? []);
  const [action, setAction] = useState<Action>('assign');
  const [text, setText] = useState('');
  const [labelerId, setLabelerId] = useState<number | null>(null);
  const [said, setSaid] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const failure = useActionError();
  if (!mayCall(role, 'samples.assign')) return null;
  const count = selection.kind === 'matching' ? total : selection.ids.size;
  if (count === 0) return null;

  const chosen: SampleSelection = selection.kind === 'matching' ? { filter } : { ids: [...selection.ids] };
  const assignable = labelers.filter((l) => !l.disabled);
  const ready = action === 'consensus' || (action === 'assign' ? labelerId !== null : text.trim() !== '');

  const perform = async (): Promise<string> => {
    const selected = chosen;
    if (action === 'tag') {
      const { tagged } =
        'ids' in selected
          ? await api.call('samples.tag', { sampleIds: selected.ids, tag: text })
          : await api.call('samples.tagMatching', { filter, tag: text });
      return `Tagged ${countOf(tagged, 'sample')} “${text.trim()}”.`;
    }
    if (action === 'untag') {
      const result = await api.call('samples.untag', { selection: selected, tag: text });
      return `Took “${text.trim()}” off ${countOf(result.changed, 'sample')}${unchangedClause(result, 'did not have it')}.`;
    }
    if (action === 'assign') {
      const result = await api.call('samples.assign', { selection: selected, labelerId: labelerId! } satisfies OperationArg<'samples.assign'>);
      return `Assigned ${countOf(result.changed, 'sample')} to ${result.labeler}${unchangedClause(result, `were ${result.labeler}’s already`)}.`;
    }
    if (action === 'relabel') {
      const result = await api.call('samples.relabel', { selection: selected, reason: text });
      return `Sent ${countOf(result.changed, 'sample')} back to relabel (${countOf(result.requests, 'request')})${unchangedClause(result, 'had no submission')}.`;
    }
    const result = await api.call('samples.acceptConsensus', { selection: selected });
    return `Accepted the consensus of ${countOf(result.changed, 'sample')}${unchangedClause(result, 'were decided already or have fewer than two answers')}.`;
  };

  const run = async () => {
    setBusy(true);
    setSaid(null);
    await failure.run(async () => {
      setSaid(await perform());
      setText('');
      onDone();
    });
    setBusy(false);
  };

  return (
    <form
      className="bulk-actions"
      aria-label="Act on the selected samples"
      onSubmit={(e) => {
        e.preventDefault();
        void run();
      }}
    >
      <div className="bulk-row">
        <strong data-testid="selected-count" data-count={count}>
          {selection.kind === 'matching' ? `All ${total.toLocaleString('en')} matching selected` : `${countOf(count, 'sample')} selected`}
        </strong>
        {selection.kind === 'picked' && total > count && (
          <button type="button" onClick={onSelectAll}>
            Select all {total.toLocaleString('en')} matching
          </button>
        )}
        <button type="button" onClick={onClear}>
          Clear selection
        </button>
        <div className="spacer" />
        <select
          aria-label="Action"
          value={action}
          onChange={(e) => {
            setAction(e.target.value as Action);
            setText('');
            failure.clear();
          }}
        >
          <option value="assign">Assign to…</option>
          <option value="tag">Tag</option>
          <option value="untag">Remove tag</option>
          <option value="relabel">Send back to relabel</option>
          <option value="consensus">Accept consensus</option>
        </select>
        {action === 'assign' && (
          <select aria-label="Labeler to assign" value={labelerId ?? ''} onChange={(e) => setLabelerId(e.target.value ? Number(e.target.value) : null)}>
            <option value="">Choose a person</option>
            {assignable.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
        )}
        {action === 'tag' && <input aria-label="Tag to add" placeholder="Tag" value={text} maxLength={60} onChange={(e) => setText(e.target.value)} />}
        {action === 'untag' && (
          <select aria-label="Tag to remove" value={text} onChange={(e) => setText(e.target.value)}>
            <option value="">Choose a tag</option>
            {tags.map((t) => (
              <option key={t.id} value={t.name}>
                {t.name}
              </option>
            ))}
          </select>
        )}
        {action === 'relabel' && (
          <input aria-label="Why they go back" placeholder="Why (the labelers see it)" value={text} maxLength={500} onChange={(e) => setText(e.target.value)} />
        )}
        <button type="submit" className="primary" disabled={busy || !ready}>
          Apply to {countOf(count, 'sample')}
        </button>
      </div>
      {said !== null && (
        <p className="bulk-result" role="status">
          {said}
        </p>
      )}
      <ActionError error={failure.error} fields={{ tag: 'Tag', reason: 'Reason', labelerId: 'Person', selection: 'Selection' }} onDismiss={failure.clear} />
    </form>
  );
}

function unchangedClause(result: BulkResult, what: string): string {
  return result.unchanged === 0 ? '' : `; ${result.unchanged} ${what}`;
}
