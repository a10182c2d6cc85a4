import type { ReactNode } from 'react';
import { useLabelStore } from './label-store';
import { SaveStatus } from './SaveStatus';
import './status-bar.css';

/** Where the labeler is in the queue, what the sample is (the editor adds its own facts), and whether the work is saved. */
export function LabelStatusBar({ children }: { children: ReactNode }) {
  const index = useLabelStore((s) => s.index);
  const queueLength = useLabelStore((s) => s.queue.length);
  const sample = useLabelStore((s) => s.current?.sample);
  // Tests (and scripts) wait on which sample is shown, not on text an earlier one also showed.
  return (
    <footer className="status-bar" data-sample-id={sample?.id ?? ''} data-position={index + 1}>
      <span>
        Sample {index + 1} of {queueLength} · <strong>{sample?.displayName}</strong>
        {children}
      </span>
      <SaveStatus />
    </footer>
  );
}
