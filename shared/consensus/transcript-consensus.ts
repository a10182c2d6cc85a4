import type { Segment, TranscriptPayload } from '../annotation/payload';
import type { LabeledTranscript } from '../disagreement/transcript-disagreements';
import { majorityTags, weightOf, type ConsensusOptions } from './consensus-options';
import { rover } from './rover';

/**
 * The automatic consensus of several labelers' transcripts of one clip. A majority of "no
 * speech" gives no speech. Otherwise the most trusted labeler (highest weight, then lowest id)
 * gives the segmentation, and each of their segments gets the ROVER vote of the words every
 * labeler put in that stretch of time (a labeler's segment counts where its middle falls).
 * @example transcriptConsensus([ana('turn on the light'), ben('turn on light'), chen('turn the light')]).segments[0].text // 'turn on the light'
 */
export function transcriptConsensus(annotations: readonly LabeledTranscript[], options: ConsensusOptions = {}): TranscriptPayload {
  const ordered = [...annotations].sort((x, y) => weightOf(options, y.labelerId) - weightOf(options, x.labelerId) || x.labelerId - y.labelerId);
  const tags = majorityTags(annotations.map((annotation) => annotation.payload.tags));
  const flags = { unsure: false, comment: '', mediaBroken: false };
  const speaking = ordered.filter((annotation) => !annotation.payload.noSpeech);
  if (speaking.length <= annotations.length / 2) return { v: 1, kind: 'transcript', mode: 'clip', segments: [], noSpeech: true, flags, tags };

  const backbone = speaking[0]!.payload;
  const segments: Segment[] = [...backbone.segments]
    .sort((x, y) => x.startMs - y.startMs)
    .map((segment, index, all) => {
      const inputs = speaking.map(({ labelerId, payload }) => ({
        words: payload.segments
          .filter((candidate) => belongsTo(candidate, segment, index, all))
          .sort((x, y) => x.startMs - y.startMs)
          .flatMap((candidate) => candidate.text.split(/\s+/u).filter((word) => word.length > 0)),
        weight: weightOf(options, labelerId),
      }));
      return { id: `consensus-${index + 1}`, startMs: segment.startMs, endMs: segment.endMs, text: rover(inputs).join(' ') };
    });
  return { v: 1, kind: 'transcript', mode: backbone.mode, segments, noSpeech: false, flags, tags };
}

/** Whether `candidate`'s middle falls in `segment`; the first and last segments take whatever lies before or after. */
function belongsTo(candidate: Segment, segment: Segment, index: number, all: readonly Segment[]): boolean {
  const middle = (candidate.startMs + candidate.endMs) / 2;
  const from = index === 0 ? -Infinity : segment.startMs;
  const to = index === all.length - 1 ? Infinity : all[index + 1]!.startMs;
  return middle >= from && middle < to;
}
