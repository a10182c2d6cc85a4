import type { AnnotationPayload } from '../annotation/payload';
import { bySample, currentAnswers } from '../agreement/current-answers';
import { BoxMeasure } from '../agreement/box-measure';
import type { Measure } from '../agreement/measure';
import { projectAgreement } from '../agreement/project-agreement';
import { TranscriptMeasure } from '../agreement/transcript-measure';
import type { AgreementFigure, AgreementOptions, AnnotationForAgreement } from '../agreement/types';
import type { AnchoringArmFigures, ArmFigure, PrelabelArm } from '../domain/prelabel';
import { PoissonBootstrap } from '../metrics/poisson-bootstrap';

/** A submitted answer, the arm its assignment was in and the model's prediction it started from or was kept blind to. */
export interface ArmedAnswer extends AnnotationForAgreement {
  arm: PrelabelArm;
  model: AnnotationPayload;
}

/**
 * The anchoring figures of one arm. `between` is exactly the dashboard's agreement
 * (`projectAgreement`) over the arm's answers, so it compares labelers who both worked in the
 * arm on a sample. `withModel` compares each labeler's current answer with its `model`
 * prediction by the same measure (the model as reference), pooled over answers;
 * its interval resamples samples with the same Poisson bootstrap.
 * @example anchoringArm([], 'prelabeled', 'bbox').between.value // null
 */
export function anchoringArm(
  answers: readonly ArmedAnswer[],
  arm: PrelabelArm,
  kind: 'bbox' | 'transcript',
  options: AgreementOptions = {},
): AnchoringArmFigures {
  const inArm = answers.filter((answer) => answer.arm === arm);
  const overall = projectAgreement(inArm, kind as 'bbox', options).overall;
  const current = [...bySample(inArm).values()].flatMap((list) => currentAnswers(list) as ArmedAnswer[]);
  return {
    answers: current.length,
    between: { value: overall.value, comparisons: overall.comparisons, samples: overall.samples, interval: overall.interval },
    withModel: agreementWithModel(current, kind, options),
  };
}

function agreementWithModel(answers: readonly ArmedAnswer[], kind: 'bbox' | 'transcript', options: AgreementOptions): ArmFigure {
  const measure: Measure<unknown, AgreementFigure> =
    kind === 'bbox' ? new BoxMeasure(options.iouThreshold ?? 0.5) : new TranscriptMeasure(options.normalize ?? []);
  const total = new Float64Array(measure.width);
  const bootstrap = options.bootstrap === false ? null : new PoissonBootstrap(measure.width, options.bootstrap);
  const details = { classes: new Map<number, Float64Array>(), confusion: new Map<number, number>() };
  let comparisons = 0;
  let samples = 0;
  for (const [sampleId, list] of bySample(answers)) {
    const sampleCounts = new Float64Array(measure.width);
    const one = new Float64Array(measure.width);
    for (const answer of list as ArmedAnswer[]) {
      measure.compare(measure.prepare(answer.model), measure.prepare(answer.payload), one, 0, details);
      for (let k = 0; k < measure.width; k++) sampleCounts[k]! += one[k]!;
      comparisons++;
    }
    details.classes.clear();
    details.confusion.clear();
    for (let k = 0; k < measure.width; k++) total[k]! += sampleCounts[k]!;
    bootstrap?.apply(sampleId, sampleCounts, 1);
    samples++;
  }
  return {
    value: measure.figure(total, comparisons, samples).value,
    comparisons,
    samples,
    interval: bootstrap && samples > 0 ? bootstrap.interval((sums) => measure.figure(sums, 0, 0).value) : null,
  };
}
