import { useState } from 'react';
import { predictedClass } from '../../shared/analysis/predicted-class';
import { api } from '../api/api';
import { useNotices } from '../stores/notices';
import { ActionError, useActionError } from '../ui/ActionError';
import { ExampleMedia } from './ExampleMedia';
import type { LoadedSet } from './use-training-set';
import { countOf } from '../../shared/text/plural';

const SHOWN = 12;

/**
 * The worst held-out examples of a slice (highest loss: least probability for the gold class), with what
 * the model said; the SME can tag some as a new slice to measure them apart.
 */
export function WorstExamples({
  loaded,
  probabilities,
  heldOut,
  slice,
  onTagged,
}: {
  loaded: LoadedSet;
  probabilities: number[][];
  /** The examples the slice table scored (dev and test): the drill-down explains its figure. */
  heldOut: readonly number[];
  slice: string;
  onTagged(): void;
}) {
  const { set } = loaded;
  const names = set.classes.map((c) => c.name);
  const worst = heldOut
    .map((index) => ({ example: set.examples[index]!, index, loss: -Math.log(Math.max(probabilities[index]![set.examples[index]!.label]!, 1e-9)) }))
    .filter(({ example }) => slice === 'all' || example.tags.includes(slice))
    .sort((x, y) => y.loss - x.loss)
    .slice(0, SHOWN);
  const [chosen, setChosen] = useState<Set<number>>(new Set());
  const [tag, setTag] = useState('');
  const failure = useActionError();
  const tagChosen = async () => {
    const sampleIds = [...new Set([...chosen].map((index) => set.examples[index]!.sampleId))];
    await api.call('samples.tag', { sampleIds, tag: tag.trim() });
    useNotices.getState().show('info', `Tagged ${countOf(sampleIds.length, 'sample')} “${tag.trim()}”.`);
    setChosen(new Set());
    onTagged();
  };
  return (
    <section className="card worst-examples" aria-label={`Worst examples of ${slice}`}>
      <h2>Worst examples: {slice}</h2>
      <ul className="example-list">
        {worst.map(({ example, index, loss }) => {
          const p = probabilities[index]!;
          const predicted = predictedClass(p);
          return (
            <li key={index}>
              <ExampleMedia loaded={loaded} index={index} />
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
        <input
          aria-label="New slice tag"
          value={tag}
          placeholder="tag, e.g. close-up"
          onChange={(e) => {
            setTag(e.target.value);
            failure.clear();
          }}
        />
        <button type="button" disabled={chosen.size === 0 || tag.trim() === ''} onClick={() => void failure.run(tagChosen)}>
          Tag {chosen.size} as a slice
        </button>
      </div>
      <ActionError error={failure.error} fields={{ tag: 'New slice tag', sampleIds: 'Chosen examples' }} onDismiss={failure.clear} />
    </section>
  );
}
