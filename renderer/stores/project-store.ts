import { create } from 'zustand';
import type { OperationArg } from '../../shared/api/contract';
import type { Labeler } from '../../shared/domain/labeler';
import type { ProjectKind, ProjectSummary, RecentProject } from '../../shared/domain/project';
import { api } from '../api/api';

interface ProjectState {
  /** `loading` until the first answer from the back end. */
  phase: 'loading' | 'ready';
  project: ProjectSummary | null;
  recent: RecentProject[];
  labelers: Labeler[];
  currentLabelerId: number | null;
  load(): Promise<void>;
  create(arg: OperationArg<'projects.create'>): Promise<void>;
  /** `readOnly` for a project another app has open (opening it normally fails with `in_use`). */
  open(dir: string, options?: { readOnly?: boolean }): Promise<void>;
  openDemo(kind: ProjectKind): Promise<void>;
  close(): Promise<void>;
  /** Re-reads the open project's summary after a write elsewhere (an import). */
  refresh(): Promise<void>;
  createLabeler(arg: OperationArg<'labelers.create'>): Promise<void>;
  /** Signs in on the back end as this labeler (what they may see follows from it), and remembers the choice. */
  chooseLabeler(id: number): Promise<void>;
}

const labelerKey = (dir: string) => `concord.labeler:${dir}`;

/** Which labeler profile this window works as, remembered per project on this machine. */
function rememberedLabeler(dir: string, labelers: Labeler[]): number | null {
  const stored = Number(localStorage.getItem(labelerKey(dir)));
  return labelers.some((l) => l.id === stored) ? stored : null;
}

export const useProjectStore = create<ProjectState>((set, get) => {
  async function enter(project: ProjectSummary | null): Promise<void> {
    if (!project) {
      set({ project: null, labelers: [], currentLabelerId: null, recent: await api.call('projects.recent'), phase: 'ready' });
      return;
    }
    const labelers = await api.call('labelers.list');
    const remembered = rememberedLabeler(project.dir, labelers);
    if (remembered !== null) await api.call('session.signIn', { labelerId: remembered });
    set({ project, labelers, currentLabelerId: remembered, phase: 'ready' });
  }

  return {
    phase: 'loading',
    project: null,
    recent: [],
    labelers: [],
    currentLabelerId: null,
    load: async () => enter(await api.call('projects.current')),
    create: async (arg) => enter(await api.call('projects.create', arg)),
    open: async (dir, options) => enter(await api.call('projects.open', { dir, readOnly: options?.readOnly ?? false })),
    openDemo: async (kind) => enter(await api.call('projects.openDemo', { kind })),
    close: async () => {
      await api.call('projects.close');
      await enter(null);
    },
    refresh: async () => {
      const project = await api.call('projects.current');
      if (project) set({ project, labelers: await api.call('labelers.list') });
    },
    createLabeler: async (arg) => {
      const labeler = await api.call('labelers.create', arg);
      set({ labelers: await api.call('labelers.list') });
      await get().chooseLabeler(labeler.id);
    },
    chooseLabeler: async (id) => {
      await api.call('session.signIn', { labelerId: id });
      const dir = get().project?.dir;
      if (dir) localStorage.setItem(labelerKey(dir), String(id));
      set({ currentLabelerId: id });
    },
  };
});
