import { parentPort } from 'node:worker_threads';
import { AgreementLedger, type AnnotationForAgreement } from '../../shared/agreement';
import { bySample } from '../../shared/agreement/current-answers';
import { ReviewLedger } from '../../shared/disagreement/review-ledger';
import type { ReviewOptions } from '../../shared/disagreement/review-entry';
import type { PackedLabelerDrift } from '../../shared/quality/packed-drift';
import { teamDriftOf } from '../../shared/quality/team-drift';
import { collectGarbage } from '../services/collect-garbage';
import type { AgreementRequest, AgreementResponse } from './agreement-protocol';
import { KeptAgreementLedger, REWRITE_AFTER, UnreadableLedgerError } from './kept-agreement-ledger';
import { warmUpMeasuring } from './agreement-warm-up';
import { fillYoungGeneration } from './young-generation';
import { unpackAnswers } from './packed-answers';
import { readReviewQueueFile, writeReviewQueueFile } from './review-queue-file';

/**
 * Keeps a project's agreement and review queue current off the main thread: loading a large
 * project takes seconds, and every later submission only updates its own sample (milliseconds).
 */
const port = parentPort;
if (!port) throw new Error('the agreement worker must run as a worker thread');

/** A review queue with what it was built from: the stamp of each sample's inputs, and its file. */
interface KeptQueue {
  ledger: ReviewLedger;
  kind: 'bbox' | 'transcript';
  options: ReviewOptions;
  stamps: Map<number, string>;
  file: string | null;
  /** Whether the queue holds samples its file does not (or lacks some it has). */
  changed: boolean;
}

const ledgers = new Map<string, KeptAgreementLedger | Error>();
const queues = new Map<string, KeptQueue | Error>();
/** Drift answered per ledger, kept until a ledger changes: the Agreement area asks again on every visit. */
const driftAnswers = new Map<string, PackedLabelerDrift[]>();
const CHANGES_DRIFT: ReadonlySet<AgreementRequest['type']> = new Set(['load', 'begin', 'fill', 'drop', 'set']);
/**
 * Samples filled between full collections of this thread: each fill's texts and parsed answers
 * are dead once measured, but V8 left them in the old generation beside the ledger. A collection
 * here costs ~0.2–0.3 s of CPU (the ledger is alive and marked each time), so it runs only every
 * 40,000 samples: at 100,000 × 3 the back end's peak fell from 498–509 to 481–485 MB for ~0.5 s
 * more of the whole computation's ~8.5 s (the web host, alternated, idle).
 */
const COLLECT_EVERY_SAMPLES = 40_000;
let samplesSinceCollection = 0;
/** Whether this thread has measured a sample (or made-up ones): its measuring code is then compiled, and a `warmUp` has nothing to do. */
let measuredHere = false;

// Reading a kept queue waits for the disk: requests are handled one after another, in the order sent.
let handled: Promise<void> = Promise.resolve();
port.on('message', (request: AgreementRequest) => {
  handled = handled.then(() => handle(request));
});

