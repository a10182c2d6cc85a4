import type { AgreementDashboard } from '../../shared/agreement';
import { percent } from '../../shared/agreement';
import { agreementColor } from './format';
import { countOf } from '../../shared/text/plural';

interface PairHeatmapProps {
  agreement: AgreementDashboard;
  names: Map<number, string>;
  selected: [number, number] | null;
  onSelect(pair: [number, number]): void;
}

/** Every pair of labelers: their agreement over the samples both labeled. A cell opens those samples. */
export function PairHeatmap({ agreement, names, selected, onSelect }: PairHeatmapProps) {
  const ids = [...new Set(agreement.perPair.flatMap((p) => [p.labelerA, p.labelerB]))].sort((a, b) => (names.get(a) ?? '').localeCompare(names.get(b) ?? ''));
  const cell = (a: number, b: number) => agreement.perPair.find((p) => (p.labelerA === a && p.labelerB === b) || (p.labelerA === b && p.labelerB === a));
  return (
    <table className="heatmap" aria-label="Agreement by labeler pair">
      <thead>
        <tr>
          <th />
          {ids.map((id) => (
            <th key={id} scope="col">
              {names.get(id)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {ids.map((a) => (
          <tr key={a}>
            <th scope="row">{names.get(a)}</th>
            {ids.map((b) => {
              const pair = a === b ? undefined : cell(a, b);
              if (!pair) return <td key={b} className="heatmap-empty" />;
              const isSelected = selected !== null && selected.includes(a) && selected.includes(b);
              return (
                <td key={b} style={{ background: agreementColor(pair.figure.value) }} className={isSelected ? 'heatmap-selected' : undefined}>
                  <button
                    type="button"
                    onClick={() => onSelect([a, b])}
                    aria-label={`${names.get(a)} and ${names.get(b)}: ${percent(pair.figure.value)} over ${countOf(pair.figure.samples, 'sample')}`}
                  >
                    {percent(pair.figure.value)}
                    <span className="heatmap-n">{pair.figure.samples}</span>
                  </button>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
