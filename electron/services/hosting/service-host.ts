import { AppSettings } from '../app-settings';
import { callContext, type HostState } from './context';
import { dispatch } from './dispatch';
import { identify } from '../auth/identify';
import { exportPreparedDownload } from '../datasets/dataset-downloads';
import { zipFolder } from '../datasets/zip-folder';
import { EventBus } from './events';
import { EventStreams } from './event-streams';
import type { HostOptions, ServiceHost } from './host';
import { ImportJobs } from '../imports/import-jobs';
import { closeProject, openProject } from '../projects';
import { resolveSampleMedia } from '../samples';
import { trustMediaFiles } from '../media-roots';
import { TeamRelay } from './team-relay';

/** The back end as one object, the same for Electron, the web server and the CLI. */
export function createServiceHost(options: HostOptions): ServiceHost {
  const events = new EventBus();
  const settings = new AppSettings(options.dataDir);
  const state: HostState = {
    options,
    settings,
    events,
    streams: new EventStreams({
      events,
      now: () => state.now(),
      get project() {
        return state.project;
      },
    }),
    imports: new ImportJobs(events, (project, files) => trustMediaFiles(settings, project, files)),
    now: options.now ?? Date.now,
    project: null,
  };
  // Servers sharing a team database show each other's changes (see team-relay.ts); a CLI run has no windows to tell.
  const relay = options.teamDatabase && options.hostKind !== 'cli' ? new TeamRelay(options.teamDatabase, state) : null;
  /** The host acting for itself (start-up, shutdown): the person who started it. */
  const self = () => callContext(state, { transport: options.hostKind === 'cli' ? 'cli' : 'ipc', owner: true, session: null, address: null }, null, null);
  const accountOfTicket = async (ticket: string | null) =>
    ticket === null || state.project === null ? null : ((await state.project.sessions.ofTicket(state.project.ticketKey, ticket, state.now()))?.account ?? null);
  const liveTicket = async (ticket: string | null) => (await accountOfTicket(ticket)) !== null;
  return {
    call: (name, arg, credentials) => dispatch(state, credentials, name, arg),
    onEvent: (listener) => events.subscribe(listener),
    resolveMedia: async (address, ticket) => ((await liveTicket(ticket)) ? resolveSampleMedia(self(), address) : null),
    listen: (ticket, owner, send, end) => state.streams.open(ticket, owner, send, end),
    async openDownload(token, credentials, ticket) {
      if (!state.project) return null;
      const account = (await identify(state, credentials)).caller ?? (await accountOfTicket(ticket));
      const download = account ? await exportPreparedDownload(self(), token, account.id) : null;
      if (!download) return null;
      const zip = await zipFolder(download.folder, download.name, download.frozenAt).catch(async (error: unknown) => {
        await download.done();
        throw error;
      });
      return { fileName: `${download.name}.zip`, zip, done: download.done };
    },
    async openInitialProject() {
      // The first start opens nothing: the start screen says what Concord is and offers both demos.
      const latest = (await state.settings.recent())[0];
      if (!latest) return;
      try {
        await openProject(self(), { dir: latest.dir });
      } catch (error) {
        // A project deleted or moved since last time: start on the project chooser instead.
        console.warn(`[startup] could not reopen ${latest.dir}:`, error instanceof Error ? error.message : error);
      }
    },
    async close() {
      await closeProject(self());
      await relay?.close();
    },
  };
}
