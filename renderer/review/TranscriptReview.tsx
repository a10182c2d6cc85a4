import { useEffect, useMemo, useRef, useState } from 'react';
import { emptyPayload } from '../../shared/annotation/empty-payload';
import type { AnnotationPayload, TranscriptPayload } from '../../shared/annotation/payload';
import { alignTranscripts } from '../../shared/disagreement/transcript-disagreements';
import { DISAGREEMENT_TYPES, type DisagreementType } from '../../shared/disagreement/types';
import type { ReviewSample } from '../../shared/domain/gold';
import type { Sample } from '../../shared/domain/sample';
import { decodePeaks } from '../../shared/media/peaks';
import { api } from '../api/api';
import { CONSENSUS_COLOR, labelerColor } from './labeler-names';

interface TranscriptReviewProps {
  sample: Sample;
  review: ReviewSample;
  name(labelerId: number): string;
}

/**
 * Two labelers' transcripts as one aligned word diff coloured by disagreement type, and every
 * labeler's segments under the waveform, each playable.
 */
export function TranscriptReview({ sample, review, name }: TranscriptReviewProps) {
  const pairs = useMemo(() => {
    const ids = review.annotations.map((a) => a.labelerId);
    return ids.flatMap((a, i) => ids.slice(i + 1).map((b) => [a, b] as const));
  }, [review]);
  const firstDisagreeing = pairs.find(([a, b]) => review.disagreements.some((d) => d.labelerA === a && d.labelerB === b)) ?? pairs[0];
  const [pair, setPair] = useState(firstDisagreeing);
  const shown = pair && pairs.some(([a, b]) => a === pair[0] && b === pair[1]) ? pair : firstDisagreeing;

  return (
    <div className="transcript-review">
      <SegmentLanes sample={sample} review={review} name={name} />
      {shown && pairs.length > 1 && (
        <label className="pair-picker">
          Compare
          <select value={shown.join(':')} onChange={(e) => setPair(pairs.find(([a, b]) => `${a}:${b}` === e.target.value))}>
            {pairs.map(([a, b]) => (
              <option key={`${a}:${b}`} value={`${a}:${b}`}>
                {name(a)} and {name(b)}
              </option>
            ))}
          </select>
        </label>
      )}
      {shown && <WordDiff review={review} pair={shown} name={name} />}
    </div>
  );
}

function WordDiff({ review, pair, name }: { review: ReviewSample; pair: readonly [number, number]; name(labelerId: number): string }) {
  const payloadOf = (labelerId: number) => transcriptOf(review.annotations.find((a) => a.labelerId === labelerId)!.payload);
  const steps = alignTranscripts(payloadOf(pair[0]), payloadOf(pair[1]));
  // A disagreement at alignment position p covers as many steps as it has words on its longer side.
  const typeAt = new Map<number, DisagreementType>();
  for (const d of review.disagreements) {
    if (d.labelerA !== pair[0] || d.labelerB !== pair[1] || d.position < 0) continue;
    const span = Math.max(1, count(d.textA), count(d.textB));
    for (let k = 0; k < span; k++) if (!typeAt.has(d.position + k)) typeAt.set(d.position + k, d.type);
  }
  const segmentLevel = review.disagreements.filter((d) => d.labelerA === pair[0] && d.labelerB === pair[1] && d.position < 0);
  return (
    <figure className="word-diff" aria-label="Aligned transcripts">
      <figcaption>
        <span className="diff-a">{name(pair[0])}</span> above, <span className="diff-b">{name(pair[1])}</span> below
      </figcaption>
      <div className="diff-words">
        {steps.map((step) => {
          const type = typeAt.get(step.position);
          if (!type)
            return (
              <span key={step.position} className="diff-word">
                {step.a?.raw ?? step.b?.raw}
              </span>
            );
          return (
            <span key={step.position} className={`diff-word diff-changed type-${type}`} data-type={type} title={DISAGREEMENT_TYPES[type].label}>
              <span className="diff-side-a">{step.a?.raw ?? '∅'}</span>
              <span className="diff-side-b">{step.b?.raw ?? '∅'}</span>
            </span>
          );
        })}
      </div>
      {segmentLevel.length > 0 && (
        <ul className="segment-disagreements">
          {segmentLevel.map((d, index) => (
            <li key={index} data-type={d.type}>
              <span className={`type-chip type-${d.type}`}>{DISAGREEMENT_TYPES[d.type].label}</span> {d.detail}
            </li>
          ))}
        </ul>
      )}
    </figure>
  );
}

