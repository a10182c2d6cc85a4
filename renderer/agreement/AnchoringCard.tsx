import { useState } from 'react';
import { FEW_SAMPLES, intervalText } from '../../shared/agreement';
import { mayCall } from '../../shared/api/access';
import type { AnchoringReport, ArmFigure } from '../../shared/domain/prelabel';
import { countOf } from '../../shared/text/plural';
import { api } from '../api/api';
import { useQuery } from '../api/use-query';
import { reportError } from '../stores/notices';
import { useProjectStore } from '../stores/project-store';
import { FigureTable } from './FigureTable';
import { PredictionImport } from './PredictionImport';
import { PrelabelAssignments } from './PrelabelAssignments';

const detail = (figure: ArmFigure) =>
  [`${countOf(figure.comparisons, 'comparison')} over ${countOf(figure.samples, 'sample')}`, intervalText(figure.interval)].filter(Boolean).join(' · ');

/**
 * Pre-labels and what they do to labels: which model's predictions labelers start from and the
 * share of assignments kept blind (an SME sets both), and agreement between labelers and with the
 * model for pre-labeled against blind answers. Higher agreement with the model in the pre-labeled
 * arm than in the blind one is the model's pull on labelers (anchoring).
 */
export function AnchoringCard() {
  const role = useProjectStore((s) => s.account?.role ?? null);
  const kind = useProjectStore((s) => s.project?.kind ?? null);
  const { data: summary, refresh: refreshSummary } = useQuery('prelabels.summary');
  const { data: report, refresh: refreshReport } = useQuery('agreement.anchoring', undefined, { refreshOn: ['agreement.changed'] });
  const mayImport = mayCall(role, 'prelabels.import');
  const mayConfigure = mayCall(role, 'prelabels.configure');
  if (!summary || !kind || (summary.sources.length === 0 && !summary.plan && !mayImport && !mayConfigure)) return null;
  const refresh = () => Promise.all([refreshSummary(), refreshReport()]);
  return (
    <div className="card anchoring" data-testid="anchoring">
      <h2>Pre-labels and anchoring</h2>
      {summary.sources.length === 0 && (
        <p className="muted">
          No predictions yet.{!mayImport && ' An engineer imports a model’s predictions here; then you choose whether labelers start from them.'}
        </p>
      )}
      {mayConfigure && summary.sources.length > 0 ? (
        // Keyed by the saved plan, so the form starts again from what was saved.
        <PrelabelSettings
          key={summary.plan ? `${summary.plan.source}:${summary.plan.blindShare}:${summary.plan.seed}` : 'off'}
          sources={summary.sources.map((s) => s.source)}
          plan={summary.plan}
          onSaved={() => void refresh().catch(reportError)}
        />
      ) : (
        <p className="muted">
          {summary.plan
            ? `Labelers start from “${summary.plan.source}”; ${Math.round(summary.plan.blindShare * 100)}% of assignments stay blind.`
            : 'Pre-labels are off.'}
        </p>
      )}
      {mayImport && <PredictionImport kind={kind} onImported={() => void refresh().catch(reportError)} />}
      <p className="muted baseline-note" data-testid="baseline-note">
        {kind === 'bbox'
          ? 'The in-app baseline can be a source: on Train & analyse, “Offer as pre-labels” beside a finished box run stores the boxes it finds in the images still to be labeled, only those it is sure enough of. It slides windows of the labelled boxes’ sizes over each image, so it suits objects of a few sizes that stand out; for crowded or varied scenes import a real detector’s predictions. The blind share below applies to it as to any source.'
          : 'The in-app baseline can be a source: on Train & analyse, “Offer as pre-labels” beside a finished transcript run stores its transcripts of the clips still to be labeled, only where it is sure enough. It knows only the few transcripts it was trained on; for open speech import a speech recognizer’s transcripts. The blind share below applies to it as to any source.'}
      </p>
      {summary.plan && <PrelabelAssignments mayChoose={mayCall(role, 'prelabels.override')} />}
      {report && <AnchoringFigures report={report} />}
    </div>
  );
}

function AnchoringFigures({ report }: { report: AnchoringReport }) {
  const { prelabeled, blind } = report;
  if (prelabeled.answers + blind.answers === 0) return <p className="muted">No answer has been submitted with a pre-label offered or withheld yet.</p>;
  const few = [prelabeled.between, blind.between, prelabeled.withModel, blind.withModel].some((f) => f.samples < FEW_SAMPLES);
  return (
    <>
      <FigureTable
        label="Agreement with and without pre-labels"
        rows={[
          { key: 'between-pre', name: 'Between labelers, pre-labeled', value: prelabeled.between.value, detail: detail(prelabeled.between) },
          { key: 'between-blind', name: 'Between labelers, blind', value: blind.between.value, detail: detail(blind.between) },
          { key: 'model-pre', name: 'With the model, pre-labeled', value: prelabeled.withModel.value, detail: detail(prelabeled.withModel) },
          { key: 'model-blind', name: 'With the model, blind', value: blind.withModel.value, detail: detail(blind.withModel) },
        ]}
      />
      <p className="muted">
        {countOf(prelabeled.answers, 'answer')} started from the model, {countOf(blind.answers, 'answer')} blind. Labelers who started from the model agreeing
        more with it than blind ones do is its pull on them; agreeing more with each other only because of that is not consistency.
        {few && ` Figures over fewer than ${FEW_SAMPLES} samples are rough: their intervals say how rough.`}
      </p>
    </>
  );
}

function PrelabelSettings({
  sources,
  plan,
  onSaved,
}: {
  sources: string[];
  plan: { source: string; blindShare: number; seed: number } | null;
  onSaved(): void;
}) {
  const [source, setSource] = useState(plan?.source ?? '');
  const [blindPercent, setBlindPercent] = useState(String(Math.round((plan?.blindShare ?? 0.2) * 100)));
  const [seed, setSeed] = useState(String(plan?.seed ?? 1));
  const save = () =>
    api
      .call('prelabels.configure', { source: source === '' ? null : source, blindShare: Number(blindPercent) / 100, seed: Number(seed) })
      .then(onSaved)
      .catch(reportError);
  return (
    <form
      className="prelabel-settings"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <label>
        Labelers start from
        <select value={source} onChange={(event) => setSource(event.target.value)}>
          <option value="">nothing (pre-labels off)</option>
          {sources.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Kept blind (%)
        <input type="number" min={0} max={100} step={1} value={blindPercent} onChange={(event) => setBlindPercent(event.target.value)} />
      </label>
      <label>
        Seed
        <input type="number" min={0} step={1} value={seed} onChange={(event) => setSeed(event.target.value)} />
      </label>
      <button type="submit">Save</button>
    </form>
  );
}
