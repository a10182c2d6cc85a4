import { useCallback, useEffect, useRef, useState } from 'react';
import type { OperationArg } from '../../shared/api/contract';
import type { RunModel } from '../../shared/domain/training';
import { transcriptPrelabels } from '../../shared/train/clip-prelabels';
import type { DetectorSettings } from '../../shared/train/detect-boxes';
import { api } from '../api/api';
import type { PredictorEvent, PredictorRequest } from './predictor-protocol';

/** Clips predicted per page: their spectrograms are all a page holds, so memory stays flat over any project. */
const CLIPS_PER_PAGE = 64;
/** Images per page: each comes whole (shrunk by the run's scale), so fewer than clips. */
const IMAGES_PER_PAGE = 8;

/** The prediction source a run's pre-labels are stored under. */
export const baselineSourceName = (runId: number) => `Baseline run ${runId}`;

export interface OfferState {
  phase: 'idle' | 'running' | 'done' | 'cancelled' | 'error';
  runId: number | null;
  /** Clips or images looked at, of `total` (null until the first page says). */
  done: number;
  total: number | null;
  /** Samples given a pre-label; the rest of `done` were below the threshold (no box for images) or unreadable. */
  stored: number;
  unsure: number;
  unreadable: number;
  error: string | null;
}

const IDLE: OfferState = { phase: 'idle', runId: null, done: 0, total: null, stored: 0, unsure: 0, unreadable: 0, error: null };

/**
 * Offers a finished run as pre-labels: its model, loaded in a worker, predicts the project's
 * clips (their transcript) or images (the boxes it finds) outside its dataset version that still
 * await a labeler, a page at a time; each page's answers at or above `minConfidence` are stored as one batch of the source `Baseline run <id>`
 * (the first batch replacing what the source held). Cancel stops after the page in hand, keeping
 * what was stored.
 */
export function useOfferRun(): { state: OfferState; start(runId: number, version: number, minConfidence: number): void; cancel(): void } {
  const [state, setState] = useState<OfferState>(IDLE);
  const current = useRef<{ worker: Worker; cancelled: boolean } | null>(null);
  useEffect(() => () => current.current?.worker.terminate(), []);

  const start = useCallback((runId: number, version: number, minConfidence: number) => {
    current.current?.worker.terminate();
    const job = { worker: new Worker(new URL('./predictor.worker.ts', import.meta.url), { type: 'module' }), cancelled: false };
    current.current = job;
    const update = (change: Partial<OfferState>) => {
      if (current.current === job) setState((s) => ({ ...s, ...change }));
    };
    setState({ ...IDLE, phase: 'running', runId });
    run(job, runId, version, minConfidence, update)
      .then(() => update({ phase: job.cancelled ? 'cancelled' : 'done' }))
      .catch((error: unknown) => update({ phase: 'error', error: error instanceof Error ? error.message : String(error) }))
      .finally(() => {
        job.worker.terminate();
        if (current.current === job) current.current = null;
      });
  }, []);

  const cancel = useCallback(() => {
    if (current.current) current.current.cancelled = true;
  }, []);
  return { state, start, cancel };
}

type Prediction = OperationArg<'prelabels.storeBatch'>['predictions'][number];
type Ask = ReturnType<typeof askerOf>;

/** One page of a run's answers: what to store, how many samples it looked at, how many it could not read. */
interface PredictedPage {
  predictions: Prediction[];
  looked: number;
  unreadable: number;
  next: number | null;
  total: number | null;
}

