import { z } from 'zod';
import type { ClientSession } from '../../shared/api/client';
import { projectPath, PROJECT_PATH, SERVER_PROJECTS_PATH, serverProjectSchema, type ServerProject } from '../../shared/domain/team-server';

const SESSION_STORAGE = 'concord.session';

/**
 * Where this page's API lives: a team server's project under `/p/<slug>/`, or the server's root.
 * Every call, event stream and media address of the window goes there.
 */
export function apiBase(): string {
  const match = PROJECT_PATH.exec(window.location.pathname);
  return match ? projectPath(match[1]!) : '/';
}

/** Each project of a server keeps its own session in the window: a session of one means nothing to another. */
export function sessionStorageKey(base: string): string {
  return base === '/' ? SESSION_STORAGE : `${SESSION_STORAGE}:${base}`;
}

const answerSchema = z.union([
  z.object({ ok: z.literal(true), value: z.array(serverProjectSchema) }),
  z.object({ ok: z.literal(false), error: z.object({ code: z.string(), message: z.string() }) }),
]);

/** What a connection attempt says: the person's projects, or why not, in words for the form. */
export type Connected = { ok: true; projects: ServerProject[] } | { ok: false; message: string };

class NotTeamServer extends Error {
  constructor() {
    super('This is not a team server: no project is open here. The person running Concord on this computer opens one; then reload this page.');
  }
}

async function post(path: string, body: unknown): Promise<unknown> {
  const response = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  // A local server (npm run web) has no accounts of its own to connect with.
  if (response.status === 405) throw new NotTeamServer();
  if (!response.ok) throw new Error(`the server answered ${response.status}`);
  return response.json();
}

/** Asks the team server that served this page which of its projects a name and password belong to. */
export async function connectToServer(name: string, password: string): Promise<Connected> {
  let answer: z.infer<typeof answerSchema>;
  try {
    answer = answerSchema.parse(await post(SERVER_PROJECTS_PATH, { name, password }));
  } catch (error) {
    if (error instanceof NotTeamServer) return { ok: false, message: error.message };
    return { ok: false, message: `The server cannot be reached (${error instanceof Error ? error.message : String(error)}).` };
  }
  return answer.ok ? { ok: true, projects: answer.value } : { ok: false, message: answer.error.message };
}

const signedInSchema = z.object({ ok: z.literal(true), value: z.object({ token: z.string(), mediaTicket: z.string() }) });

/**
 * Signs this window in to one project of the server with the same name and password, and keeps
 * that session for the project's page, which the caller then opens.
 */
export async function signInToProject(slug: string, name: string, password: string): Promise<Connected | null> {
  const base = projectPath(slug);
  const answer = await post(`${base}api/call/session.signIn`, { method: 'password', name, password });
  const signedIn = signedInSchema.safeParse(answer);
  if (!signedIn.success) {
    const message = (answer as { error?: { message?: unknown } }).error?.message;
    return { ok: false, message: typeof message === 'string' ? message : 'Signing in to that project failed.' };
  }
  const session: ClientSession = { token: signedIn.data.value.token, ticket: signedIn.data.value.mediaTicket };
  sessionStorage.setItem(sessionStorageKey(base), JSON.stringify(session));
  return null;
}
