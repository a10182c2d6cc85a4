import type { ScoredPredictions } from '../../shared/domain/training';
import { api } from '../api/api';
import { ClipPlayer } from './ClipPlayer';

type Scored = ScoredPredictions['scored'][number];

/**
 * One imported prediction against its gold label, as a person checks it: the image with the gold
 * boxes (solid) and the predicted ones (dashed), or the clip to listen to beside both texts.
 */
export function PredictionPreview({ scored }: { scored: Scored }) {
  const media = { id: scored.sampleId, sha256: scored.sha256 };
  if (!scored.boxes) return <ClipPlayer sample={scored} />;
  const { width, height, gold, predicted } = scored.boxes;
  const stroke = Math.max(width, height) / 150;
  return (
    <svg className="prediction-preview" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`${scored.fileName}: gold boxes solid, predicted dashed`}>
      <image href={api.mediaUrl(media, 'thumbnail')} width={width} height={height} preserveAspectRatio="none" />
      {gold.map((b, i) => (
        <rect key={`g${i}`} className="gold-box" x={b.x1} y={b.y1} width={b.x2 - b.x1} height={b.y2 - b.y1} strokeWidth={stroke}>
          <title>gold: {b.className}</title>
        </rect>
      ))}
      {predicted.map((b, i) => (
        <rect
          key={`p${i}`}
          className="predicted-box"
          x={b.x1}
          y={b.y1}
          width={b.x2 - b.x1}
          height={b.y2 - b.y1}
          strokeWidth={stroke}
          strokeDasharray={`${stroke * 3} ${stroke * 2}`}
        >
          <title>predicted: {b.className}</title>
        </rect>
      ))}
    </svg>
  );
}