async function run(
  job: { worker: Worker; cancelled: boolean },
  runId: number,
  version: number,
  minConfidence: number,
  update: (change: Partial<OfferState>) => void,
): Promise<void> {
  const ask = askerOf(job.worker);
  const model = await api.call('train.runModel', { runId });
  const weights = bytesOf(model.weightsBase64).buffer;
  await ask({ type: 'load', modelJson: model.modelJson, weights }, [weights], 'loaded');
  const source = baselineSourceName(runId);
  const counts = { done: 0, stored: 0, unsure: 0, unreadable: 0 };
  let after = 0;
  let replace = true;
  for (;;) {
    const page =
      model.input.kind === 'crops'
        ? await imagePage(ask, model, model.input.detector, version, after, minConfidence)
        : await clipPage(ask, model, version, after, minConfidence);
    // Sent even when empty the first time: offering a run again starts its source anew.
    if (replace || page.predictions.length > 0) {
      const stored = await api.call('prelabels.storeBatch', { source, replace, predictions: page.predictions });
      counts.stored += stored.imported;
      replace = false;
    }
    counts.done += page.looked + page.unreadable;
    counts.unsure += page.looked - page.predictions.length;
    counts.unreadable += page.unreadable;
    update(page.total === null ? counts : { ...counts, total: page.total });
    if (page.next === null || job.cancelled) return;
    after = page.next;
  }
}

/** A page of clips, each with its most probable transcript where the model is sure enough. */
async function clipPage(ask: Ask, model: RunModel, version: number, after: number, minConfidence: number): Promise<PredictedPage> {
  const page = await api.call('train.clipsToPrelabel', { version, after, limit: CLIPS_PER_PAGE });
  let predictions: Prediction[] = [];
  if (page.clips.length > 0) {
    const inputs = new Float32Array(bytesOf(page.features).buffer);
    const answer = await ask({ type: 'predict', shape: [page.bands, page.steps, 1], inputs }, [inputs.buffer], 'probabilities');
    predictions = transcriptPrelabels(
      page.clips.map((c) => c.sampleId),
      answer.probabilities,
      model.classes,
      minConfidence,
    );
  }
  return { predictions, looked: page.clips.length, unreadable: page.problems.length, next: page.next, total: page.total };
}

/** A page of images, each with the boxes the model finds at or above the threshold (an image with none gets no pre-label). */
async function imagePage(
  ask: Ask,
  model: RunModel,
  detector: DetectorSettings | undefined,
  version: number,
  after: number,
  minConfidence: number,
): Promise<PredictedPage> {
  if (!detector) throw new Error(`run ${model.runId} was trained before box runs learned to find boxes: train it again`);
  const page = await api.call('train.imagesToPrelabel', { version, scale: detector.scale, after, limit: IMAGES_PER_PAGE });
  const pixels = bytesOf(page.pixels);
  const predictions: Prediction[] = [];
  let at = 0;
  for (const image of page.images) {
    const size = image.width * image.height * 3;
    const rgb = pixels.slice(at, at + size);
    at += size;
    const answer = await ask(
      {
        type: 'detect',
        image: { width: image.width, height: image.height, pixels: rgb },
        original: image.original,
        detector,
        classCount: model.classes.length,
        minConfidence,
      },
      [rgb.buffer],
      'detections',
    );
    if (answer.detections.length === 0) continue;
    const boxes = answer.detections.map(({ box: [x1, y1, x2, y2], classIndex, score }) => ({ className: model.classes[classIndex]!, x1, y1, x2, y2, score }));
    predictions.push({ sampleId: image.sampleId, boxes, confidence: Math.min(...boxes.map((b) => b.score)) });
  }
  return { predictions, looked: page.images.length, unreadable: page.problems.length, next: page.next, total: page.total };
}

/** Sends requests to the worker one at a time and waits for the answer of the expected type. */
function askerOf(worker: Worker) {
  return <T extends PredictorEvent['type']>(request: PredictorRequest, transfer: Transferable[], expected: T): Promise<Extract<PredictorEvent, { type: T }>> =>
    new Promise((resolve, reject) => {
      worker.onmessage = (message: MessageEvent<PredictorEvent>) => {
        const event = message.data;
        if (event.type === expected) resolve(event as Extract<PredictorEvent, { type: T }>);
        else reject(new Error(event.type === 'error' ? event.message : `the prediction worker answered ${event.type}`));
      };
      worker.onerror = (event) => reject(new Error(event.message || 'the prediction worker failed'));
      worker.postMessage(request, transfer);
    });
}

function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}
