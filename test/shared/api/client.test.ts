import { describe, expect, it } from 'vitest';
import { createApiClient, type ClientSession, type SessionKeeper, type Transport } from '../../../shared/api/client';
import type { CallResult } from '../../../shared/api/errors';
import { deferred } from '../../support/deferred';

const owner: ClientSession = { token: 'owner-token', ticket: 'owner-ticket' };
const ben: ClientSession = { token: 'ben-token', ticket: 'ben-ticket' };

function memoryKeeper(): SessionKeeper {
  let kept: ClientSession | null = null;
  return { load: () => kept, save: (next) => void (kept = next) };
}

/** A host whose answers the test gives by hand, each to the call it belongs to. */
function heldTransport() {
  const calls: Array<{ session: string | null; answer: ReturnType<typeof deferred<CallResult<unknown>>> }> = [];
  const transport: Transport = {
    call: (_name, _arg, session) => {
      const answer = deferred<CallResult<unknown>>();
      calls.push({ session, answer });
      return answer.promise;
    },
    subscribe: () => () => undefined,
    mediaUrl: () => '',
    downloadUrl: () => null,
  };
  return { transport, calls };
}

const refused: CallResult<unknown> = { ok: false, error: { code: 'unauthenticated', message: 'Your session has ended; sign in again.' } };

describe('the API client', () => {
  it("reports a session that ended while it is this window's session", async () => {
    const { transport, calls } = heldTransport();
    const api = createApiClient(transport, memoryKeeper());
    api.setSession(owner);
    const asking = api.call('audit.list', { limit: 10 });
    calls[0]!.answer.resolve(refused);
    await expect(asking).rejects.toMatchObject({ code: 'unauthenticated' });
  });

  it('does not report the end of a session this window has since replaced, so the new one is kept', async () => {
    const { transport, calls } = heldTransport();
    const api = createApiClient(transport, memoryKeeper());
    api.setSession(owner);
    const asking = api.call('audit.list', { limit: 10 });
    api.setSession(ben); // signed in as someone else while the owner's call was on its way
    calls[0]!.answer.resolve(refused);
    await expect(asking).rejects.toMatchObject({ code: 'failed_precondition' });
    expect(calls[0]!.session).toBe('owner-token');
    expect(api.hasSession()).toBe(true);
  });
});
