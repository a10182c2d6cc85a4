import { Bar, BarChart, CartesianGrid, ErrorBar, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { AgreementDashboard } from '../../shared/agreement';

/** How the samples' disagreement scores are spread: most near 0 is a healthy project. */
export function ScoreHistogram({ agreement }: { agreement: AgreementDashboard }) {
  const bins = agreement.scoreHistogram.length;
  const counts = agreement.scoreHistogram.map((samples, i) => ({ range: `${(i / bins).toFixed(1)}–${((i + 1) / bins).toFixed(1)}`, samples }));
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

/** Agreement under each guideline version, with its interval: a revision that worked shows as a rise. */
export function VersionChart({ agreement }: { agreement: AgreementDashboard }) {
  const data = agreement.perGuidelineVersion.map((v) => {
    const value = toPercent(v.figure.value);
    return {
      version: `v${v.key}`,
      agreement: value,
      // recharts draws [below, above] around the bar's top.
      interval: v.interval ? [value - toPercent(v.interval.low), toPercent(v.interval.high) - value] : [0, 0],
    };
  });
  return (
    <figure className="chart" aria-label="Agreement per guideline version">
      <figcaption>Agreement per guideline version (%, with 95% interval)</figcaption>
      <ResponsiveContainer width="100%" height={180}>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="version" tick={{ fontSize: 11 }} />
          <YAxis domain={[0, 100]} tick={{ fontSize: 11 }} />
          <Tooltip />
          <Bar dataKey="agreement" fill="#0072b2" isAnimationActive={false}>
            <ErrorBar dataKey="interval" direction="y" width={6} stroke="#333" isAnimationActive={false} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

/** Agreement week by week (by when the second labeler submitted): drift shows as a fall. */
export function WeekChart({ agreement }: { agreement: AgreementDashboard }) {
  const data = agreement.perWeek.map((w) => ({ week: w.key, agreement: toPercent(w.figure.value), comparisons: w.figure.comparisons }));
  return (
    <figure className="chart" aria-label="Agreement over time">
      <figcaption>Agreement by week (%)</figcaption>
      <ResponsiveContainer width="100%" height={180}>
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="week" tick={{ fontSize: 10 }} />
          <YAxis domain={[0, 100]} tick={{ fontSize: 11 }} />
          <Tooltip />
          <Line dataKey="agreement" stroke="#009e73" strokeWidth={2} dot isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}

function toPercent(value: number | null): number {
  return value === null ? 0 : Math.round(value * 1000) / 10;
}
