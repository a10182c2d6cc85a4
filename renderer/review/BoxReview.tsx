import { useState } from 'react';
import type { AnnotationPayload, Box } from '../../shared/annotation/payload';
import { DISAGREEMENT_TYPES } from '../../shared/disagreement/types';
import type { ReviewSample } from '../../shared/domain/gold';
import type { ProjectSummary } from '../../shared/domain/project';
import type { Sample } from '../../shared/domain/sample';
import { matchBoxes } from '../../shared/metrics/box-matching';
import { api } from '../api/api';
import { CONSENSUS_COLOR, labelerColor } from './labeler-names';

interface BoxReviewProps {
  project: ProjectSummary;
  sample: Sample;
  review: ReviewSample;
  name(labelerId: number): string;
}

/**
 * Every labeler's boxes on the image, each labeler in their own colour with a toggle, overlaid
 * (matched boxes linked, disagreements named on the image) or side by side; the automatic
 * consensus can be shown dashed.
 */
export function BoxReview({ project, sample, review, name }: BoxReviewProps) {
  const labelerIds = review.annotations.map((a) => a.labelerId);
  const [hidden, setHidden] = useState<Set<number>>(new Set());
  const [layout, setLayout] = useState<'overlay' | 'side'>('overlay');
  const [showConsensus, setShowConsensus] = useState(false);
  const image = sample.image;
  if (!image) return <div className="empty">This sample has no image size recorded.</div>;
  const className = new Map(project.classes.map((c) => [c.id, c.name]));
  const visible = review.annotations.filter((a) => !hidden.has(a.labelerId));
  const toggle = (labelerId: number) => setHidden((h) => new Set(h.has(labelerId) ? [...h].filter((id) => id !== labelerId) : [...h, labelerId]));

  return (
    <div className="box-review">
      <div className="review-toolbar">
        {labelerIds.map((labelerId, index) => (
          <label key={labelerId} className="labeler-toggle" style={{ borderColor: labelerColor(index) }}>
            <input type="checkbox" checked={!hidden.has(labelerId)} onChange={() => toggle(labelerId)} />
            <span className="swatch" style={{ background: labelerColor(index) }} />
            {name(labelerId)}
          </label>
        ))}
        <label className="labeler-toggle">
          <input type="checkbox" checked={showConsensus} onChange={(e) => setShowConsensus(e.target.checked)} />
          <span className="swatch swatch-dashed" />
          Consensus
        </label>
        <div className="segmented" role="group" aria-label="Layout">
          <button type="button" aria-pressed={layout === 'overlay'} onClick={() => setLayout('overlay')}>
            Overlay
          </button>
          <button type="button" aria-pressed={layout === 'side'} onClick={() => setLayout('side')}>
            Side by side
          </button>
        </div>
      </div>
      {layout === 'overlay' ? (
        <ImageWithBoxes sample={sample} title="All labelers">
          {visible.map((annotation) => (
            <LabelerBoxes
              key={annotation.labelerId}
              boxes={boxesOf(annotation.payload)}
              color={labelerColor(labelerIds.indexOf(annotation.labelerId))}
              labelerId={annotation.labelerId}
              className={className}
            />
          ))}
          <MatchLinks review={review} visible={visible.map((a) => a.labelerId)} />
          {showConsensus && <LabelerBoxes boxes={boxesOf(review.consensus)} color={CONSENSUS_COLOR} dashed className={className} />}
          <DisagreementMarks review={review} visible={new Set(visible.map((a) => a.labelerId))} fontSize={image.width / 40} />
        </ImageWithBoxes>
      ) : (
        <div className="side-by-side">
          {visible.map((annotation) => (
            <ImageWithBoxes key={annotation.labelerId} sample={sample} title={name(annotation.labelerId)}>
              <LabelerBoxes
                boxes={boxesOf(annotation.payload)}
                color={labelerColor(labelerIds.indexOf(annotation.labelerId))}
                labelerId={annotation.labelerId}
                className={className}
              />
            </ImageWithBoxes>
          ))}
          {showConsensus && (
            <ImageWithBoxes sample={sample} title="Consensus">
              <LabelerBoxes boxes={boxesOf(review.consensus)} color={CONSENSUS_COLOR} dashed className={className} />
            </ImageWithBoxes>
          )}
        </div>
      )}
    </div>
  );
}

