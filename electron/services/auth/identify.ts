import type { Labeler } from '../../../shared/domain/labeler';
import { getOwner } from '../../db/queries/labelers';
import type { HostState } from '../hosting/context';
import type { Credentials } from '../hosting/host';

export interface Identity {
  caller: Labeler | null;
  sessionId: string | null;
  /** A session token was given but opens nothing (ended, expired, account disabled, another project's). */
  sessionEnded: boolean;
  projectOpen: boolean;
}

const nobody: Identity = { caller: null, sessionId: null, sessionEnded: false, projectOpen: true };

/**
 * Who a call comes from, read afresh from the open project's database on every call, so a
 * disabled account or a changed role takes effect on its very next call. The CLI runs as
 * the project's owner: it is the tool of the person at the computer that holds the project.
 */
export async function identify(host: HostState, credentials: Credentials): Promise<Identity> {
  const project = host.project;
  if (!project) return { ...nobody, sessionEnded: credentials.session !== null, projectOpen: false };
  const { db } = project.connection;
  if (credentials.transport === 'cli') {
    const owner = await getOwner(db);
    return { ...nobody, caller: owner && !owner.disabled ? owner : null };
  }
  if (credentials.session === null) return nobody;
  const session = await project.sessions.resume(credentials.session, host.now());
  return session ? { ...nobody, caller: session.account, sessionId: session.publicId } : { ...nobody, sessionEnded: true };
}