async function handle(request: AgreementRequest): Promise<void> {
  if (CHANGES_DRIFT.has(request.type)) driftAnswers.clear();
  switch (request.type) {
    case 'load': {
      const { kind, options, file, project, key } = request;
      const loaded = await KeptAgreementLedger.load(kind, options, { kind, options: key, project }, file).catch((error: unknown) => ({
        kept: error instanceof Error ? error : new Error(String(error)),
        position: null,
      }));
      ledgers.set(key, loaded.kept);
      port!.postMessage({ id: request.id, ok: true, value: { position: loaded.position } } satisfies AgreementResponse);
      return;
    }
    case 'begin': {
      const kept = ledgers.get(request.key);
      if (kept instanceof KeptAgreementLedger) kept.begin(request.position, request.fresh);
      return;
    }
    case 'fill': {
      const kept = ledgers.get(request.key);
      if (kept !== undefined && !(kept instanceof Error)) {
        // A failed ledger answers its error to the next request; the next load starts clean.
        const failed = attempt(() => kept.fill(request.samples, unpackAnswers(request.answers)));
        if (failed instanceof Error) {
          kept.close();
          ledgers.set(request.key, failed);
        }
      }
      samplesSinceCollection += request.samples.length;
      if (request.samples.length > 0) measuredHere = true;
      if (samplesSinceCollection >= COLLECT_EVERY_SAMPLES) {
        collectGarbage();
        samplesSinceCollection = 0;
      }
      const filled = kept instanceof KeptAgreementLedger ? kept.ledger.size : 0;
      port!.postMessage({ id: request.id, ok: true, value: { samples: filled } } satisfies AgreementResponse);
      return;
    }
    case 'saveLedger': {
      // A ledger loaded by measuring many samples is written whole next, and the tracker then has
      // a fresh worker take it back beside this one (see its renewal). The chunks' texts and answers,
      // dead once measured, still hold pages of this thread's heap: collected now (~50 ms at
      // 100,000 × 3, the answer already sent) and once more when the file is written (what the
      // requests answered meanwhile made, the Agreement area's drift say), this thread gives them
      // back before the fresh one adds its own. The back end's peak over the Agreement area's
      // requests and the renewal fell from 437–445 to 386–407 MB (100,000 × 3, alternated).
      const loadedByMeasuring = samplesSinceCollection >= REWRITE_AFTER;
      if (loadedByMeasuring) {
        collectGarbage();
        samplesSinceCollection = 0;
      }
      const kept = ledgers.get(request.key);
      const saving = kept instanceof KeptAgreementLedger ? kept.save() : Promise.resolve(false);
      // Not waited for here: the requests after it are answered while the file is written.
      void saving
        .catch((error: unknown) => {
          // Its entries could not be read to be written again: the next request is answered this error, the one after builds it again.
          if (error instanceof UnreadableLedgerError && ledgers.get(request.key) === kept) ledgers.set(request.key, error);
          // Only the next session's first request is slower: the ledger in memory is whole.
          console.warn(`[agreement] could not keep the agreement ledger: ${error instanceof Error ? error.message : String(error)}`);
          return false;
        })
        .then((saved) => {
          if (saved && loadedByMeasuring) collectGarbage();
          port!.postMessage({ id: request.id, ok: true, value: { saved } } satisfies AgreementResponse);
        });
      return;
    }
    case 'drop': {
      const dropped = ledgers.get(request.key);
      if (dropped instanceof KeptAgreementLedger) dropped.close();
      ledgers.delete(request.key);
      return;
    }
    case 'loadReview': {
      const { queue, stale } = await loadQueue(request);
      queues.set(request.key, queue);
      port!.postMessage({ id: request.id, ok: true, value: { stale } } satisfies AgreementResponse);
      return;
    }
    case 'fillReview': {
      const queue = queues.get(request.key);
      if (queue === undefined || queue instanceof Error) return;
      const failed = attempt(() => {
        for (const [sampleId, annotations] of bySample(unpackAnswers(request.answers))) setQueueSample(queue, sampleId, annotations);
      });
      if (failed instanceof Error) queues.set(request.key, failed);
      else queue.changed = true;
      return;
    }
    case 'saveReview': {
      const queue = queues.get(request.key);
      let saved = false;
      if (queue !== undefined && !(queue instanceof Error) && queue.file !== null && queue.changed) {
        saved = await saveQueue(queue).then(
          () => true,
          (error: unknown) => {
            // Only the next session's start is slower: the queue in memory is whole.
            console.warn(`[review] could not keep the review queue in ${queue.file}: ${error instanceof Error ? error.message : String(error)}`);
            return false;
          },
        );
      }
      port!.postMessage({ id: request.id, ok: true, value: { saved } } satisfies AgreementResponse);
      return;
    }
    case 'dropReview':
      queues.delete(request.key);
      return;
    case 'set':
      measuredHere = true;
      for (const [key, kept] of ledgers) {
        if (kept instanceof Error) continue;
        // On an error the ledger kept its previous figures for the sample; the next load starts clean.
        const failed = attempt(() => kept.set(request.sampleId, request.annotations));
        if (failed instanceof Error) {
          kept.close();
          ledgers.set(key, failed);
        }
      }
      for (const [key, queue] of queues) {
        if (queue instanceof Error) continue;
        const failed = attempt(() => setQueueSample(queue, request.sampleId, request.annotations));
        if (failed instanceof Error) queues.set(key, failed);
        // Its stamp is no longer known here: the next session classifies the sample again.
        else queue.stamps.delete(request.sampleId);
      }
      return;
    case 'warmUp': {
      // A ledger that measured the samples changed since its file needs none.
      if (measuredHere) return;
      measuredHere = true;
      // Only speed depends on it (the first computation's, the first submission's): a failure is noted, and changes nothing else.
      const failed = attempt(() => warmUpMeasuring(request.kind, request.options, request.samples));
      if (failed instanceof Error) console.warn(`[agreement] could not warm up the measuring code: ${failed.message}`);
      if (request.fillYoungGeneration) fillYoungGeneration();
      return;
    }
    case 'snapshot':
      port!.postMessage(answer(request.id, ledgers.get(request.key), (kept) => kept.ledger.snapshot()));
      return;
    case 'dashboard':
      port!.postMessage(answer(request.id, ledgers.get(request.key), (kept) => kept.ledger.dashboard()));
      return;
    case 'scores':
      port!.postMessage(answer(request.id, ledgers.get(request.key), (kept) => kept.ledger.scores()));
      return;
    case 'review':
      port!.postMessage(answer(request.id, queues.get(request.key), (queue) => queue.ledger.page(request.query)));
      return;
    case 'drift':
      port!.postMessage(
        answer(request.id, ledgers.get(request.key), (kept) => {
          let drift = driftAnswers.get(request.key);
          // Read from the ledger's peer records as they are: no object per sample or point.
          if (!drift) driftAnswers.set(request.key, (drift = teamDriftOf({ forEachSample: kept.ledger.forEachPeerRecord.bind(kept.ledger) })));
          return drift;
        }),
      );
  }
}

