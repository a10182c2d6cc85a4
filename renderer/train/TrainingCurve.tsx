import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { EpochReport } from '../../shared/train/small-cnn';

/** Loss and training accuracy per epoch, drawn as they arrive. */
export function TrainingCurve({ epochs }: { epochs: readonly EpochReport[] }) {
  return (
    <ResponsiveContainer width="100%" height={200}>
      <LineChart data={[...epochs]} margin={{ top: 8, right: 16, bottom: 0, left: -8 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="epoch" tick={{ fontSize: 11 }} />
        <YAxis yAxisId="loss" tick={{ fontSize: 11 }} />
        <YAxis yAxisId="accuracy" orientation="right" domain={[0, 1]} tick={{ fontSize: 11 }} />
        <Tooltip />
        <Legend />
        <Line yAxisId="loss" dataKey="loss" stroke="#d55e00" dot={false} isAnimationActive={false} />
        <Line yAxisId="accuracy" dataKey="accuracy" stroke="#0072b2" dot={false} isAnimationActive={false} />
      </LineChart>
    </ResponsiveContainer>
  );
}
