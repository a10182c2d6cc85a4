import { parentPort } from 'node:worker_threads';
import { AgreementLedger } from '../../shared/agreement';
import type { AgreementRequest, AgreementResponse } from './agreement-protocol';

/**
 * Keeps a project's agreement current off the main thread: loading a large project takes up to
 * a second, and every later submission only updates its own sample (milliseconds).
 */
const port = parentPort;
if (!port) throw new Error('the agreement worker must run as a worker thread');

const ledgers = new Map<string, AgreementLedger | Error>();

port.on('message', (request: AgreementRequest) => {
  switch (request.type) {
    case 'load':
      ledgers.set(request.key, load(request));
      return;
    case 'drop':
      ledgers.delete(request.key);
      return;
    case 'set':
      for (const [key, ledger] of ledgers) {
        if (ledger instanceof Error) continue;
        try {
          ledger.setSample(request.sampleId, request.annotations);
        } catch (error) {
          // The ledger kept its previous figures for the sample; the next load starts clean.
          ledgers.set(key, error instanceof Error ? error : new Error(String(error)));
        }
      }
      return;
    case 'snapshot': {
      const ledger = ledgers.get(request.key);
      const response: AgreementResponse =
        ledger === undefined
          ? { id: request.id, ok: false, message: 'agreement was asked for before it was loaded' }
          : ledger instanceof Error
            ? { id: request.id, ok: false, message: ledger.message }
            : { id: request.id, ok: true, value: ledger.snapshot() };
      port.postMessage(response);
    }
  }
});

function load(request: Extract<AgreementRequest, { type: 'load' }>): AgreementLedger | Error {
  try {
    return AgreementLedger.of(request.kind, request.annotations, request.options);
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}
