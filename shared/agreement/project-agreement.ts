import { binaryAlpha } from './binary-alpha';
import { bootstrapInterval } from './bootstrap';
import { BoxMeasure } from './box-measure';
import type { Measure } from './measure';
import { Pool, poolFor } from './pool';
import { TranscriptMeasure } from './transcript-measure';
import type {
  AgreementFigure,
  AgreementOptions,
  AnnotationForAgreement,
  BinaryAlpha,
  BoxFigure,
  ClassAgreement,
  ProjectAgreement,
  TranscriptFigure,
} from './types';

/** A sample with the latest annotation of each of its labelers, by labeler id. */
interface SampleGroup {
  sampleId: number;
  annotations: AnnotationForAgreement[];
  tags: string[];
}

/**
 * Inter-labeler agreement of a project from its submitted annotations, in one pass: annotations
 * are grouped by sample once, each unordered pair of labelers on a sample is compared once (a
 * "comparison", counts written to one flat array), and every figure sums those counts. When a
 * labeler submitted a sample more than once, the latest `submittedAt` counts. Samples with one
 * labeler are ignored everywhere, flags and tags included. Every annotation must be of `kind`.
 *
 * Definitions are on the result types ({@link BoxFigure}, {@link TranscriptFigure},
 * {@link SampleDisagreement}, …). `overall.interval` resamples samples (200 resamples, seed 1,
 * 95 % by default; see `options.bootstrap`).
 * @example
 * const box = { id: 'b', classId: 1, x1: 0, y1: 0, x2: 10, y2: 10 };
 * const payload = { v: 1, kind: 'bbox', boxes: [box], noObjects: false, flags: { unsure: false, comment: '', mediaBroken: false }, tags: [] } as const;
 * const base = { sampleId: 1, guidelineVersion: 1, submittedAt: 0, sampleTags: [], payload };
 * projectAgreement([{ ...base, labelerId: 1 }, { ...base, labelerId: 2 }], 'bbox').overall.f1 // 1
 */
export function projectAgreement(annotations: readonly AnnotationForAgreement[], kind: 'bbox', options?: AgreementOptions): ProjectAgreement<BoxFigure>;
export function projectAgreement(
  annotations: readonly AnnotationForAgreement[],
  kind: 'transcript',
  options?: AgreementOptions,
): ProjectAgreement<TranscriptFigure>;
export function projectAgreement(
  annotations: readonly AnnotationForAgreement[],
  kind: 'bbox' | 'transcript',
  options: AgreementOptions = {},
): ProjectAgreement {
  const groups = groupBySample(annotations, kind);
  if (kind === 'bbox') {
    const measure = new BoxMeasure(options.iouThreshold ?? 0.5);
    return compute(groups, kind, measure, options, () => measure.perClass());
  }
  return compute(groups, kind, new TranscriptMeasure(options.normalize ?? []), options, () => []);
}

function groupBySample(annotations: readonly AnnotationForAgreement[], kind: 'bbox' | 'transcript'): SampleGroup[] {
  const bySample = new Map<number, Map<number, AnnotationForAgreement>>();
  for (const annotation of annotations) {
    if (annotation.payload.kind !== kind) {
      throw new Error(`sample ${annotation.sampleId}, labeler ${annotation.labelerId}: a ${annotation.payload.kind} annotation in a ${kind} agreement`);
    }
    let byLabeler = bySample.get(annotation.sampleId);
    if (!byLabeler) bySample.set(annotation.sampleId, (byLabeler = new Map()));
    const earlier = byLabeler.get(annotation.labelerId);
    if (!earlier || annotation.submittedAt >= earlier.submittedAt) byLabeler.set(annotation.labelerId, annotation);
  }
  const groups: SampleGroup[] = [];
  for (const [sampleId, byLabeler] of bySample) {
    if (byLabeler.size < 2) continue;
    const sorted = [...byLabeler.values()].sort((x, y) => x.labelerId - y.labelerId);
    const tags = [...new Set(sorted.flatMap((annotation) => annotation.sampleTags))];
    groups.push({ sampleId, annotations: sorted, tags });
  }
  return groups.sort((x, y) => x.sampleId - y.sampleId);
}

