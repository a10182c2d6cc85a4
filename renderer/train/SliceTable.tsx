import type { SliceRow } from '../../shared/analysis/slice-table';
import { percent } from '../../shared/agreement';

/** The slice table: model against HLP per slice, most potential gain first; a slice can be opened. */
export function SliceTable({
  rows,
  label,
  selected,
  onSelect,
}: {
  rows: readonly SliceRow[];
  label: string;
  selected?: string | null;
  onSelect?(slice: string): void;
}) {
  // Scrolls inside its card when the card is narrower than the table, rather than spilling under the next one.
  return (
    <div className="table-scroll">
      <table className="figures" aria-label={label}>
        <thead>
          <tr>
            <th>slice</th>
            <th>model</th>
            <th>HLP</th>
            <th>gap</th>
            <th>share</th>
            <th>potential gain</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.slice} className={row.slice === selected ? 'selected' : ''}>
              <th scope="row">
                {onSelect ? (
                  <button type="button" className="link" onClick={() => onSelect(row.slice)}>
                    {row.slice}
                  </button>
                ) : (
                  row.slice
                )}
              </th>
              <td>{percent(row.accuracy)}</td>
              <td>{percent(row.hlp)}</td>
              <td>{percent(row.gap)}</td>
              <td>{percent(row.share)}</td>
              <td>{row.potentialGain === null ? '—' : `${(row.potentialGain * 100).toFixed(2)} pts`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
