import './side-layout.css';
import './versions-layout.css';

export interface VersionNavItem<K> {
  key: K;
  title: string;
  /** Shown muted beside the title (a date). */
  note: string;
  /** A line under it (a changelog, counts). */
  detail: string;
}

/**
 * The side list of versions (guidelines, datasets), newest first, with an optional first entry
 * for the one being made (a draft, a new version).
 */
export function VersionNav<K extends string | number>({
  label,
  items,
  selected,
  onSelect,
}: {
  label: string;
  items: readonly VersionNavItem<K>[];
  selected: K;
  onSelect(key: K): void;
}) {
  return (
    <nav className="guideline-versions" aria-label={label}>
      {items.map((item) => (
        <button
          key={item.key}
          type="button"
          className={`version-item ${selected === item.key ? 'active' : ''}`}
          aria-current={selected === item.key}
          onClick={() => onSelect(item.key)}
        >
          <strong>{item.title}</strong> <span className="muted">{item.note}</span>
          <span className="version-changelog">{item.detail}</span>
        </button>
      ))}
    </nav>
  );
}
