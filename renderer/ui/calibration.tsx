import { useMemo } from 'react';
import { mayCall } from '../../shared/api/access';
import { useQuery } from '../api/use-query';
import { useProjectStore } from '../stores/project-store';

const NONE: ReadonlySet<number> = new Set();

/**
 * The calibration samples of the plan in force (every labeler labels them, so labelers can be
 * compared), for those who coordinate the work. Labelers are never told: knowing a sample is
 * compared would change how they label it. Empty until known, and without a plan.
 */
export function useCalibrationSamples(): ReadonlySet<number> {
  const role = useProjectStore((s) => s.account?.role);
  const { data: plan } = useQuery('assignments.summary', undefined, { enabled: mayCall(role, 'assignments.summary') });
  return useMemo(() => (plan ? new Set(plan.calibrationSampleIds) : NONE), [plan]);
}

/** Marks a calibration sample in lists and headings seen by SMEs. */
export function CalibrationBadge() {
  return (
    <span className="badge badge-calibration" title="Calibration sample: every labeler labels it, so their answers can be compared">
      calibration
    </span>
  );
}
