import { useState } from 'react';
import type { CropsForTraining } from '../../shared/domain/training';
import { api } from '../api/api';
import { reportError, useNotices } from '../stores/notices';
import { CropImage } from './CropImage';

const SHOWN = 12;

/**
 * The worst examples of a slice (highest loss: least probability for the gold class), with what
 * the model said; the SME can tag some as a new slice to measure them apart.
 */
export function WorstExamples({
  data,
  pixels,
  probabilities,
  slice,
  onTagged,
}: {
  data: CropsForTraining;
  pixels: Uint8Array;
  probabilities: number[][];
  slice: string;
  onTagged(): void;
}) {
  const names = data.classes.map((c) => c.name);
  const worst = data.crops
    .map((crop, index) => ({ crop, index, loss: -Math.log(Math.max(probabilities[index]![crop.label]!, 1e-9)) }))
    .filter(({ crop }) => slice === 'all' || crop.tags.includes(slice))
    .sort((x, y) => y.loss - x.loss)
    .slice(0, SHOWN);
  const [chosen, setChosen] = useState<Set<number>>(new Set());
  const [tag, setTag] = useState('');
  const tagChosen = async () => {
    const sampleIds = [...new Set([...chosen].map((index) => data.crops[index]!.sampleId))];
    await api.call('samples.tag', { sampleIds, tag: tag.trim() });
    useNotices.getState().show('info', `Tagged ${sampleIds.length} sample${sampleIds.length === 1 ? '' : 's'} “${tag.trim()}”.`);
    setChosen(new Set());
    onTagged();
  };
  return (
    <section className="card worst-examples" aria-label={`Worst examples of ${slice}`}>
      <h2>Worst examples: {slice}</h2>
      <ul className="label-errors">
        {worst.map(({ crop, index, loss }) => {
          const p = probabilities[index]!;
          const predicted = p.indexOf(Math.max(...p));
          return (
            <li key={index}>
              <CropImage pixels={pixels} size={data.size} index={index} />
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={chosen.has(index)}
                  onChange={() => setChosen((c) => new Set(c.has(index) ? [...c].filter((i) => i !== index) : [...c, index]))}
                />
                {crop.fileName} ({crop.split}): gold <strong>{names[crop.label]}</strong>, model <strong>{names[predicted]}</strong>{' '}
                {Math.round(p[predicted]! * 100)}% · loss {loss.toFixed(2)}
                {crop.tags.length > 0 && <span className="muted"> · {crop.tags.join(', ')}</span>}
              </label>
            </li>
          );
        })}
      </ul>
      <div className="train-bar">
        <input aria-label="New slice tag" value={tag} placeholder="tag, e.g. close-up" onChange={(e) => setTag(e.target.value)} />
        <button type="button" disabled={chosen.size === 0 || tag.trim() === ''} onClick={() => tagChosen().catch(reportError)}>
          Tag {chosen.size} as a slice
        </button>
      </div>
    </section>
  );
}
