import type { ReactNode } from 'react';
import { useLabelStore } from './label-store';
import { SaveStatus } from './SaveStatus';

/** Where the labeler is in the queue, what the sample is (the editor adds its own facts), and whether the work is saved. */
export function LabelStatusBar({ children }: { children: ReactNode }) {
  const index = useLabelStore((s) => s.index);
  const queueLength = useLabelStore((s) => s.queue.length);
  const name = useLabelStore((s) => s.current?.sample.displayName);
  return (
    <footer className="status-bar">
      <span>
        Sample {index + 1} of {queueLength} · <strong>{name}</strong>
        {children}
      </span>
      <SaveStatus />
    </footer>
  );
}
