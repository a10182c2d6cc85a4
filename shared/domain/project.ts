import { z } from 'zod';

/** What a project labels: images with boxes, or audio with transcripts. */
export const projectKindSchema = z.enum(['bbox', 'transcript']);
export type ProjectKind = z.infer<typeof projectKindSchema>;

/** `#rrggbb`, the only colour form the editors and exports understand. */
export const hexColorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1f77b4');

/** A single key a labeler presses to pick a class or toggle a tag: a digit or a letter. */
export const hotkeySchema = z.string().regex(/^[0-9a-z]$/, 'must be one digit or lower-case letter');

const nameSchema = z.string().trim().min(1, 'must not be empty').max(80, 'must be at most 80 characters');

export const classInputSchema = z.object({
  name: nameSchema,
  color: hexColorSchema.optional(),
  hotkey: hotkeySchema.optional(),
});
export type ClassInput = z.input<typeof classInputSchema>;

export const tagInputSchema = z.object({ name: nameSchema, hotkey: hotkeySchema.optional() });
export type TagInput = z.input<typeof tagInputSchema>;

export interface LabelClass {
  id: number;
  name: string;
  color: string;
  hotkey: string | null;
  /** Kept so old labels stay readable, but not offered for new boxes (see `shared/domain/taxonomy.ts`). */
  retired: boolean;
}

export interface Tag {
  id: number;
  name: string;
  hotkey: string | null;
  /** Kept on old labels, not offered for new ones. */
  retired: boolean;
  /** Names it had before a rename: labels given it then still name it so, and read as this tag. */
  formerNames: string[];
}

export interface ProjectSummary {
  /** Absolute path of the project folder. */
  dir: string;
  name: string;
  kind: ProjectKind;
  classes: LabelClass[];
  tags: Tag[];
  sampleCount: number;
  labelerCount: number;
  currentGuidelineVersion: number;
  createdAt: string;
  /** Opened read-only: shown and exported, never changed (another app may be editing it). */
  readOnly: boolean;
}

/** The copy in a project's `backups/` folder that restoring would put back, and what it holds. */
export interface BackupSummary {
  /** Absolute path of the copy. */
  file: string;
  /** When the copy was written (ISO 8601). */
  madeAt: string;
  sampleCount: number;
  /** Saved revisions of labels, every labeler's, drafts included. */
  revisionCount: number;
}

export interface RecentProject {
  dir: string;
  name: string;
  kind: ProjectKind;
  openedAt: string;
  /** False when the folder or its database has gone since it was last opened. */
  available: boolean;
}

export { nameSchema };
