import type { ImportReport } from '../../shared/api/imports';
import { countOf } from '../../shared/text/plural';

/** The files an import did not take, each with its reason, so nothing goes missing unexplained. */
export function ImportReportView({ report }: { report: ImportReport }) {
  if (report.problems.length === 0 && report.duplicateFiles.length === 0) return null;
  return (
    <details className="import-report" open>
      <summary>
        {report.failed} skipped, {countOf(report.duplicates, 'duplicate')}
      </summary>
      <table>
        <thead>
          <tr>
            <th>File</th>
            <th>Why it was not imported</th>
          </tr>
        </thead>
        <tbody>
          {report.problems.map((p, i) => (
            <tr key={`p${i}`} className="problem-row">
              <td className="path">
                {p.path}
                {p.line ? `:${p.line}` : ''}
              </td>
              <td>{p.reason}</td>
            </tr>
          ))}
          {report.duplicateFiles.map((d, i) => (
            <tr key={`d${i}`} className="duplicate-row">
              <td className="path">{d.path}</td>
              <td>duplicate of {d.duplicateOf}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
