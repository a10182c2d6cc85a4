import type { AgreementDashboard } from '../../shared/agreement';
import { DISAGREEMENT_TYPES, type DisagreementType } from '../../shared/disagreement/types';
import { useQuery } from '../api/use-query';
import { QueryError } from '../ui/QueryError';

/**
 * Disagreements of each type per labeler-pair comparison, under each guideline version: a
 * revision that settled a rule shows as its type falling to zero in the next version.
 */
export function TypesByVersion({ agreement }: { agreement: AgreementDashboard }) {
  // Read again on the same events as the figures beside it, so both tell of the same submissions.
  const { data: queue, error } = useQuery('review.queue', { limit: 0 }, { refreshOn: ['agreement.changed'] });
  if (error) return <QueryError error={error} what="count the disagreements by type" />;
  const shares = queue?.shares;
  if (!shares || agreement.perGuidelineVersion.length === 0) return null;
  const versions = agreement.perGuidelineVersion.map((v) => ({ version: v.key, comparisons: v.figure.comparisons }));
  const types = [...new Set(shares.byVersion.flatMap((group) => group.shares.map((share) => share.type)))] as DisagreementType[];
  const rate = (type: DisagreementType, version: number, comparisons: number) => {
    const count = shares.byVersion.find((group) => group.key === version)?.shares.find((share) => share.type === type)?.count ?? 0;
    return comparisons === 0 ? '—' : (count / comparisons).toFixed(2);
  };
  return (
    <table className="figures" aria-label="Disagreements per comparison by type and guideline version">
      <thead>
        <tr>
          <th scope="col">Type</th>
          {versions.map((v) => (
            <th key={v.version} scope="col">
              v{v.version}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {types.map((type) => (
          <tr key={type}>
            <th scope="row">{DISAGREEMENT_TYPES[type].label}</th>
            {versions.map((v) => (
              <td key={v.version}>{rate(type, v.version, v.comparisons)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
