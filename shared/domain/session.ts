import type { Labeler } from './labeler';

/** A signed-in connection: who it is, and until when. */
export interface SessionView {
  account: Labeler;
  /** Sent with media and event requests, which cannot carry headers; valid as long as the session. */
  mediaTicket: string;
  expiresAt: string;
}

/** What `session.signIn` returns: the session, and its bearer token (the caller keeps it). */
export interface SignedIn extends SessionView {
  token: string;
}

/** What the sign-in screen can offer this connection. */
export interface SignInOptions {
  project: { name: string; kind: 'bbox' | 'transcript'; demo: boolean } | null;
  /** The connection comes from the person who started Concord on this computer. */
  owner: boolean;
  /** The account the person at this computer continues as (for owner connections). */
  ownerAccount: string | null;
  /** A demo's ready-made people, signed into without a password by the person at this computer. */
  demoAccounts: Labeler[];
}
