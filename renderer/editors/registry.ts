import type { ProjectKind } from '../../shared/domain/project';
import { bboxEditor } from './bbox/bbox-editor';
import type { EditorDefinition } from './editor-definition';
import { transcriptEditor } from './transcript/transcript-editor';

/**
 * The editor for each kind of project: screens pick from here and never name an editor. A
 * new editor lives in its own folder and adds one line (see "Adding an editor" in the README).
 */
export const EDITORS: { readonly [Kind in ProjectKind]: EditorDefinition<Kind> } = {
  bbox: bboxEditor,
  transcript: transcriptEditor,
};
