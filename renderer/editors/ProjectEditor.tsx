import type { MountProps } from './editor-definition';
import { EDITORS } from './registry';

/**
 * The project's editor on the screen's session host.
 * @example <ProjectEditor project={project} host={appLabelSessionHost} />
 */
export function ProjectEditor({ project, host }: MountProps) {
  const { Mount } = EDITORS[project.kind];
  return <Mount project={project} host={host} />;
}
