import { useState, type FormEvent } from 'react';
import type { LabelClass, Tag } from '../../shared/domain/project';
import type { TaxonomyTarget } from '../../shared/domain/taxonomy';
import type { OperationArg } from '../../shared/api/contract';

type Item = (LabelClass | Tag) & { color?: string };

interface TaxonomyItemRowProps {
  target: TaxonomyTarget;
  item: Item;
  /** Why nothing may be changed here (read-only project, or a role that only reads); null when it may. */
  locked: string | null;
  onChange(change: OperationArg<'taxonomy.change'>): Promise<boolean>;
}

/**
 * One class or tag as an editable row: name, colour (classes) and key change together and
 * are saved with Enter or Save; Retire and Restore act at once. A renamed tag lists its former
 * names: labels given it then still say them, and they still mean this tag.
 */
export function TaxonomyItemRow({ target, item, locked, onChange }: TaxonomyItemRowProps) {
  const [name, setName] = useState(item.name);
  const [color, setColor] = useState((item.color ?? '').toLowerCase());
  const [hotkey, setHotkey] = useState(item.hotkey ?? '');
  const changed = name.trim() !== item.name || (target === 'class' && color !== item.color?.toLowerCase()) || (hotkey || null) !== item.hotkey;
  const noun = target === 'class' ? 'Class' : 'Tag';

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (!changed || locked) return;
    void onChange({
      action: 'edit',
      target,
      id: item.id,
      ...(name.trim() !== item.name ? { name: name.trim() } : {}),
      ...(target === 'class' && color !== item.color?.toLowerCase() ? { color } : {}),
      ...((hotkey || null) !== item.hotkey ? { hotkey: hotkey || null } : {}),
    });
  };

  return (
    <form className={`taxonomy-row ${item.retired ? 'retired' : ''}`} aria-label={`${noun} ${item.name}`} data-item-id={item.id} onSubmit={save}>
      {target === 'class' && (
        <input type="color" aria-label={`Colour of ${item.name}`} value={color} disabled={locked !== null} onChange={(e) => setColor(e.target.value)} />
      )}
      <input
        className="taxonomy-name"
        aria-label={`Name of ${item.name}`}
        value={name}
        maxLength={80}
        readOnly={locked !== null}
        onChange={(e) => setName(e.target.value)}
      />
      {'formerNames' in item && item.formerNames.length > 0 && (
        <span className="taxonomy-former" title="Former names: labels given the tag then still say them, and they still mean this tag">
          was {item.formerNames.map((n) => `“${n}”`).join(', ')}
        </span>
      )}
      <input
        className="taxonomy-key"
        aria-label={`Key of ${item.name}`}
        value={hotkey}
        maxLength={1}
        placeholder="–"
        disabled={locked !== null || item.retired}
        title={item.retired ? 'A retired item has no key' : 'One digit or lower-case letter'}
        onChange={(e) => setHotkey(e.target.value.toLowerCase())}
      />
      {item.retired && <span className="badge badge-retired">retired</span>}
      <span className="button-row">
        <button type="submit" disabled={!changed || locked !== null} title={locked ?? undefined}>
          Save
        </button>
        <button
          type="button"
          disabled={locked !== null}
          title={locked ?? (item.retired ? 'Offer it for new labels again' : 'Keep it on old labels, offer it no more')}
          onClick={() => void onChange({ action: item.retired ? 'restore' : 'retire', target, id: item.id })}
        >
          {item.retired ? 'Restore' : 'Retire'}
        </button>
      </span>
    </form>
  );
}
