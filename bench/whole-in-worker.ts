// The whole computation as the app runs it: in the agreement worker's built bundle (what
// `npm run bench` builds first), started and warmed as a project's opening starts it, then sent
// every sample's answers packed as the tracker sends them and asked for the dashboard. Each round
// is a fresh worker, as a project's first computation is; the answers are packed before the clock
// starts (the tracker packs them on the main thread while the worker measures).
import { join } from 'node:path';
import type { AnnotationForAgreement } from '../shared/agreement';
import { DEFAULT_DASHBOARD_OPTIONS } from '../electron/services/agreement';
import { WHOLE_WARM_UP } from '../electron/services/agreement-tracker';
import type { AgreementRequest, AgreementResponse } from '../electron/workers/agreement-protocol';
import { packAnswerPieces, transferablesOf } from '../electron/workers/packed-answers';
import { spawnBuiltWorker } from '../electron/workers/spawn';
import { WorkerRequests } from '../electron/workers/worker-requests';

const BUILT_WORKER = join(import.meta.dirname, '..', 'out', 'main', 'agreement.worker.js');
/** As the Agreement area asks, and as a project's opening warms the worker for. */
const OPTIONS = DEFAULT_DASHBOARD_OPTIONS;
const KEY = JSON.stringify(OPTIONS);

/**
 * Milliseconds from the first answers sent to a warmed, fresh agreement worker to its dashboard of
 * every sample of `annotations`, in each of `rounds` workers.
 * @example const times = await wholeComputationsInWorker('bbox', annotations, 3);
 */
export async function wholeComputationsInWorker(
  kind: 'bbox' | 'transcript',
  annotations: readonly AnnotationForAgreement[],
  rounds: number,
): Promise<number[]> {
  const sorted = [...annotations].sort((a, b) => a.sampleId - b.sampleId);
  const rows = sorted.map((answer, index) => ({
    revisionId: index + 1,
    sampleId: answer.sampleId,
    labelerId: answer.labelerId,
    guidelineVersion: answer.guidelineVersion,
    submittedAt: answer.submittedAt,
    payloadJson: JSON.stringify(answer.payload),
    sampleTags: [...answer.sampleTags].sort(),
  }));
  const samples = [...new Set(rows.map((row) => row.sampleId))];
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const worker = spawnBuiltWorker(BUILT_WORKER, undefined, 'bulk');
    const requests = new WorkerRequests<AgreementRequest, AgreementResponse, unknown>(worker, {
      name: 'agreement worker',
      read: (response) => {
        if (response.ok) return response.value;
        throw new Error(response.message);
      },
    });
    const ask = requests.send.bind(requests);
    try {
      worker.postMessage({ type: 'warmUp', kind, options: OPTIONS, samples: WHOLE_WARM_UP, fillYoungGeneration: true } satisfies AgreementRequest);
      // Answered once the warm-up before it is done: the worker takes its messages in order.
      await ask((id) => ({ type: 'load', id, key: KEY, kind, options: OPTIONS, file: null, project: '' }));
      const pieces = packAnswerPieces(samples, rows, []);
      const start = performance.now();
      worker.postMessage({ type: 'begin', key: KEY, position: '0', fresh: true } satisfies AgreementRequest);
      const filled = pieces.map((piece) => ask((id) => ({ type: 'fill', id, key: KEY, ...piece }), transferablesOf(piece.answers)));
      await Promise.all([...filled, ask((id) => ({ type: 'dashboard', id, key: KEY }))]);
      times.push(performance.now() - start);
    } finally {
      await requests.close();
    }
  }
  return times;
}