function compute<P, F extends AgreementFigure>(
  groups: readonly SampleGroup[],
  kind: F['kind'],
  measure: Measure<P, F>,
  options: AgreementOptions,
  perClass: () => ClassAgreement[],
): ProjectAgreement<F> {
  const width = measure.width;
  let total = 0;
  for (const group of groups) total += (group.annotations.length * (group.annotations.length - 1)) / 2;
  const counts = new Float64Array(total * width);
  const sampleCounts = new Float64Array(groups.length * width);

  const overall = new Pool(width);
  const pairs = new Map<string, Pool>();
  const labelers = new Map<number, Pool>();
  const tags = new Map<string, Pool>();
  const versions = new Map<number, Pool>();
  const perSample: ProjectAgreement<F>['perSample'] = [];

  let comparison = 0;
  groups.forEach((group, s) => {
    const prepared = group.annotations.map((annotation) => measure.prepare(annotation.payload));
    const sampleOffset = s * width;
    const sample = new Pool(width);
    let scoreSum = 0;
    for (let i = 0; i < prepared.length; i++) {
      for (let j = i + 1; j < prepared.length; j++) {
        const offset = comparison * width;
        measure.compare(prepared[i]!, prepared[j]!, counts, offset);
        const a = group.annotations[i]!;
        const b = group.annotations[j]!;
        overall.add(counts, offset, s);
        sample.add(counts, offset, s);
        poolFor(pairs, `${a.labelerId}:${b.labelerId}`, width).add(counts, offset, s);
        poolFor(labelers, a.labelerId, width).add(counts, offset, s);
        poolFor(labelers, b.labelerId, width).add(counts, offset, s);
        for (const tag of group.tags) poolFor(tags, tag, width).add(counts, offset, s);
        if (a.guidelineVersion === b.guidelineVersion) poolFor(versions, a.guidelineVersion, width).add(counts, offset, s);
        scoreSum += measure.score(counts, offset);
        comparison++;
      }
    }
    sampleCounts.set(sample.counts, sampleOffset);
    const score = measure.sampleScore === 'pooled' ? measure.score(sample.counts, 0) : scoreSum / sample.comparisons;
    perSample.push({
      sampleId: group.sampleId,
      score,
      labelerIds: group.annotations.map((annotation) => annotation.labelerId),
      figure: measure.figure(sample.counts, sample.comparisons, 1),
    });
  });
  perSample.sort((x, y) => y.score - x.score || x.sampleId - y.sampleId);

  const figureOf = (pool: Pool): F => measure.figure(pool.counts, pool.comparisons, pool.samples);
  const overallFigure = figureOf(overall);
  const interval = options.bootstrap === false ? null : overallInterval(measure, sampleCounts, groups.length, options.bootstrap ?? {});

  return {
    kind,
    overall: { ...overallFigure, interval },
    perSample,
    perPair: [...pairs]
      .map(([key, pool]) => {
        const [labelerA, labelerB] = key.split(':').map(Number) as [number, number];
        return { labelerA, labelerB, figure: figureOf(pool) };
      })
      .sort((x, y) => x.labelerA - y.labelerA || x.labelerB - y.labelerB),
    perLabeler: [...labelers]
      .sort(([x], [y]) => x - y)
      .map(([labelerId, pool]) => {
        const figure = figureOf(pool);
        const difference = figure.value === null || overallFigure.value === null ? null : figure.value - overallFigure.value;
        return { labelerId, figure, difference };
      }),
    perClass: perClass(),
    perTag: [...tags].sort(([x], [y]) => compareText(x, y)).map(([key, pool]) => ({ key, figure: figureOf(pool) })),
    perGuidelineVersion: [...versions].sort(([x], [y]) => x - y).map(([key, pool]) => ({ key, figure: figureOf(pool) })),
    tagKappa: tagAgreement(groups),
    emptyFlag: { flag: kind === 'bbox' ? 'noObjects' : 'noSpeech', ...binaryAlpha(groups.map((group) => group.annotations.map(isEmpty))) },
  };
}

/** Bootstrap of `overall.value` over samples: a draw sums the drawn samples' counts. */
function overallInterval<P, F extends AgreementFigure>(
  measure: Measure<P, F>,
  sampleCounts: Float64Array,
  samples: number,
  options: NonNullable<Exclude<AgreementOptions['bootstrap'], false>>,
): ProjectAgreement['overall']['interval'] {
  const width = measure.width;
  const indices = Array.from({ length: samples }, (_, s) => s);
  const sum = new Float64Array(width);
  return bootstrapInterval(
    indices,
    (draw) => {
      sum.fill(0);
      for (const s of draw) for (let k = 0; k < width; k++) sum[k]! += sampleCounts[s * width + k]!;
      return measure.figure(sum, 0, 0).value;
    },
    { resamples: 200, ...options },
  );
}

function tagAgreement(groups: readonly SampleGroup[]): (BinaryAlpha & { tag: string })[] {
  const names = new Set<string>();
  for (const group of groups) for (const annotation of group.annotations) for (const tag of annotation.payload.tags) names.add(tag);
  return [...names].sort(compareText).map((tag) => ({
    tag,
    ...binaryAlpha(groups.map((group) => group.annotations.map((annotation) => annotation.payload.tags.includes(tag)))),
  }));
}

function isEmpty(annotation: AnnotationForAgreement): boolean {
  return annotation.payload.kind === 'bbox' ? annotation.payload.noObjects : annotation.payload.noSpeech;
}

function compareText(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}
