import { useState } from 'react';
import { api } from '../api/api';
import { reportError, useNotices } from '../stores/notices';
import { ExampleMedia } from './ExampleMedia';
import type { LoadedSet } from './use-training-set';

const SHOWN = 12;

/**
 * The worst examples of a slice (highest loss: least probability for the gold class), with what
 * the model said; the SME can tag some as a new slice to measure them apart.
 */
export function WorstExamples({ loaded, probabilities, slice, onTagged }: { loaded: LoadedSet; probabilities: number[][]; slice: string; onTagged(): void }) {
  const { set } = loaded;
  const names = set.classes.map((c) => c.name);
  const worst = set.examples
    .map((example, index) => ({ example, index, loss: -Math.log(Math.max(probabilities[index]![example.label]!, 1e-9)) }))
    .filter(({ example }) => slice === 'all' || example.tags.includes(slice))
    .sort((x, y) => y.loss - x.loss)
    .slice(0, SHOWN);
  const [chosen, setChosen] = useState<Set<number>>(new Set());
  const [tag, setTag] = useState('');
  const tagChosen = async () => {
    const sampleIds = [...new Set([...chosen].map((index) => set.examples[index]!.sampleId))];
    await api.call('samples.tag', { sampleIds, tag: tag.trim() });
    useNotices.getState().show('info', `Tagged ${sampleIds.length} sample${sampleIds.length === 1 ? '' : 's'} “${tag.trim()}”.`);
    setChosen(new Set());
    onTagged();
  };
  return (
    <section className="card worst-examples" aria-label={`Worst examples of ${slice}`}>
      <h2>Worst examples: {slice}</h2>
      <ul className="label-errors">
        {worst.map(({ example, index, loss }) => {
          const p = probabilities[index]!;
          const predicted = p.indexOf(Math.max(...p));
          return (
            <li key={index}>
              <ExampleMedia example={example} index={index} pixels={loaded.pixels} size={loaded.shape[0]} />
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={chosen.has(index)}
                  onChange={() => setChosen((c) => new Set(c.has(index) ? [...c].filter((i) => i !== index) : [...c, index]))}
                />
                <span>
                  {example.fileName} ({example.split}): gold <strong>{names[example.label]}</strong>, model <strong>{names[predicted]}</strong>{' '}
                  {Math.round(p[predicted]! * 100)}% · loss {loss.toFixed(2)}
                  {example.tags.length > 0 && <span className="muted"> · {example.tags.join(', ')}</span>}
                </span>
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
