import { isOperationName, operations } from '../../../shared/api/contract';
import type { CallResult } from '../../../shared/api/errors';
import { authorize } from '../auth/authorize';
import { identify } from '../auth/identify';
import { recordIfAudited } from '../audit';
import { callContext, type HostState, type ServiceContext } from './context';
import { toErrorBody } from './error-body';
import { handlers } from './handlers';
import type { Credentials } from './host';

/**
 * Runs one API call from any host: checks the name, who is calling and whether they may
 * (the access table), then the argument against the contract, then calls the handler and,
 * for the operations the audit log covers, records who did it.
 * Never throws; an unexpected failure is logged here and reported as `internal` without
 * leaking internals to the caller.
 */
export async function dispatch(host: HostState, credentials: Credentials, name: unknown, arg: unknown): Promise<CallResult<unknown>> {
  if (!isOperationName(name)) {
    return { ok: false, error: { code: 'unknown_operation', message: `Unknown operation ${JSON.stringify(name)}.` } };
  }
  try {
    const identity = await identify(host, credentials);
    authorize(name, credentials, identity);
    const parsed = operations[name].arg.safeParse(arg ?? {});
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.') || '(argument)', message: issue.message }));
      const summary = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
      return { ok: false, error: { code: 'invalid_argument', message: `Invalid argument for ${name}: ${summary}`, issues } };
    }
    const handler = handlers[name] as (ctx: ServiceContext, arg: unknown) => Promise<unknown>;
    const ctx = callContext(host, credentials, identity.caller, identity.sessionId);
    const value = await handler(ctx, parsed.data);
    await recordIfAudited(ctx, name, parsed.data, value);
    return { ok: true, value };
  } catch (error) {
    return { ok: false, error: toErrorBody(name, error) };
  }
}
