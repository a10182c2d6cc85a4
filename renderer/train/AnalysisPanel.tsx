import { useMemo, useState } from 'react';
import { classificationReport } from '../../shared/analysis/classification-report';
import { likelyLabelErrors } from '../../shared/analysis/label-errors';
import { sliceTable } from '../../shared/analysis/slice-table';
import { percent } from '../../shared/agreement';
import type { CropsForTraining } from '../../shared/domain/training';
import { api } from '../api/api';
import { reportError, useNotices } from '../stores/notices';
import { CropImage } from './CropImage';
import { SliceTable } from './SliceTable';
import { WorstExamples } from './WorstExamples';

/**
 * Where the baseline falls short: per class (with the confusion matrix), per slice against
 * human-level performance, sorted by what closing the gap could gain, and the crops whose label
 * the model doubts, which can go back to the labelers.
 */
export function AnalysisPanel({
  data,
  pixels,
  probabilities,
  onTagged,
}: {
  data: CropsForTraining;
  pixels: Uint8Array;
  probabilities: Float32Array;
  onTagged(): void;
}) {
  const [slice, setSlice] = useState<string | null>(null);
  const k = data.classes.length;
  const probs = useMemo(() => data.crops.map((_, i) => Array.from(probabilities.subarray(i * k, (i + 1) * k))), [data, probabilities, k]);
  const predicted = probs.map((p) => p.indexOf(Math.max(...p)));
  const held = data.crops.map((crop, i) => ({ crop, i })).filter(({ crop }) => crop.split !== 'train');
  const names = data.classes.map((c) => c.name);
  const report = classificationReport(
    held.map(({ crop }) => crop.label),
    held.map(({ i }) => predicted[i]!),
    names,
  );
  const slices = sliceTable(
    held.map(({ crop, i }) => ({ sampleId: crop.sampleId, tags: crop.tags, score: predicted[i] === crop.label ? 1 : 0 })),
    new Map(data.hlp.map((h) => [h.slice, h.value])),
  );
  // Confident learning needs predictions the model did not train on: the dev and test crops.
  const suspects = likelyLabelErrors(
    held.map(({ i }) => probs[i]!),
    held.map(({ crop }) => crop.label),
  )
    .slice(0, 12)
    .map((suspect) => ({ ...suspect, index: held[suspect.index]!.i }));
  const [sent, setSent] = useState<Set<number>>(new Set());
  const sendBack = async (sampleId: number, reason: string) => {
    await api.call('train.requestRelabel', { sampleIds: [sampleId], reason });
    setSent((s) => new Set([...s, sampleId]));
    useNotices.getState().show('info', 'Sent back to its labelers, with the reason.');
  };

  return (
    <div className="agreement-grid">
      <section className="card" aria-label="Per class">
        <h2>Per class (dev and test)</h2>
        <p className="muted">
          Accuracy {percent(report.accuracy)} · macro F1 {percent(report.macroF1)} over {held.length} crops
        </p>
        <table className="figures" aria-label="Per-class precision, recall and F1">
          <thead>
            <tr>
              <th>class</th>
              <th>precision</th>
              <th>recall</th>
              <th>F1</th>
              <th>crops</th>
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
      </section>
      <section className="card" aria-label="By slice">
        <h2>By slice, against human-level performance</h2>
        <SliceTable rows={slices} label="Slices by potential gain" selected={slice} onSelect={setSlice} />
      </section>
      {slice !== null && <WorstExamples key={slice} data={data} pixels={pixels} probabilities={probs} slice={slice} onTagged={onTagged} />}
      <section className="card" aria-label="Likely label errors">
        <h2>Likely label errors</h2>
        {suspects.length === 0 ? (
          <p className="muted">The model agrees with every label it was shown.</p>
        ) : (
          <ul className="label-errors">
            {suspects.map((s) => {
              const crop = data.crops[s.index]!;
              const reason = `The baseline model thinks this ${names[s.given]} is a ${names[s.suggested]} (${Math.round(s.suggestedProbability * 100)}%).`;
              return (
                <li key={s.index}>
                  <CropImage pixels={pixels} size={data.size} index={s.index} />
                  <span>
                    {crop.fileName}: labeled <strong>{names[s.given]}</strong>, model says <strong>{names[s.suggested]}</strong> (
                    {Math.round(s.suggestedProbability * 100)}%)
                  </span>
                  <button type="button" disabled={sent.has(crop.sampleId)} onClick={() => sendBack(crop.sampleId, reason).catch(reportError)}>
                    {sent.has(crop.sampleId) ? 'Sent' : 'Send to relabel'}
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </div>
  );
}
