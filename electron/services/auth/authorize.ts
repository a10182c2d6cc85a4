import { ACCESS } from '../../../shared/api/access';
import type { OperationName } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/errors';
import type { LabelerRole } from '../../../shared/domain/labeler';
import type { Credentials } from '../hosting/host';
import type { Identity } from './identify';

const ROLE_NAMES: Record<LabelerRole, string> = { labeler: 'labelers', sme: 'SMEs', engineer: 'engineers', admin: 'admins' };

/** Refuses a call its caller may not make, by the one access table; before any handler runs. */
export function authorize(name: OperationName, credentials: Credentials, identity: Identity): void {
  const access = ACCESS[name];
  if (access === 'anyone') return;
  if (access === 'owner' || access === 'owner or signed in') {
    if (credentials.owner || (access === 'owner or signed in' && identity.caller)) return;
    if (access === 'owner or signed in' && !identity.caller) throw signInFirst(identity);
    throw new ApiError('forbidden', 'Only the person who started Concord on this computer may open, create or close projects.');
  }
  const caller = identity.caller;
  if (!caller && !identity.projectOpen) throw new ApiError('failed_precondition', 'No project is open. Open or create a project first.');
  if (!caller) throw signInFirst(identity);
  if (!access.includes(caller.role)) {
    const allowed = access.map((role) => ROLE_NAMES[role]).join(', ');
    throw new ApiError('forbidden', `${caller.name} is signed in as ${ROLE_NAMES[caller.role].slice(0, -1)}; this is for ${allowed} (${name}).`);
  }
}

function signInFirst(identity: Identity): ApiError {
  return new ApiError('unauthenticated', identity.sessionEnded ? 'Your session has ended. Sign in again.' : 'Sign in first.');
}
