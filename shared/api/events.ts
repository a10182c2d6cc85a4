import type { ImportProgress } from './imports';

/** Messages the back end pushes to the UI without being asked (progress of long jobs). */
export interface EventMap {
  'import.progress': ImportProgress;
  'project.changed': { dir: string | null };
}

export type EventName = keyof EventMap;

export interface EventEnvelope<N extends EventName = EventName> {
  name: N;
  payload: EventMap[N];
}
