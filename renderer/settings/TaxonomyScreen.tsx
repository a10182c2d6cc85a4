import { useState, type FormEvent } from 'react';
import { mayCall } from '../../shared/api/access';
import type { OperationArg } from '../../shared/api/contract';
import type { ProjectSummary } from '../../shared/domain/project';
import { describeTaxonomyChange, type TaxonomyTarget } from '../../shared/domain/taxonomy';
import { api } from '../api/api';
import { useQuery } from '../api/use-query';
import { useNotices } from '../stores/notices';
import { ActionError, useActionError } from '../ui/ActionError';
import { useProjectStore } from '../stores/project-store';
import { QueryError } from '../ui/QueryError';
import { ReadOnlyNote, useReadOnly } from '../ui/read-only';
import { TaxonomyItemRow } from './TaxonomyItemRow';
import './settings.css';

/**
 * The project's classes and tags after it is made: admins and SMEs add, rename, recolour,
 * re-key, retire and restore them; engineers see them and their history read-only. Each
 * change is recorded with the guideline version current then.
 */
export function TaxonomyScreen({ project }: { project: ProjectSummary }) {
  const role = useProjectStore((s) => s.account?.role);
  const refreshProject = useProjectStore((s) => s.refresh);
  const readOnly = useReadOnly();
  const locked = readOnly ?? (mayCall(role, 'taxonomy.change') ? null : 'Only admins and SMEs change classes and tags.');
  const history = useQuery('taxonomy.history');

  // A refused change is said in the list it was made in (see ItemList), not in the corner.
  const change = async (arg: OperationArg<'taxonomy.change'>): Promise<void> => {
    const done = await api.call('taxonomy.change', arg);
    await Promise.all([refreshProject(), history.refresh()]);
    useNotices.getState().show('info', `${done.target === 'class' ? 'Class' : 'Tag'}: ${describeTaxonomyChange(done)}.`);
  };

  return (
    <section className="taxonomy" aria-labelledby="taxonomy-title">
      <h1 id="taxonomy-title">Classes &amp; tags</h1>
      <ReadOnlyNote />
      <p className="muted">
        Labels keep a class by its identity, not its name: a rename or a new colour shows everywhere at once, and agreement keeps one history. A retired class
        or tag stays on the labels that have it and is offered for new ones no more.
      </p>
      {locked && !readOnly && <p className="hint">{locked}</p>}
      {project.kind === 'bbox' && <ItemList title="Classes" target="class" items={project.classes} locked={locked} onChange={change} />}
      <ItemList title="Tags" target="tag" items={project.tags} locked={locked} onChange={change} />
      <section className="card" aria-labelledby="taxonomy-history-title">
        <h2 id="taxonomy-history-title">History</h2>
        <QueryError error={history.error} what="the history of classes and tags" onRetry={() => void history.refresh()} />
        {history.data?.length === 0 && <p className="hint">No changes since the project was made.</p>}
        {history.data && history.data.length > 0 && (
          <table className="taxonomy-history" aria-label="Changes to classes and tags">
            <thead>
              <tr>
                <th>When</th>
                <th>Who</th>
                <th>What</th>
                <th>Guideline</th>
              </tr>
            </thead>
            <tbody>
              {history.data.map((entry) => (
                <tr key={entry.id} data-change-id={entry.id}>
                  <td>{new Date(entry.at).toLocaleString()}</td>
                  <td>{entry.actor}</td>
                  <td>
                    {entry.target === 'class' ? 'Class' : 'Tag'}: {describeTaxonomyChange(entry)}
                  </td>
                  <td>v{entry.guidelineVersion}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </section>
  );
}

interface ItemListProps {
  title: string;
  target: TaxonomyTarget;
  items: ProjectSummary['classes'] | ProjectSummary['tags'];
  locked: string | null;
  onChange(change: OperationArg<'taxonomy.change'>): Promise<void>;
}

function ItemList({ title, target, items, locked, onChange }: ItemListProps) {
  const [name, setName] = useState('');
  const [hotkey, setHotkey] = useState('');
  const noun = target === 'class' ? 'class' : 'tag';
  const failure = useActionError();
  /** Runs a change of this list; true once it is saved, false when refused (the reason shown under the list). */
  const change = async (arg: OperationArg<'taxonomy.change'>): Promise<boolean> => {
    let saved = false;
    await failure.run(async () => {
      await onChange(arg);
      saved = true;
    });
    return saved;
  };
  const add = (event: FormEvent) => {
    event.preventDefault();
    void change({ action: 'add', target, name: name.trim(), hotkey: hotkey || null }).then((added) => {
      if (!added) return;
      setName('');
      setHotkey('');
    });
  };
  return (
    <section className="card" aria-label={title}>
      <h2>{title}</h2>
      {items.length === 0 && <p className="hint">No {title.toLowerCase()} yet.</p>}
      {items.map((item) => (
        // Keyed by what it shows too, so a saved change (or a refused one, after a refresh) resets the row's fields.
        <TaxonomyItemRow
          key={`${item.id}:${item.name}:${'color' in item ? item.color : ''}:${item.hotkey}:${item.retired}`}
          target={target}
          item={item}
          locked={locked}
          onChange={change}
        />
      ))}
      {!locked && (
        <form className="taxonomy-row taxonomy-add" aria-label={`Add a ${noun}`} onSubmit={add}>
          <input
            className="taxonomy-name"
            aria-label={`New ${noun} name`}
            placeholder={`New ${noun}`}
            value={name}
            maxLength={80}
            onChange={(e) => setName(e.target.value)}
          />
          <input
            className="taxonomy-key"
            aria-label={`New ${noun} key`}
            placeholder="key"
            value={hotkey}
            maxLength={1}
            onChange={(e) => setHotkey(e.target.value.toLowerCase())}
          />
          <button type="submit" className="primary" disabled={!name.trim()}>
            Add {noun}
          </button>
        </form>
      )}
      <ActionError error={failure.error} fields={{ hotkey: 'Key' }} onDismiss={failure.clear} />
    </section>
  );
}
