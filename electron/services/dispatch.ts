import { isOperationName, operations } from '../../shared/api/contract';
import type { CallResult } from '../../shared/api/errors';
import type { ServiceContext } from './context';
import { toErrorBody } from './error-body';
import { handlers } from './handlers';

/**
 * Runs one API call from any host: checks the name and the argument against the
 * contract, then calls the handler. Never throws; an unexpected failure is logged here
 * and reported as `internal` without leaking internals to the caller.
 */
export async function dispatch(ctx: ServiceContext, name: unknown, arg: unknown): Promise<CallResult<unknown>> {
  if (!isOperationName(name)) {
    return { ok: false, error: { code: 'unknown_operation', message: `Unknown operation ${JSON.stringify(name)}.` } };
  }
  const parsed = operations[name].arg.safeParse(arg ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.') || '(argument)', message: issue.message }));
    const summary = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
    return { ok: false, error: { code: 'invalid_argument', message: `Invalid argument for ${name}: ${summary}`, issues } };
  }
  try {
    const handler = handlers[name] as (ctx: ServiceContext, arg: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(ctx, parsed.data) };
  } catch (error) {
    return { ok: false, error: toErrorBody(name, error) };
  }
}
