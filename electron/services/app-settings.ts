import { readFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { projectKindSchema, type ProjectKind } from '../../shared/domain/project';
import { writeFileAtomic } from '../fs/atomic-write';

const MAX_RECENT = 12;

const settingsSchema = z.object({
  recent: z.array(z.object({ dir: z.string(), name: z.string(), kind: projectKindSchema, openedAt: z.string() })).default([]),
  /** Per project folder (its real path): the folders its in-place media may be served from. */
  mediaRoots: z.record(z.string(), z.array(z.string())).default({}),
});
type Settings = z.infer<typeof settingsSchema>;
export type RecentEntry = Settings['recent'][number];

/**
 * App-wide settings kept beside, not inside, projects: which projects were opened lately,
 * and which folders the user chose to import or re-link each project's media from. The
 * latter live here because a project folder may come from someone else: what its own
 * database says cannot widen what this machine serves.
 */
export class AppSettings {
  private readonly file: string;
  /** Read-modify-write changes, one after another, so two at once cannot drop each other's. */
  private updates: Promise<void> = Promise.resolve();

  constructor(private readonly dataDir: string) {
    this.file = join(dataDir, 'settings.json');
  }

  async recent(): Promise<RecentEntry[]> {
    return (await this.read()).recent;
  }

  remember(project: { dir: string; name: string; kind: ProjectKind }): Promise<void> {
    return this.update((settings) => {
      const entry = { dir: project.dir, name: project.name, kind: project.kind, openedAt: new Date().toISOString() };
      settings.recent = [entry, ...settings.recent.filter((r) => r.dir !== project.dir)].slice(0, MAX_RECENT);
    });
  }

  /** The folders `projectDir` may serve in-place media from (real paths), as this machine's user chose them. */
  async mediaRoots(projectDir: string): Promise<string[]> {
    return (await this.read()).mediaRoots[projectDir] ?? [];
  }

  /** Changes the folders `projectDir` may serve media from. */
  updateMediaRoots(projectDir: string, change: (roots: string[]) => string[]): Promise<void> {
    return this.update((settings) => {
      settings.mediaRoots[projectDir] = change(settings.mediaRoots[projectDir] ?? []);
    });
  }

  private update(change: (settings: Settings) => void): Promise<void> {
    const done = this.updates.then(async () => {
      const settings = await this.read();
      change(settings);
      await mkdir(this.dataDir, { recursive: true });
      await writeFileAtomic(this.file, JSON.stringify(settings, null, 2));
    });
    this.updates = done.catch(() => undefined);
    return done;
  }

  private async read(): Promise<Settings> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch {
      return { recent: [], mediaRoots: {} };
    }
    try {
      return settingsSchema.parse(JSON.parse(text));
    } catch (error) {
      // A damaged settings file only costs the recent list (and media roots, which a re-link restores); never refuse to start over it.
      console.warn(`[settings] ignoring unreadable ${this.file}:`, error);
      return { recent: [], mediaRoots: {} };
    }
  }
}
