import type { Segment, TranscriptPayload } from '../annotation/payload';
import type { LabeledTranscript } from '../disagreement/transcript-disagreements';
import { majorityTags, weightOf, type ConsensusOptions } from './consensus-options';
import { rover } from './rover';

/**
 * The automatic consensus of several labelers' transcripts of one clip. A majority of "no
 * speech" gives no speech. Otherwise the most trusted labeler (highest weight, then lowest id)
 * gives the segmentation, and each of their segments gets the ROVER vote of the words every
 * labeler put in that stretch of time. Segments carry no word times, so a labeler's segment that
 * spans two of the backbone's is split between them by where each word falls, reading the
 * segment's text at an even pace of characters.
 * @example transcriptConsensus([ana('turn on the light'), ben('turn on light'), chen('turn the light')]).segments[0].text // 'turn on the light'
 */
export function transcriptConsensus(annotations: readonly LabeledTranscript[], options: ConsensusOptions = {}): TranscriptPayload {
  const ordered = [...annotations].sort((x, y) => weightOf(options, y.labelerId) - weightOf(options, x.labelerId) || x.labelerId - y.labelerId);
  const tags = majorityTags(annotations.map((annotation) => annotation.payload.tags));
  const flags = { unsure: false, comment: '', mediaBroken: false };
  const speaking = ordered.filter((annotation) => !annotation.payload.noSpeech);
  if (speaking.length <= annotations.length / 2) return { v: 1, kind: 'transcript', mode: 'clip', segments: [], noSpeech: true, flags, tags };

  const backbone = speaking[0]!.payload;
  const bins = [...backbone.segments].sort((x, y) => x.startMs - y.startMs);
  const perLabeler = speaking.map(({ labelerId, payload }) => ({ words: wordsByBin(payload.segments, bins), weight: weightOf(options, labelerId) }));
  const segments: Segment[] = bins.map((segment, index) => ({
    id: `consensus-${index + 1}`,
    startMs: segment.startMs,
    endMs: segment.endMs,
    text: rover(perLabeler.map(({ words, weight }) => ({ words: words[index]!, weight }))).join(' '),
  }));
  return { v: 1, kind: 'transcript', mode: backbone.mode, segments, noSpeech: false, flags, tags };
}

/**
 * A labeler's words in the stretch of each backbone segment, in time order: a stretch runs from
 * its segment's start to the next one's, the first and last taking whatever lies before or after.
 * A word's time is estimated from its characters' place in its segment's text.
 */
function wordsByBin(segments: readonly Segment[], bins: readonly Segment[]): string[][] {
  const out = bins.map((): string[] => []);
  for (const segment of [...segments].sort((x, y) => x.startMs - y.startMs)) {
    const text = segment.text;
    for (const match of text.matchAll(/\S+/gu)) {
      const middle = (match.index + match[0].length / 2) / text.length;
      const at = segment.startMs + middle * (segment.endMs - segment.startMs);
      let bin = 0;
      while (bin + 1 < bins.length && bins[bin + 1]!.startMs <= at) bin++;
      out[bin]!.push(match[0]);
    }
  }
  return out;
}
