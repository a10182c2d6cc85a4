import { describe, expect, it } from 'vitest';
import type { TranscriptPayload } from '../../../shared/annotation/payload';
import { clipClasses, MAX_TRANSCRIPT_CLASSES, NO_SPEECH_CLASS, predictionScore } from '../../../shared/train/clip-targets';

function said(text: string, tags: string[] = [], noSpeech = false): TranscriptPayload {
  return {
    v: 1,
    kind: 'transcript',
    mode: 'clip',
    segments: noSpeech ? [] : [{ id: 's', startMs: 0, endMs: 900, text }],
    noSpeech,
    flags: { unsure: false, comment: '', mediaBroken: false },
    tags,
  };
}

describe('clip targets', () => {
  it('makes a tag two classes, from the labels’ own tags', () => {
    const target = clipClasses({ kind: 'tag', tag: 'car noise' }, []);
    if ('error' in target) throw new Error(target.error);
    expect(target.classes).toEqual(['not car noise', 'car noise']);
    expect(target.labelOf(said('go', ['car noise']))).toBe(1);
    expect(target.labelOf(said('go', ['clean speech']))).toBe(0);
  });

  it('makes each distinct transcript a class, typed differently or not, most frequent first', () => {
    const labels = [said('Stop.'), said('um, stop'), said('Go!'), said('STOP'), said('', [], true)];
    const target = clipClasses({ kind: 'transcript' }, labels);
    if ('error' in target) throw new Error(target.error);
    expect(target.classes).toEqual(['stop', NO_SPEECH_CLASS, 'go']);
    expect(labels.map(target.labelOf)).toEqual([0, 0, 2, 0, 1]);
  });

  it('refuses transcripts too varied for a clip classifier', () => {
    const labels = Array.from({ length: MAX_TRANSCRIPT_CLASSES + 1 }, (_, i) => said(`command ${i}`));
    const target = clipClasses({ kind: 'transcript' }, labels);
    expect('error' in target && target.error).toMatch(/41 distinct transcripts/);
  });

  it('scores a wrong transcript by the words it gets right, a wrong tag as wrong', () => {
    const classes = ['turn on the lights', 'turn off the lights', NO_SPEECH_CLASS];
    expect(predictionScore('transcript', classes, 0, 0)).toBe(1);
    expect(predictionScore('transcript', classes, 0, 1)).toBe(0.75);
    expect(predictionScore('transcript', classes, 2, 0)).toBe(0);
    expect(predictionScore('class', ['not hum', 'hum'], 1, 0)).toBe(0);
  });
});
