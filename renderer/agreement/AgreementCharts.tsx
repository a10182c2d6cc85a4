import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ProjectAgreement } from '../../shared/agreement';

const BINS = 10;

/** How the samples' disagreement scores are spread: most near 0 is a healthy project. */
export function ScoreHistogram({ agreement }: { agreement: ProjectAgreement }) {
  const counts = Array.from({ length: BINS }, (_, i) => ({ range: `${(i / BINS).toFixed(1)}–${((i + 1) / BINS).toFixed(1)}`, samples: 0 }));
  for (const sample of agreement.perSample) counts[Math.min(BINS - 1, Math.floor(sample.score * BINS))]!.samples++;
  return (
    <figure className="chart" aria-label="Distribution of per-sample disagreement">
      <figcaption>Disagreement per sample</figcaption>
      <ResponsiveContainer width="100%" height={180}>
        <BarChart data={counts} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="range" tick={{ fontSize: 10 }} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11 }} />
          <Tooltip />
          <Bar dataKey="samples" fill="#d55e00" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

/** Agreement under each guideline version: a revision that worked shows as a rise. */
export function VersionChart({ agreement }: { agreement: ProjectAgreement }) {
  const data = agreement.perGuidelineVersion.map((v) => ({
    version: `v${v.key}`,
    agreement: v.figure.value === null ? 0 : Math.round(v.figure.value * 1000) / 10,
  }));
  return (
    <figure className="chart" aria-label="Agreement per guideline version">
      <figcaption>Agreement per guideline version (%)</figcaption>
      <ResponsiveContainer width="100%" height={180}>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="version" tick={{ fontSize: 11 }} />
          <YAxis domain={[0, 100]} tick={{ fontSize: 11 }} />
          <Tooltip />
          <Bar dataKey="agreement" fill="#0072b2" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
