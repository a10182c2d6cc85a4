import { reportError } from '../stores/notices';
import { useLabelStore } from './label-store';
import { PrelabelNotice } from './PrelabelNotice';
import { QUEUE_ROW_LABELS, queueRowStatus } from './queue-status';

export function QueuePanel() {
  // The session holds a window of the queue around the current sample: its rows are the list's.
  const queue = useLabelStore((s) => s.queue);
  const index = useLabelStore((s) => s.index);
  const open = useLabelStore((s) => s.open);
  const save = useLabelStore((s) => s.save);
  const { start, items: visible, total } = queue;
  const submitted = queue.counts.submitted;

  return (
    <aside className="queue-panel" aria-label="Queue">
      <div className="queue-progress">
        <div className="queue-progress-text">
          <strong>
            {submitted} of {total}
          </strong>{' '}
          submitted
        </div>
        <progress max={total || 1} value={submitted} aria-label="Queue progress" />
      </div>
      <PrelabelNotice />
      <ol className="queue-list" start={start + 1}>
        {visible.map((item, i) => {
          const status = queueRowStatus(item.status, start + i === index, save);
          return (
            <li key={item.sampleId}>
              <button
                type="button"
                className={`queue-item ${start + i === index ? 'current' : ''}`}
                aria-current={start + i === index ? 'true' : undefined}
                data-sample-id={item.sampleId}
                onClick={() => void open(start + i).catch(reportError)}
              >
                <span className={`dot dot-${status}`} title={QUEUE_ROW_LABELS[status]} aria-label={QUEUE_ROW_LABELS[status]} data-status={status} />
                <span className="queue-name">{item.displayName}</span>
                {item.relabel && (
                  <span className="relabel-badge" title={`Relabel under guideline v${item.relabel.version}: ${item.relabel.reason}`}>
                    relabel v{item.relabel.version}
                  </span>
                )}
              </button>
            </li>
          );
        })}
      </ol>
    </aside>
  );
}
