import { ApiError, type CallResult } from '../../shared/api/errors';
import type { ServerProject, ServerSignIn } from '../../shared/domain/team-server';
import { catalogueFailureStore, findCatalogueProject, listCatalogueProjects, type Catalogue } from '../db/server-catalogue';
import type { HostOptions, ServiceHost } from '../services/hosting/host';
import { createServiceHost } from '../services/hosting/service-host';
import { projectMediaDir, projectUrl, projectsOfAccount } from '../services/team/server-projects';

/** How the web server finds the host of each project of a team server (see server.ts). */
export interface ProjectRouter {
  /** The host serving a project, its project open; null when the server holds no such project. */
  host(slug: string): Promise<ServiceHost | null>;
  /** What the server's own address serves: its only project, or, with several, none (the picker). */
  rootHost(): Promise<ServiceHost>;
  /** The projects a name and password belong to, for the picker; `address` is the caller's, for throttling. */
  projectsOf(signIn: ServerSignIn, address: string | null): Promise<CallResult<ServerProject[]>>;
  close(): Promise<void>;
}

const OWNER = { transport: 'cli', owner: true, session: null, address: null } as const;

/**
 * One service host per project of the server, each on the project's own database (so its
 * sessions, accounts and announcements are the project's alone), made when the project is
 * first asked for: a project created while the server runs is served without a restart.
 */
export function teamProjectRouter(catalogue: Catalogue, mediaRoot: string, hostOptions: Omit<HostOptions, 'teamDatabase' | 'hostKind'>): ProjectRouter {
  const hosts = new Map<string, Promise<ServiceHost>>();
  // Serves the picker's start page: it holds no project, and nobody is its owner.
  const lobby = createServiceHost({ ...hostOptions, hostKind: 'web' });

  async function open(slug: string, url: string): Promise<ServiceHost> {
    // Failed sign-ins are counted server-wide, so trying another project does not start them again.
    const host = createServiceHost({ ...hostOptions, hostKind: 'web', teamDatabase: url, signInFailures: catalogueFailureStore(catalogue) });
    const opened = await host.call('projects.open', { dir: projectMediaDir(mediaRoot, slug) }, OWNER);
    if (opened.ok) return host;
    await host.close();
    throw new Error(`Cannot open project ${slug}: ${opened.error.message}`);
  }

  const router: ProjectRouter = {
    async host(slug) {
      let host = hosts.get(slug);
      if (!host) {
        const project = await findCatalogueProject(catalogue, slug);
        if (!project) return null;
        host = open(slug, projectUrl(catalogue, project));
        hosts.set(slug, host);
        // A failure (the database unreachable for a moment) is tried again at the next request.
        host.catch(() => hosts.delete(slug));
      }
      return host;
    },
    async rootHost() {
      const projects = await listCatalogueProjects(catalogue);
      return projects.length === 1 ? ((await router.host(projects[0]!.slug)) ?? lobby) : lobby;
    },
    async projectsOf(signIn, address) {
      try {
        return { ok: true, value: await projectsOfAccount(catalogue, signIn.name, signIn.password, address, hostOptions.now?.()) };
      } catch (error) {
        if (error instanceof ApiError) return { ok: false, error: error.toBody() };
        console.error('[web] listing the projects of an account failed:', error);
        return { ok: false, error: { code: 'internal', message: 'Listing your projects failed unexpectedly. Details are in the server log.' } };
      }
    },
    async close() {
      const opened = await Promise.allSettled([...hosts.values()]);
      for (const result of opened) if (result.status === 'fulfilled') await result.value.close();
      await lobby.close();
    },
  };
  return router;
}
