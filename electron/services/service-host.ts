import { AppSettings } from './app-settings';
import type { ServiceContext } from './context';
import { dispatch } from './dispatch';
import { EventBus } from './events';
import type { HostOptions, ServiceHost } from './host';
import { ImportJobs } from './imports/import-jobs';
import { closeProject, openProject } from './projects';
import { openDemo } from './demo';
import { resolveSampleMedia } from './samples';
import { trustMediaFiles } from './media-roots';

/** The back end as one object, the same for Electron, the web server and the CLI. */
export function createServiceHost(options: HostOptions): ServiceHost {
  const events = new EventBus();
  const settings = new AppSettings(options.dataDir);
  const imports = new ImportJobs(events, (project, files) => trustMediaFiles(settings, project, files));
  const ctx: ServiceContext = { options, settings, events, imports, project: null, caller: null };
  return {
    call: (name, arg) => dispatch(ctx, name, arg),
    onEvent: (listener) => events.subscribe(listener),
    resolveMedia: (address) => resolveSampleMedia(ctx, address),
    async openInitialProject() {
      const latest = (await ctx.settings.recent())[0];
      if (latest) {
        try {
          await openProject(ctx, { dir: latest.dir });
          return;
        } catch (error) {
          // A project deleted or moved since last time: start on the project chooser instead.
          console.warn(`[startup] could not reopen ${latest.dir}:`, error instanceof Error ? error.message : error);
          return;
        }
      }
      await openDemo(ctx, { kind: 'bbox' });
    },
    close: () => closeProject(ctx).then(() => undefined),
  };
}
