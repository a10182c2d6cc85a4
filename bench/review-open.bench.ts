// The first `review.queue` after opening a large project, in the same run: the previous way (the
// worker built the project's whole agreement ledger and the review queue from every submitted
// annotation), the first request on a project whose queue is not kept yet (a project from before
// migration 23: it answers at once, and every sample is classified in the background, a chunk per
// transaction, while the Review area reads its page once a second), and after reopening it (the
// queue kept in the project's database: one page query). Works on a copy of the project
// large-project keeps (`--samples N`, 20,000 by default), so that one stays as it was.
// Profile the back end with `node --cpu-prof out/main/web.js` against such a copy.
// Run with `npm run bench -- review-open [--samples N]`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AgreementLedger } from '../shared/agreement';
import type { ClassifyingProgress } from '../shared/domain/classifying';
import type { ReviewQueueView } from '../shared/domain/gold';
import { ReviewLedger } from '../shared/disagreement/review-ledger';
import { openConnection } from '../electron/db/connection';
import { submittedForAgreement } from '../electron/db/queries/agreement-inputs';
import { forgetKeptReviewQueue } from '../electron/db/queries/review-queue';
import { startWebApp } from '../test/support/web-app';
import { ensureProject } from './large-project.bench';
import { copyProjectDatabase, costNote, quietCpu, samplesArg, startMeter, stepFigures, timed, type Benchmark, type Figure } from './support';

const IOU = 0.5;

/** Marks every sample stale, as migration 23 does for a project made before the queue was kept (a no-op on one older still). */
async function forgetKeptQueue(database: string): Promise<void> {
  const connection = openConnection(database);
  try {
    await forgetKeptReviewQueue(connection.db);
  } finally {
    await connection.close();
  }
}

/** Milliseconds the worker used to take to answer the first review page: both ledgers built from every annotation. */
async function previousLoad(database: string): Promise<number> {
  const connection = openConnection(database, { readonly: true });
  try {
    return await timed(async () => {
      const annotations = await submittedForAgreement(connection.db);
      const agreement = AgreementLedger.of('bbox', annotations, { iouThreshold: IOU, normalize: [] });
      const severity = new Map<number, number>();
      for (const { sampleId } of annotations) severity.set(sampleId, agreement.scoreOf(sampleId) ?? 0);
      ReviewLedger.of(annotations, severity, { iouThreshold: IOU });
    });
  } finally {
    await connection.close();
  }
}

async function measure(projectDir: string, samples: number): Promise<Figure[]> {
  const size = `${samples.toLocaleString('en')} images`;
  const work = mkdtempSync(join(tmpdir(), 'concord-review-open-'));
  const copy = copyProjectDatabase(projectDir, join(work, 'project'));
  const app = await startWebApp(join(work, 'app-data'));
  const { figures, step, record, fromNow } = stepFigures(size, app.pid);
  try {
    // Computed in this process: its own CPU time, not the back end's.
    const cost = startMeter();
    const before = await previousLoad(join(copy, 'concord.db'));
    // For comparison: how the first page used to be made.
    record('the previous first review.queue: both ledgers from every annotation (computed alone, no worker)', before, null, {
      note: `for comparison; ${costNote(cost(), 'this process')}`,
    });

    const firstPage = () => app.call<ReviewQueueView>('review.queue', { limit: 100, iouThreshold: IOU });
    // A generated project keeps its queue already: drop it, as a project from before it was kept.
    await forgetKeptQueue(join(copy, 'concord.db'));
    await app.call('projects.open', { dir: copy });
    // A person goes to Review from the screen opening showed, once the host is quiet after opening (the
    // integrity check of a copy and the agreement worker's start run beside it): under 10 ms of CPU in 300 ms.
    const settled = await quietCpu(app.pid, 300, 10, 60_000);
    fromNow();
    let total = 0;
    // Once per project, but a person waits for it: after an upgrade from before the queue was kept, or a
    // label import that answers every sample, every sample is classified again, in the background.
    let classifying: ClassifyingProgress | null = null;
    let started = 0;
    await step(
      'first review.queue, nothing kept yet (answered at once; every sample classified in the background)',
      300,
      () =>
        timed(async () => {
          started = performance.now();
          classifying = (await firstPage()).classifying;
        }),
      {
        note: () =>
          `${classifying ? `${classifying.remaining.toLocaleString('en')} samples to classify` : 'the queue was current (nothing to classify)'}; the back end quiet ${(settled / 1000).toFixed(1)} s after opening`,
      },
    );
    // The Review area reads its page again at each report of progress (about once a second).
    const whileClassifying: number[] = [];
    const classifyingMeter = startMeter(app.pid);
    let page = await firstPage();
    while (page.classifying) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const asked = performance.now();
      page = await firstPage();
      whileClassifying.push(performance.now() - asked);
    }
    total = page.total;
    const classified = performance.now() - started;
    const classifyingCost = classifyingMeter();
    record('review.queue while the rest is classified in the background (the slowest of those read once a second)', Math.max(0, ...whileClassifying), 300, {
      note: `${whileClassifying.length} reads`,
    });
    record('the whole queue classified in the background, nothing kept', classified, null, {
      note: `for comparison, to within the second between reads: ${(classified / samples).toFixed(2)} ms a sample; ${costNote(classifyingCost)}`,
    });

    await app.call('projects.close');
    await app.call('projects.open', { dir: copy });
    await step('first review.queue after reopening (the queue kept in the project database)', 300, () => timed(firstPage), {
      note: (warm) => `${(before / warm).toFixed(0)}× less than the previous load; ${total.toLocaleString('en')} samples in the queue`,
    });
    await step('review.queue again', 300, () => timed(firstPage));
  } finally {
    await app.stop();
    rmSync(work, { recursive: true, force: true });
  }
  return figures;
}

export const benchmark: Benchmark = {
  name: 'review-open',
  summary:
    'the first review.queue after opening a large project: the previous load, nothing kept (and its classification in the background), and the kept queue',
  async run(args) {
    const samples = samplesArg(args, 20_000);
    const { kept, figures } = await ensureProject('bbox', samples);
    return [...figures, ...(await measure(kept.projectDir, samples))];
  },
};