async function loadQueue(request: Extract<AgreementRequest, { type: 'loadReview' }>): Promise<{ queue: KeptQueue | Error; stale: number[] }> {
  const queue: KeptQueue = {
    ledger: new ReviewLedger(request.review),
    kind: request.kind,
    options: request.review,
    stamps: request.stamps,
    file: request.file,
    changed: false,
  };
  const kept = request.file === null ? [] : await readReviewQueueFile(request.file, request.kind, request.review.iouThreshold ?? null);
  const restored = new Set<number>();
  const failed = attempt(() => {
    for (const sample of kept) {
      if (request.stamps.get(sample.sampleId) !== sample.stamp) continue;
      queue.ledger.restore(sample.sampleId, sample.entry, sample.severity);
      restored.add(sample.sampleId);
    }
  });
  if (failed instanceof Error) return { queue: failed, stale: [] };
  queue.changed = restored.size !== kept.length;
  return { queue, stale: [...request.stamps.keys()].filter((sampleId) => !restored.has(sampleId)) };
}

/** Classifies one sample's annotations into the queue, its severity scored as agreement scores it. */
function setQueueSample(queue: KeptQueue, sampleId: number, annotations: readonly AnnotationForAgreement[]): void {
  const severity = AgreementLedger.scoreOfSample(queue.kind, sampleId, annotations, { iouThreshold: queue.options.iouThreshold, normalize: [] }) ?? 0;
  queue.ledger.setSample(sampleId, annotations, severity);
}

async function saveQueue(queue: KeptQueue): Promise<void> {
  const samples = [];
  for (const { sampleId, entry, severity } of queue.ledger.kept()) {
    const stamp = queue.stamps.get(sampleId);
    if (stamp !== undefined) samples.push({ sampleId, stamp, severity, entry });
  }
  await writeReviewQueueFile(queue.file!, { kind: queue.kind, iouThreshold: queue.options.iouThreshold ?? null, samples });
  queue.changed = false;
}

function attempt<T>(run: () => T): T | Error {
  try {
    return run();
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

function answer<T>(id: number, kept: T | Error | undefined, read: (kept: T) => Extract<AgreementResponse, { ok: true }>['value']): AgreementResponse {
  if (kept === undefined) return { id, ok: false, message: 'agreement was asked for before it was loaded' };
  if (kept instanceof Error) return { id, ok: false, message: kept.message };
  try {
    return { id, ok: true, value: read(kept) };
  } catch (error) {
    return { id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}
