import { z } from 'zod';
import { hexColorSchema, hotkeySchema, nameSchema, type LabelClass, type Tag } from './project';

/**
 * Changing a project's classes and tags after it is made. A class or tag is known by its id,
 * never by its name: labels store the id, so a rename changes what every screen and export
 * shows without touching a stored label or splitting agreement history. Retiring keeps the
 * id (old labels stay readable) and takes it out of new labeling.
 */

/** Which list a change is to. */
export const taxonomyTargetSchema = z.enum(['class', 'tag']);
export type TaxonomyTarget = z.infer<typeof taxonomyTargetSchema>;

/** One change, as an admin or SME asks for it (`taxonomy.change`). */
export const taxonomyChangeSchema = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('add'),
    target: taxonomyTargetSchema,
    name: nameSchema,
    /** Classes only; a new class without one takes the next palette colour. */
    color: hexColorSchema.optional(),
    hotkey: hotkeySchema.nullable().default(null),
  }),
  z.object({
    action: z.literal('edit'),
    target: taxonomyTargetSchema,
    id: z.number().int().positive(),
    name: nameSchema.optional(),
    color: hexColorSchema.optional(),
    /** null takes the key away. */
    hotkey: hotkeySchema.nullable().optional(),
  }),
  z.object({ action: z.literal('retire'), target: taxonomyTargetSchema, id: z.number().int().positive() }),
  z.object({ action: z.literal('restore'), target: taxonomyTargetSchema, id: z.number().int().positive() }),
]);
export type TaxonomyChangeRequest = z.output<typeof taxonomyChangeSchema>;

/** What a class or tag looked like on one side of a change (a tag has no colour). */
export interface TaxonomyItemState {
  name: string;
  color: string | null;
  hotkey: string | null;
  retired: boolean;
}

/** One recorded change: who, when, what before and after, and the guideline version current then. */
export interface TaxonomyChange {
  id: number;
  at: string;
  actor: string;
  target: TaxonomyTarget;
  itemId: number;
  action: 'add' | 'edit' | 'retire' | 'restore';
  /** null for an addition. */
  before: TaxonomyItemState | null;
  after: TaxonomyItemState;
  guidelineVersion: number;
}

/**
 * The classes a labeler may give a new box: every class not retired, in order.
 * @example activeClasses([{ id: 1, name: 'car', color: '#e69f00', hotkey: '1', retired: true }]) // []
 */
export function activeClasses(classes: readonly LabelClass[]): LabelClass[] {
  return classes.filter((c) => !c.retired);
}

/**
 * The tags a labeler is offered: those not retired, plus retired ones the label already has
 * (so they can be taken off).
 * @example offeredTags([{ id: 1, name: 'dark', hotkey: null, retired: true }], ['dark']).length // 1
 */
export function offeredTags(tags: readonly Tag[], given: readonly string[]): Tag[] {
  const current = currentTagNames(tags);
  const givenNow = new Set(given.map(current));
  return tags.filter((t) => !t.retired || givenNow.has(t.name));
}

/**
 * Reads any name a tag has had as the tag's current name (labels keep the names their labeler
 * gave, so one given before a rename names the tag as it was then); a name no tag has had is
 * left as it is.
 * @example currentTagNames([{ id: 1, name: 'dark', hotkey: null, retired: false, formerNames: ['night'] }])('night') // 'dark'
 */
export function currentTagNames(tags: readonly Tag[]): (name: string) => string {
  const current = new Map<string, string>();
  for (const tag of tags) for (const name of [...tag.formerNames, tag.name]) current.set(name, tag.name);
  return (name) => current.get(name) ?? name;
}

/**
 * A payload with its tags under their current names, each once (a label may hold a tag under
 * its old and its new name after a rename); the same object when nothing changes.
 * @example withCurrentTagNames({ tags: ['night'] }, () => 'dark').tags // ['dark']
 */
export function withCurrentTagNames<P extends { tags: string[] }>(payload: P, currentName: (name: string) => string): P {
  // Most answers carry no tags: nothing to rename (whole-project agreement reads every answer).
  if (payload.tags.length === 0) return payload;
  const tags = [...new Set(payload.tags.map(currentName))];
  const same = tags.length === payload.tags.length && tags.every((tag, i) => tag === payload.tags[i]);
  return same ? payload : { ...payload, tags };
}

/**
 * What a change changed, in words, for the history and the audit log.
 * @example describeTaxonomyChange({ action: 'edit', before: { name: 'car', … }, after: { name: 'vehicle', … } }) // 'renamed “car” to “vehicle”'
 */
export function describeTaxonomyChange(change: Pick<TaxonomyChange, 'action' | 'before' | 'after'>): string {
  const { before, after } = change;
  if (change.action === 'add' || !before) return `added “${after.name}”`;
  if (change.action === 'retire') return `retired “${after.name}”`;
  if (change.action === 'restore') return `restored “${after.name}”`;
  const parts: string[] = [];
  if (before.name !== after.name) parts.push(`renamed “${before.name}” to “${after.name}”`);
  if (before.color !== after.color) parts.push(`recoloured ${before.color ?? 'none'} → ${after.color ?? 'none'}`);
  if (before.hotkey !== after.hotkey) parts.push(`key ${before.hotkey ?? 'none'} → ${after.hotkey ?? 'none'}`);
  return parts.length > 0 ? parts.join(', ') : `no change to “${after.name}”`;
}
