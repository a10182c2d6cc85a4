// Agreement metrics at the scale of a large project: 100,000 samples × 3 labelers over 10
// categories, box matching for 10,000 images × ~10 boxes per labeler, and WER/CER for
// 10,000 transcript pairs. Each figure is the median of five runs after a warm-up.
// Run with `npm run bench`; it reports, it never fails on timing.
import { projectAgreement, type AnnotationForAgreement } from '../shared/agreement';
import { boxAgreement } from '../shared/metrics/box-agreement';
import type { BoxCorners } from '../shared/metrics/box-matching';
import { cohenKappa } from '../shared/metrics/cohen-kappa';
import { corpusErrorRate } from '../shared/metrics/error-rate';
import { fleissKappa } from '../shared/metrics/fleiss-kappa';
import { krippendorffAlpha } from '../shared/metrics/krippendorff-alpha';

const AIM_MS = 1000;
/** What numpy-based reference implementations take on this kind of machine, per the issue. */
const NUMPY_MS = 200;

let seed = 7;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;

function median(run: () => unknown): number {
  run();
  const times = Array.from({ length: 5 }, () => {
    const start = performance.now();
    run();
    return performance.now() - start;
  }).sort((a, b) => a - b);
  return times[2]!;
}

const units = 100_000;
const truth = Array.from({ length: units }, () => Math.floor(random() * 10));
const ratings = [0, 1, 2].map(() => truth.map((t) => (random() < 0.03 ? null : random() < 0.8 ? t : Math.floor(random() * 10))));
const complete = ratings.map((row) => row.map((v, i) => v ?? truth[i]!));

const jitter = (v: number) => v + (random() - 0.5) * 4;
const images = Array.from({ length: 10_000 }, () =>
  Array.from({ length: 8 + Math.floor(random() * 5) }, (): BoxCorners => {
    const x = random() * 900;
    const y = random() * 700;
    return [x, y, x + 20 + random() * 80, y + 20 + random() * 80];
  }),
);
const other = images.map((boxes) =>
  boxes.filter(() => random() > 0.05).map(([x1, y1, x2, y2]): BoxCorners => [jitter(x1), jitter(y1), jitter(x2), jitter(y2)]),
);

const vocabulary = [
  'um',
  'the',
  'weather',
  'today',
  'is',
  'sunny',
  'and',
  'warm',
  'turn',
  'on',
  'kitchen',
  'lights',
  'set',
  'a',
  'timer',
  'for',
  'ten',
  'minutes',
];
const sentence = () => Array.from({ length: 6 + Math.floor(random() * 10) }, () => vocabulary[Math.floor(random() * vocabulary.length)]).join(' ');
const pairs = Array.from({ length: 10_000 }, () => {
  const ref = sentence();
  return [ref, random() < 0.5 ? ref : `${ref.replace('the', 'a')} um`] as const;
});

/** A whole bbox project: 10,000 samples, three labelers each, the boxes above with small differences. */
const annotations: AnnotationForAgreement[] = images.flatMap((boxes, sampleId) =>
  [1, 2, 3].map((labelerId) => ({
    sampleId: sampleId + 1,
    labelerId,
    guidelineVersion: 1,
    submittedAt: 0,
    sampleTags: sampleId % 4 === 0 ? ['night'] : [],
    payload: {
      v: 1 as const,
      kind: 'bbox' as const,
      boxes: (labelerId === 1 ? boxes : other[sampleId]!).map(([x1, y1, x2, y2], i) => ({ id: `b${i}`, classId: 1 + (i % 3), x1, y1, x2, y2 })),
      noObjects: false,
      flags: { unsure: false, comment: '', mediaBroken: false },
      tags: [],
    },
  })),
);

const rows: Array<[string, number]> = [
  ...(['nominal', 'ordinal', 'interval', 'ratio'] as const).map((level): [string, number] => [
    `Krippendorff's alpha, ${level}, 100,000 × 3`,
    median(() => krippendorffAlpha(ratings, { level })),
  ]),
  ["Fleiss' kappa, 100,000 × 3", median(() => fleissKappa(complete))],
  ["Cohen's kappa (quadratic), 100,000 pairs", median(() => cohenKappa(complete[0]!, complete[1]!, { weights: 'quadratic' }))],
  ['box matching, 10,000 images × ~10 boxes', median(() => boxAgreement(images, other))],
  ['project agreement, 10,000 samples × 3 labelers', median(() => projectAgreement(annotations, 'bbox'))],
  ['WER, 10,000 transcript pairs', median(() => corpusErrorRate(pairs, 'word', { normalise: ['case', 'punctuation', 'fillers'] }))],
  ['CER, 10,000 transcript pairs', median(() => corpusErrorRate(pairs, 'character'))],
];

console.log(`\nAgreement metrics (Node ${process.version}, median of 5)`);
for (const [name, ms] of rows) {
  console.log(
    `  ${name.padEnd(44)} ${ms.toFixed(1).padStart(7)} ms   ${(ms / AIM_MS).toFixed(3)}× the ${AIM_MS} ms aim   ${(ms / NUMPY_MS).toFixed(2)}× numpy's ~${NUMPY_MS} ms`,
  );
}
