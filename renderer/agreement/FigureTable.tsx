import { percent } from '../../shared/agreement';

export interface FigureRow {
  key: string | number;
  name: string;
  value: number | null;
  detail: string;
  /** Marks a row that needs attention (a labeler drifting from the rest). */
  warn?: boolean;
}

/** One agreement figure per row: what, how much, and what it rests on. */
export function FigureTable({ label, rows }: { label: string; rows: readonly FigureRow[] }) {
  return (
    <table className="figures" aria-label={label}>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <th scope="row">{row.name}</th>
            <td>{percent(row.value)}</td>
            <td className={row.warn ? 'drift' : 'muted'}>{row.detail}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
