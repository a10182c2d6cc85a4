import type { DiffPart } from '../../shared/guideline/word-diff';
import './guidelines.css';

/** Words added and removed between two guideline versions, in reading order. */
export function VersionDiff({ parts, label }: { parts: readonly DiffPart[]; label: string }) {
  return (
    <pre className="version-diff" aria-label={label}>
      {parts.map((part, index) =>
        part.op === 'same' ? (
          <span key={index}>{part.text}</span>
        ) : part.op === 'added' ? (
          <ins key={index}>{part.text}</ins>
        ) : (
          <del key={index}>{part.text}</del>
        ),
      )}
    </pre>
  );
}
