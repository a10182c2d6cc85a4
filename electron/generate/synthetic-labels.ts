import type { BboxPayload, TranscriptPayload } from '../../shared/annotation/payload';
import { mulberry32, type Random } from '../../shared/assignment/prng';
import type { FilledRect } from './synthetic-media';

/** Generated images are small so that 100,000 of them import in minutes, not hours. */
export const IMAGE_WIDTH = 160;
export const IMAGE_HEIGHT = 120;
export const CLIP_MS = 1000;
export const CLIP_SAMPLE_RATE = 8000;

/** The classes of a generated box project, with the colour each is painted in. */
export const GENERATED_CLASSES: ReadonlyArray<{ name: string; rgb: readonly [number, number, number] }> = [
  { name: 'person', rgb: [230, 159, 0] },
  { name: 'car', rgb: [86, 180, 233] },
  { name: 'bicycle', rgb: [0, 158, 115] },
  { name: 'dog', rgb: [240, 228, 66] },
  { name: 'sign', rgb: [204, 121, 167] },
];

const NO_FLAGS = { unsure: false, comment: '', mediaBroken: false };
const VOCABULARY = ['the', 'weather', 'today', 'is', 'sunny', 'and', 'warm', 'turn', 'on', 'kitchen', 'lights', 'set', 'a', 'timer', 'for', 'ten', 'minutes'];
const FILLERS = ['um', 'uh'];

/**
 * The random stream of one sample (and one labeler of it, 0 for the sample itself). Each is
 * seeded from the project's seed and its own indices alone, so a sample's content never depends
 * on how many samples came before or in which order they were made.
 */
export function streamFor(seed: number, sampleIndex: number, labeler = 0): Random {
  return mulberry32((Math.imul(seed + 1, 0x9e3779b1) ^ Math.imul(sampleIndex + 1, 0x85ebca6b) ^ Math.imul(labeler + 1, 0xc2b2ae35)) >>> 0);
}

/** A box in image pixels with the index of its class in `GENERATED_CLASSES`. */
export interface TruthBox {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  classIndex: number;
}

/** What is really in generated image `sampleIndex`: about `boxes` objects (one fewer to one more). */
export function truthBoxes(seed: number, sampleIndex: number, boxes: number): TruthBox[] {
  const random = streamFor(seed, sampleIndex);
  const count = Math.max(0, boxes - 1 + Math.floor(random() * 3));
  return Array.from({ length: count }, () => {
    const width = 8 + Math.floor(random() * 40);
    const height = 8 + Math.floor(random() * 32);
    const x1 = Math.floor(random() * (IMAGE_WIDTH - width));
    const y1 = Math.floor(random() * (IMAGE_HEIGHT - height));
    return { x1, y1, x2: x1 + width, y2: y1 + height, classIndex: Math.floor(random() * GENERATED_CLASSES.length) };
  });
}

/** The rectangles painted into the image, one per true object in its class colour. */
export function paintedRects(truth: readonly TruthBox[]): FilledRect[] {
  return truth.map((box) => ({ ...box, rgb: GENERATED_CLASSES[box.classIndex]!.rgb }));
}

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

/**
 * Labeler `labeler`'s boxes for an image: each true object, missed now and then (5%), its class
 * mistaken rarely (3%) and its edges off by up to 1.5 px, as people who mostly agree would draw them.
 */
export function labelerBoxes(seed: number, sampleIndex: number, labeler: number, truth: readonly TruthBox[], classIds: readonly number[]): BboxPayload {
  const random = streamFor(seed, sampleIndex, labeler);
  const nudge = (value: number, limit: number) => clamp(Math.round((value + (random() - 0.5) * 3) * 10) / 10, 0, limit);
  const boxes = truth.flatMap((box, i) => {
    const missed = random() < 0.05;
    const mistaken = random() < 0.03;
    const classIndex = mistaken ? (box.classIndex + 1) % classIds.length : box.classIndex;
    const x1 = nudge(box.x1, IMAGE_WIDTH - 1);
    const y1 = nudge(box.y1, IMAGE_HEIGHT - 1);
    const x2 = Math.max(x1 + 1, nudge(box.x2, IMAGE_WIDTH));
    const y2 = Math.max(y1 + 1, nudge(box.y2, IMAGE_HEIGHT));
    return missed ? [] : [{ id: `b${i}`, classId: classIds[classIndex]!, x1, y1, x2, y2 }];
  });
  return { v: 1, kind: 'bbox', boxes, noObjects: boxes.length === 0, flags: NO_FLAGS, tags: [] };
}

/** What is said in generated clip `sampleIndex`: four to ten words. */
export function truthSentence(seed: number, sampleIndex: number): string[] {
  const random = streamFor(seed, sampleIndex);
  return Array.from({ length: 4 + Math.floor(random() * 7) }, () => VOCABULARY[Math.floor(random() * VOCABULARY.length)]!);
}

/**
 * Labeler `labeler`'s transcript of a clip: the words said, with a word now and then misheard
 * (5%), a filler kept (5%), or the sentence capitalised, as transcribers who mostly agree would type.
 */
export function labelerTranscript(seed: number, sampleIndex: number, labeler: number, words: readonly string[]): TranscriptPayload {
  const random = streamFor(seed, sampleIndex, labeler);
  const typed = words.flatMap((word) => {
    const misheard = random() < 0.05 ? VOCABULARY[Math.floor(random() * VOCABULARY.length)]! : word;
    return random() < 0.05 ? [FILLERS[Math.floor(random() * FILLERS.length)]!, misheard] : [misheard];
  });
  const text = typed.join(' ');
  return {
    v: 1,
    kind: 'transcript',
    mode: 'clip',
    segments: [{ id: 's1', startMs: 0, endMs: CLIP_MS, text: random() < 0.1 ? text[0]!.toUpperCase() + text.slice(1) : text }],
    noSpeech: false,
    flags: NO_FLAGS,
    tags: [],
  };
}
