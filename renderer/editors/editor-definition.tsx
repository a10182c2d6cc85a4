import { useMemo, type ComponentType } from 'react';
import type { AnnotationPayload } from '../../shared/annotation/payload';
import type { ProjectKind, ProjectSummary } from '../../shared/domain/project';
import { payloadGuard, type EditorSession, type PayloadGuard, type PayloadOf, type SessionHost } from './editor-session';

/** What every editor component receives: the project (classes, tags) and its typed session. */
export interface EditorProps<Payload extends AnnotationPayload> {
  project: ProjectSummary;
  session: EditorSession<Payload>;
}

/** What a screen renders to show an editor: the project, and its own session host. */
export interface MountProps {
  project: ProjectSummary;
  host: SessionHost;
}

/** One editor as the registry lists it. Its payload type stays inside: screens only mount it on their host. */
export interface EditorDefinition<Kind extends ProjectKind & AnnotationPayload['kind']> {
  kind: Kind;
  /** Whether a payload is the one this editor edits. */
  isPayload: PayloadGuard<PayloadOf<Kind>>;
  /** The editor on a session opened from the screen's host. */
  Mount: ComponentType<MountProps>;
}

/**
 * An editor for one kind of project, ready for the registry.
 * @example export const bboxEditor = defineEditor('bbox', BboxLabeler);
 */
export function defineEditor<Kind extends ProjectKind & AnnotationPayload['kind']>(
  kind: Kind,
  Editor: ComponentType<EditorProps<PayloadOf<Kind>>>,
): EditorDefinition<Kind> {
  const isPayload = payloadGuard(kind);
  function Mount({ project, host }: MountProps) {
    // One session per host: the editor's commands and subscriptions hold on to it.
    const session = useMemo(() => host.open(isPayload), [host]);
    return <Editor project={project} session={session} />;
  }
  Mount.displayName = `Editor(${kind})`;
  return { kind, isPayload, Mount };
}
