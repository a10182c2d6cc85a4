import { useMemo, useState } from 'react';
import { classificationReport } from '../../shared/analysis/classification-report';
import { predictedClass } from '../../shared/analysis/predicted-class';
import { sliceTable } from '../../shared/analysis/slice-table';
import { predictionScore } from '../../shared/train/clip-targets';
import { ClassReport } from './ClassReport';
import { LabelErrors } from './LabelErrors';
import { SliceTable } from './SliceTable';
import type { LoadedSet } from './use-training-set';
import { WorstExamples } from './WorstExamples';

/**
 * Where the baseline falls short: per class (with the confusion matrix), per slice against
 * human-level performance, sorted by what closing the gap could gain, and the examples whose
 * label the model doubts, which can go back to the labelers.
 */
export function AnalysisPanel({
  loaded,
  probabilities,
  epochs,
  onTagged,
}: {
  loaded: LoadedSet;
  probabilities: Float32Array;
  /** The run's epochs, for cross-validating with the same budget. */
  epochs: number;
  onTagged(): void;
}) {
  const { set } = loaded;
  const [slice, setSlice] = useState<string | null>(null);
  const k = set.classes.length;
  const probs = useMemo(() => set.examples.map((_, i) => Array.from(probabilities.subarray(i * k, (i + 1) * k))), [set, probabilities, k]);
  const predicted = probs.map(predictedClass);
  const names = set.classes.map((c) => c.name);
  // Transcripts as classes: a near miss counts by its words, as the labelers' HLP does.
  const scoring = set.kind === 'clips' && set.target.kind === 'transcript' ? 'transcript' : 'class';
  const held = set.examples.flatMap((example, i) => (example.split === 'train' ? [] : [i]));
  const report = classificationReport(
    held.map((i) => set.examples[i]!.label),
    held.map((i) => predicted[i]!),
    names,
  );
  const slices = sliceTable(
    held.map((i) => ({
      sampleId: set.examples[i]!.sampleId,
      tags: set.examples[i]!.tags,
      score: predictionScore(scoring, names, set.examples[i]!.label, predicted[i]!),
    })),
    new Map(set.hlp.map((h) => [h.slice, h.value])),
  );

  return (
    <div className="agreement-grid">
      <ClassReport report={report} names={names} examples={held.length} />
      <section className="card" aria-label="By slice">
        <h2>By slice, against human-level performance</h2>
        <p className="muted">{scoring === 'transcript' ? 'Model: 1 − WER of the predicted transcript. HLP: 1 − WER between labelers.' : hlpNote(loaded)}</p>
        <SliceTable rows={slices} label="Slices by potential gain" selected={slice} onSelect={setSlice} />
      </section>
      {slice !== null && <WorstExamples key={slice} loaded={loaded} probabilities={probs} heldOut={held} slice={slice} onTagged={onTagged} />}
      <LabelErrors key={loaded.key} loaded={loaded} heldOut={{ indices: held, probabilities: held.map((i) => probs[i]!) }} epochs={epochs} />
    </div>
  );
}

function hlpNote({ set }: LoadedSet): string {
  if (set.kind === 'crops') return 'Model: accuracy on the gold class. HLP: how often labelers give matched boxes the same class.';
  return 'Model: accuracy on the tag. HLP: how often two labelers agree on giving it.';
}