function ImageWithBoxes({ sample, title, children }: { sample: Sample; title: string; children: React.ReactNode }) {
  const { width, height } = sample.image!;
  return (
    <figure className="review-image" aria-label={title}>
      <figcaption>{title}</figcaption>
      <div className="review-image-frame" style={{ aspectRatio: `${width} / ${height}` }}>
        <img src={api.mediaUrl(sample, 'display')} alt={sample.displayName} />
        <svg viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none">
          {children}
        </svg>
      </div>
    </figure>
  );
}

/** The boxes of a label; a label of another kind (a project holds one kind) has none to show. */
function boxesOf(payload: AnnotationPayload): readonly Box[] {
  return payload.kind === 'bbox' ? payload.boxes : [];
}

function LabelerBoxes({
  boxes,
  color,
  labelerId,
  dashed,
  className,
}: {
  boxes: readonly Box[];
  color: string;
  labelerId?: number;
  dashed?: boolean;
  className: Map<number, string>;
}) {
  return (
    <g data-labeler={labelerId ?? 'consensus'}>
      {boxes.map((box) => (
        <rect
          key={box.id}
          data-box={box.id}
          x={box.x1}
          y={box.y1}
          width={box.x2 - box.x1}
          height={box.y2 - box.y1}
          fill="none"
          stroke={color}
          strokeWidth={2}
          strokeDasharray={dashed ? '6 4' : undefined}
          vectorEffect="non-scaling-stroke"
        >
          <title>{className.get(box.classId) ?? `class ${box.classId}`}</title>
        </rect>
      ))}
    </g>
  );
}

/** A thin line between the centres of boxes two labelers drew on the same object. */
function MatchLinks({ review, visible }: { review: ReviewSample; visible: number[] }) {
  const shown = review.annotations.filter((a) => visible.includes(a.labelerId));
  const lines: { key: string; from: Box; to: Box }[] = [];
  for (let i = 0; i < shown.length; i++) {
    for (let j = i + 1; j < shown.length; j++) {
      const a = boxesOf(shown[i]!.payload);
      const b = boxesOf(shown[j]!.payload);
      const corners = (list: readonly Box[]) => list.map((x) => [x.x1, x.y1, x.x2, x.y2] as const);
      for (const match of matchBoxes(corners(a), corners(b)).matches) lines.push({ key: `${i}-${j}-${match.a}`, from: a[match.a]!, to: b[match.b]! });
    }
  }
  const centre = (box: Box) => [(box.x1 + box.x2) / 2, (box.y1 + box.y2) / 2] as const;
  return (
    <g className="match-links">
      {lines.map(({ key, from, to }) => (
        <line
          key={key}
          x1={centre(from)[0]}
          y1={centre(from)[1]}
          x2={centre(to)[0]}
          y2={centre(to)[1]}
          stroke="#333"
          strokeWidth={1}
          strokeDasharray="2 2"
          vectorEffect="non-scaling-stroke"
        />
      ))}
    </g>
  );
}

/** Each disagreement's name at the first box it involves. */
function DisagreementMarks({ review, visible, fontSize }: { review: ReviewSample; visible: Set<number>; fontSize: number }) {
  const boxes = new Map<string, Box>();
  for (const annotation of review.annotations) for (const box of boxesOf(annotation.payload)) boxes.set(`${annotation.labelerId}/${box.id}`, box);
  const marks = review.disagreements.flatMap((d, index) => {
    if (!visible.has(d.labelerA) || !visible.has(d.labelerB)) return [];
    const anchor = boxes.get(`${d.labelerA}/${d.boxesA[0]}`) ?? boxes.get(`${d.labelerB}/${d.boxesB[0]}`);
    return anchor ? [{ index, type: d.type, x: anchor.x1, y: anchor.y1 }] : [];
  });
  return (
    <g className="disagreement-marks">
      {marks.map((mark) => (
        <text
          key={mark.index}
          data-type={mark.type}
          x={mark.x + fontSize / 4}
          y={mark.y + fontSize * 1.1}
          fontSize={fontSize}
          className={`mark type-${mark.type}`}
        >
          {DISAGREEMENT_TYPES[mark.type].label}
        </text>
      ))}
    </g>
  );
}
