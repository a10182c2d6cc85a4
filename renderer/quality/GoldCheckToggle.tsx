import { mayCall } from '../../shared/api/access';
import { api } from '../api/api';
import { useQuery } from '../api/use-query';
import { reportError } from '../stores/notices';
import { useProjectStore } from '../stores/project-store';
import { useReadOnly } from '../ui/read-only';

type Mark = 'none' | 'check' | 'qualification';

/**
 * Whether a decided sample is a gold check (mixed into labelers' queues) or in the qualification
 * set too; shown with the decision, to SMEs.
 */
export function GoldCheckToggle({ sampleId }: { sampleId: number }) {
  const role = useProjectStore((s) => s.account?.role);
  const readOnly = useReadOnly();
  const { data, refresh } = useQuery('gold.checks', undefined);
  if (!data || !mayCall(role, 'gold.mark')) return null;
  const check = data.checks.find((c) => c.sampleId === sampleId);
  const mark: Mark = !check ? 'none' : check.qualification ? 'qualification' : 'check';
  const change = async (next: Mark) => {
    await api.call('gold.mark', { sampleIds: [sampleId], mark: next });
    await refresh();
  };
  return (
    <label className="gold-check-toggle">
      Gold check{' '}
      <select value={mark} disabled={readOnly !== null} onChange={(e) => change(e.target.value as Mark).catch(reportError)}>
        <option value="none">Not a check</option>
        <option value="check">Check</option>
        <option value="qualification">Check and qualification</option>
      </select>
      {check?.retiredIn != null && <span className="drift"> retired: v{check.retiredIn} changed its rule, decide again</span>}
    </label>
  );
}
