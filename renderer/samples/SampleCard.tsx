import { memo } from 'react';
import type { Sample } from '../../shared/domain/sample';
import { api } from '../api/api';
import { CalibrationBadge } from '../ui/calibration';

const STATUS_TEXT = { unlabeled: 'Unlabeled', draft: 'In progress', submitted: 'Submitted' } as const;

export function formatDuration(ms: number): string {
  const totalSeconds = ms / 1000;
  if (totalSeconds < 60) return `${totalSeconds.toFixed(1)} s`;
  const minutes = Math.floor(totalSeconds / 60);
  return `${minutes}:${String(Math.round(totalSeconds % 60)).padStart(2, '0')}`;
}

/**
 * One sample of the list; `onPick` (when given) shows a box that selects it for a bulk action.
 * `agreement` is between its labelers (null: fewer than two submitted; undefined: not known here).
 * Memoised: while the grid scrolls, only the cards coming into view render.
 */
export const SampleCard = memo(function SampleCard({
  sample,
  index,
  calibration,
  picked,
  onPick,
  agreement,
  focusable,
}: {
  sample: Sample;
  /** Its position in the list, for keyboard moves. */
  index: number;
  calibration: boolean;
  picked: boolean;
  onPick: ((sampleId: number, picked: boolean) => void) | null;
  agreement: number | null | undefined;
  /** The one card Tab reaches (the arrows move between cards). */
  focusable: boolean;
}) {
  return (
    <li
      className={`sample-card ${picked ? 'is-picked' : ''}`}
      data-testid="sample-card"
      data-sample-id={sample.id}
      data-index={index}
      aria-label={sample.displayName}
      tabIndex={focusable ? 0 : -1}
    >
      {onPick && (
        <input
          type="checkbox"
          className="sample-pick"
          aria-label={`Select ${sample.displayName}`}
          tabIndex={-1}
          checked={picked}
          onChange={(e) => onPick(sample.id, e.target.checked)}
        />
      )}
      <div className="sample-media">
        {!sample.mediaAvailable ? (
          <div className="sample-missing">Media missing</div>
        ) : sample.mediaKind === 'image' ? (
          <img src={api.mediaUrl(sample, 'thumbnail')} alt={sample.displayName} loading="lazy" decoding="async" />
        ) : (
          <div className="sample-audio" aria-label="Audio">
            <svg viewBox="0 0 48 24" aria-hidden="true">
              <path d="M2 12h4M8 6v12M12 3v18M16 8v8M20 5v14M24 9v6M28 4v16M32 7v10M36 10v4M40 6v12M44 11v2" />
            </svg>
            <span>{sample.audio ? formatDuration(sample.audio.durationMs) : ''}</span>
          </div>
        )}
      </div>
      <div className="sample-info">
        <div className="sample-name" title={sample.displayName}>
          {sample.displayName}
        </div>
        <div className="sample-meta">
          <span className={`status status-${sample.status}`}>{STATUS_TEXT[sample.status]}</span>
          <span className="muted">
            {sample.image
              ? `${sample.image.width}×${sample.image.height}`
              : sample.audio
                ? `${(sample.audio.sampleRate / 1000).toFixed(sample.audio.sampleRate % 1000 ? 1 : 0)} kHz · ${sample.audio.channels === 1 ? 'mono' : `${sample.audio.channels} ch`}`
                : ''}
          </span>
        </div>
        {agreement !== undefined && (
          <div className="sample-agreement muted" title="Agreement between its labelers">
            {agreement === null ? 'Not compared yet' : `Agreement ${Math.round(agreement * 100)}%`}
          </div>
        )}
        {(sample.tags.length > 0 || calibration) && (
          <div className="sample-tags">
            {calibration && <CalibrationBadge />}
            {sample.tags.map((t) => (
              <span key={t} className="tag">
                {t}
              </span>
            ))}
          </div>
        )}
      </div>
    </li>
  );
});