function count(text: string): number {
  return text.split(/\s+/u).filter((word) => word.length > 0).length;
}

/** The waveform, and under it a lane per labeler (and the consensus) of segments that play on click. */
function SegmentLanes({ sample, review, name }: TranscriptReviewProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const audio = useRef<HTMLAudioElement>(null);
  const stopAt = useRef<number | null>(null);
  const durationMs = sample.audio?.durationMs ?? 1;

  useEffect(() => {
    let cancelled = false;
    fetch(api.mediaUrl(sample, 'peaks'))
      .then(async (response) => decodePeaks(new Uint8Array(await response.arrayBuffer())))
      .then((peaks) => {
        const element = canvas.current;
        if (cancelled || !element) return;
        const context = element.getContext('2d')!;
        const { width, height } = element;
        context.clearRect(0, 0, width, height);
        context.fillStyle = '#7b8794';
        for (let x = 0; x < width; x++) {
          const from = Math.floor((x / width) * peaks.length);
          const to = Math.max(from + 1, Math.floor(((x + 1) / width) * peaks.length));
          let peak = 0;
          for (let i = from; i < to; i++) peak = Math.max(peak, peaks[i] ?? 0);
          context.fillRect(x, (height * (1 - peak)) / 2, 1, Math.max(1, height * peak));
        }
      })
      .catch(() => undefined); // the lanes still work without the picture
    return () => {
      cancelled = true;
    };
  }, [sample]);

  const play = (startMs: number, endMs: number) => {
    const element = audio.current;
    if (!element) return;
    element.currentTime = startMs / 1000;
    stopAt.current = endMs / 1000;
    void element.play();
  };
  const lanes = [
    ...review.annotations.map((a, index) => ({
      key: String(a.labelerId),
      label: name(a.labelerId),
      color: labelerColor(index),
      payload: transcriptOf(a.payload),
    })),
    { key: 'consensus', label: 'Consensus', color: CONSENSUS_COLOR, payload: transcriptOf(review.consensus) },
  ];
  return (
    <div className="segment-lanes">
      {/* In the lanes' grid, under no name: the waveform spans the same width as every lane's segments, so times line up. */}
      <div className="segment-lane waveform-lane">
        <span className="lane-label" />
        <canvas ref={canvas} width={800} height={60} className="review-peaks" aria-hidden="true" data-testid="review-waveform" />
      </div>
      {lanes.map((lane) => (
        <div key={lane.key} className="segment-lane" aria-label={`${lane.label}'s segments`}>
          <span className="lane-label">{lane.label}</span>
          <div className="lane-track" data-testid="lane-track">
            {lane.payload.noSpeech ? (
              <span className="muted">no speech</span>
            ) : (
              lane.payload.segments.map((segment) => (
                <button
                  key={segment.id}
                  type="button"
                  className="lane-segment"
                  style={{
                    left: `${(100 * segment.startMs) / durationMs}%`,
                    width: `${(100 * (segment.endMs - segment.startMs)) / durationMs}%`,
                    background: lane.color,
                  }}
                  title={`${segment.text} (${(segment.startMs / 1000).toFixed(2)}–${(segment.endMs / 1000).toFixed(2)} s)`}
                  aria-label={`Play ${lane.label}'s segment: ${segment.text}`}
                  onClick={() => play(segment.startMs, segment.endMs)}
                >
                  {segment.text}
                </button>
              ))
            )}
          </div>
        </div>
      ))}
      <audio
        ref={audio}
        src={api.mediaUrl(sample, 'original')}
        preload="metadata"
        onTimeUpdate={(e) => {
          if (stopAt.current !== null && e.currentTarget.currentTime >= stopAt.current) {
            e.currentTarget.pause();
            stopAt.current = null;
          }
        }}
      />
    </div>
  );
}

/** A label as a transcript; one of another kind (a project holds one kind) shows as an empty transcript. */
function transcriptOf(payload: AnnotationPayload): TranscriptPayload {
  return payload.kind === 'transcript' ? payload : emptyPayload('transcript');
}
