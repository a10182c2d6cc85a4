import { readFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { projectKindSchema, type ProjectKind } from '../../shared/domain/project';
import { writeFileAtomic } from '../fs/atomic-write';

const MAX_RECENT = 12;

const settingsSchema = z.object({
  recent: z.array(z.object({ dir: z.string(), name: z.string(), kind: projectKindSchema, openedAt: z.string() })).default([]),
});
type Settings = z.infer<typeof settingsSchema>;
export type RecentEntry = Settings['recent'][number];

/** App-wide settings kept beside, not inside, projects: which projects were opened lately. */
export class AppSettings {
  private readonly file: string;

  constructor(private readonly dataDir: string) {
    this.file = join(dataDir, 'settings.json');
  }

  async recent(): Promise<RecentEntry[]> {
    return (await this.read()).recent;
  }

  async remember(project: { dir: string; name: string; kind: ProjectKind }): Promise<void> {
    const settings = await this.read();
    const entry = { dir: project.dir, name: project.name, kind: project.kind, openedAt: new Date().toISOString() };
    settings.recent = [entry, ...settings.recent.filter((r) => r.dir !== project.dir)].slice(0, MAX_RECENT);
    await mkdir(this.dataDir, { recursive: true });
    await writeFileAtomic(this.file, JSON.stringify(settings, null, 2));
  }

  private async read(): Promise<Settings> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch {
      return { recent: [] };
    }
    try {
      return settingsSchema.parse(JSON.parse(text));
    } catch (error) {
      // A damaged settings file only costs the recent list; never refuse to start over it.
      console.warn(`[settings] ignoring unreadable ${this.file}:`, error);
      return { recent: [] };
    }
  }
}
