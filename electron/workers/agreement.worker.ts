import { parentPort } from 'node:worker_threads';
import { AgreementLedger } from '../../shared/agreement';
import { ReviewLedger } from '../../shared/disagreement/review-ledger';
import type { AgreementRequest, AgreementResponse } from './agreement-protocol';

/**
 * Keeps a project's agreement and review queue current off the main thread: loading a large
 * project takes seconds, and every later submission only updates its own sample (milliseconds).
 */
const port = parentPort;
if (!port) throw new Error('the agreement worker must run as a worker thread');

interface Ledgers {
  agreement: AgreementLedger;
  review: ReviewLedger | null;
}

const ledgers = new Map<string, Ledgers | Error>();

port.on('message', (request: AgreementRequest) => {
  switch (request.type) {
    case 'load':
      ledgers.set(request.key, load(request));
      return;
    case 'drop':
      ledgers.delete(request.key);
      return;
    case 'set':
      for (const [key, kept] of ledgers) {
        if (kept instanceof Error) continue;
        try {
          kept.agreement.setSample(request.sampleId, request.annotations);
          kept.review?.setSample(request.sampleId, request.annotations, kept.agreement.scoreOf(request.sampleId) ?? 0);
        } catch (error) {
          // The ledger kept its previous figures for the sample; the next load starts clean.
          ledgers.set(key, error instanceof Error ? error : new Error(String(error)));
        }
      }
      return;
    case 'snapshot':
      port.postMessage(answer(request.id, request.key, (kept) => kept.agreement.snapshot()));
      return;
    case 'review':
      port.postMessage(
        answer(request.id, request.key, (kept) => {
          if (!kept.review) throw new Error('the review queue was asked for before it was loaded');
          return kept.review.page(request.query);
        }),
      );
  }
});

function answer(id: number, key: string, read: (kept: Ledgers) => Extract<AgreementResponse, { ok: true }>['value']): AgreementResponse {
  const kept = ledgers.get(key);
  if (kept === undefined) return { id, ok: false, message: 'agreement was asked for before it was loaded' };
  if (kept instanceof Error) return { id, ok: false, message: kept.message };
  try {
    return { id, ok: true, value: read(kept) };
  } catch (error) {
    return { id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

function load(request: Extract<AgreementRequest, { type: 'load' }>): Ledgers | Error {
  try {
    const agreement = AgreementLedger.of(request.kind, request.annotations, request.options);
    const severity = new Map<number, number>();
    if (request.review) for (const { sampleId } of request.annotations) severity.set(sampleId, agreement.scoreOf(sampleId) ?? 0);
    return { agreement, review: request.review ? ReviewLedger.of(request.annotations, severity, request.review) : null };
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}
