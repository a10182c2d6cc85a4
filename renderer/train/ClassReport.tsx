import type { ClassificationReport } from '../../shared/analysis/classification-report';
import { percent } from '../../shared/agreement';
import { countOf } from '../../shared/text/plural';

/** Past this many classes the matrix stops being readable: the largest confusions are listed instead. */
const MATRIX_MAX_CLASSES = 12;
const CONFUSIONS_LISTED = 10;

/** Precision, recall and F1 per class, and where the model confuses classes. */
export function ClassReport({ report, names, examples }: { report: ClassificationReport; names: readonly string[]; examples: number }) {
  const confusions = report.confusion
    .flatMap((row, gold) => row.map((count, predicted) => ({ gold, predicted, count })))
    .filter(({ gold, predicted, count }) => gold !== predicted && count > 0)
    .sort((x, y) => y.count - x.count)
    .slice(0, CONFUSIONS_LISTED);
  return (
    <section className="card" aria-label="Per class">
      <h2>Per class (dev and test)</h2>
      <p className="muted">
        Accuracy {percent(report.accuracy)} · macro F1 {percent(report.macroF1)} over {countOf(examples, 'example')}
      </p>
      <table className="figures" aria-label="Per-class precision, recall and F1">
        <thead>
          <tr>
            <th>class</th>
            <th>precision</th>
            <th>recall</th>
            <th>F1</th>
            <th>examples</th>
          </tr>
        </thead>
        <tbody>
          {report.perClass.map((c) => (
            <tr key={c.label}>
              <th scope="row">{c.label}</th>
              <td>{percent(c.precision)}</td>
              <td>{percent(c.recall)}</td>
              <td>{percent(c.f1)}</td>
              <td>{c.support}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {names.length <= MATRIX_MAX_CLASSES ? (
        <div className="table-scroll">
          <table className="figures confusion" aria-label="Confusion matrix (rows gold, columns predicted)">
            <thead>
              <tr>
                <th>gold \ predicted</th>
                {names.map((name) => (
                  <th key={name}>{name}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {report.confusion.map((row, g) => (
                <tr key={names[g]}>
                  <th scope="row">{names[g]}</th>
                  {row.map((count, p) => (
                    <td key={p} className={g === p ? 'diagonal' : count > 0 ? 'off-diagonal' : ''}>
                      {count}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <ol className="confusions" aria-label="Largest confusions">
          {confusions.map(({ gold, predicted, count }) => (
            <li key={`${gold}-${predicted}`}>
              {names[gold]} → {names[predicted]}: {count}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
