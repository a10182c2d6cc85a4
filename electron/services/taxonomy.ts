import type { ValidatedArg } from '../../shared/api/contract';
import { ApiError, type ApiIssue } from '../../shared/api/errors';
import { paletteColor } from '../../shared/domain/palette';
import type { TaxonomyChange, TaxonomyChangeRequest, TaxonomyItemState, TaxonomyTarget } from '../../shared/domain/taxonomy';
import { currentGuidelineVersion } from '../db/queries/project';
import {
  addTaxonomyItem,
  appendTaxonomyChange,
  listTaxonomyChanges,
  listTaxonomyItems,
  updateTaxonomyItem,
  type TaxonomyItemRow,
} from '../db/queries/taxonomy';
import { formerTagNames, recordTagRename } from '../db/queries/tag-names';
import { inTransaction } from '../db/transaction';
import { requireCaller, requireProject, type ServiceContext } from './hosting/context';

const NOUN: Record<TaxonomyTarget, string> = { class: 'class', tag: 'tag' };

/**
 * Adds, renames, recolours, re-keys, retires or restores one class or tag, and records the
 * change (who, when, before and after, the guideline version current then) in the same
 * transaction. Labels keep class ids, so nothing stored is rewritten: a renamed class reads
 * under its new name everywhere, and its agreement history stays one history. Labels keep tag
 * names, so a renamed tag's old name is kept as its former name and read as the tag
 * (`queries/tag-names.ts`): samples, filters, exports and agreement per tag follow the rename.
 */
export async function taxonomyChange(ctx: ServiceContext, arg: ValidatedArg<'taxonomy.change'>): Promise<TaxonomyChange> {
  const project = requireProject(ctx);
  const caller = requireCaller(ctx);
  if (arg.target === 'class' && project.kind !== 'bbox') {
    throw new ApiError('invalid_argument', 'Classes belong to bounding-box projects; this project labels audio with transcripts.', [
      { path: 'target', message: 'this project has no classes' },
    ]);
  }
  const at = ctx.now();
  const id = await inTransaction(project.connection.db, async (trx) => {
    const classes = await listTaxonomyItems(trx, 'class');
    const tags = await listTaxonomyItems(trx, 'tag');
    const items = arg.target === 'class' ? classes : tags;
    const formerTags = await formerTagNames(trx);
    const { before, after } = planChange(arg, items, classes.length);
    checkChange(arg, after, { classes, tags, formerTags, isBoxProject: project.kind === 'bbox' });
    const stored = { ...after, retiredAt: retiredAt(before, after, at) };
    const guidelineVersion = (await currentGuidelineVersion(trx)).version;
    let itemId = after.id;
    if (before) await updateTaxonomyItem(trx, arg.target, stored);
    else itemId = await addTaxonomyItem(trx, arg.target, after);
    if (arg.target === 'tag' && before && before.name !== stored.name) {
      await recordTagRename(trx, { tagId: itemId, formerName: before.name, newName: stored.name, at, guidelineVersion });
    }
    return appendTaxonomyChange(trx, {
      at,
      actorId: caller.id,
      actorName: caller.name,
      target: arg.target,
      itemId,
      action: arg.action,
      before: before ? stateOf(before, arg.target) : null,
      after: stateOf(stored, arg.target),
      guidelineVersion,
    });
  });
  const recorded = (await listTaxonomyChanges(project.connection.db)).find((change) => change.id === id)!;
  // Agreement per tag is kept by name: a renamed tag's figures are read again under its new one.
  if (arg.target === 'tag' && recorded.before && recorded.before.name !== recorded.after.name) project.agreement.invalidate();
  ctx.events.emit('taxonomy.changed', { target: arg.target, id: recorded.itemId });
  return recorded;
}

export async function taxonomyHistory(ctx: ServiceContext): Promise<TaxonomyChange[]> {
  return listTaxonomyChanges(requireProject(ctx).connection.db);
}

type Planned = TaxonomyItemRow & { retired: boolean };

/** The item before (null for an addition) and after the change, as asked for. */
function planChange(arg: TaxonomyChangeRequest, items: readonly TaxonomyItemRow[], classCount: number): { before: TaxonomyItemRow | null; after: Planned } {
  if (arg.action === 'add') {
    if (arg.target === 'tag' && arg.color !== undefined)
      throw new ApiError('invalid_argument', 'Tags have no colour.', [{ path: 'color', message: 'tags have no colour' }]);
    const color = arg.target === 'class' ? (arg.color ?? paletteColor(classCount)) : null;
    return { before: null, after: { id: 0, name: arg.name, color, hotkey: arg.hotkey, retiredAt: null, retired: false } };
  }
  const before = items.find((item) => item.id === arg.id);
  if (!before) throw new ApiError('not_found', `This project has no ${NOUN[arg.target]} ${arg.id}.`, [{ path: 'id', message: `unknown ${NOUN[arg.target]}` }]);
  const current: Planned = { ...before, retired: before.retiredAt !== null };
  if (arg.action === 'retire') {
    if (current.retired) throw new ApiError('conflict', `“${before.name}” is already retired.`);
    // A retired item's key goes back to the pool: pressing it would pick something no new label may use.
    return { before, after: { ...current, hotkey: null, retired: true } };
  }
  if (arg.action === 'restore') {
    if (!current.retired) throw new ApiError('conflict', `“${before.name}” is not retired.`);
    return { before, after: { ...current, retired: false } };
  }
  if (arg.target === 'tag' && arg.color !== undefined)
    throw new ApiError('invalid_argument', 'Tags have no colour.', [{ path: 'color', message: 'tags have no colour' }]);
  return {
    before,
    after: {
      ...current,
      name: arg.name ?? current.name,
      color: arg.color ?? current.color,
      hotkey: arg.hotkey === undefined ? current.hotkey : arg.hotkey,
    },
  };
}

/**
 * Names are unique in their list whatever their case (a retired one keeps its name, so
 * history never shows two different “car”s), and a tag's former names stay its own (labels
 * given it then still say them); keys are unique across classes and tags, or a key press
 * would be ambiguous; a box project keeps at least one class to draw with.
 */
function checkChange(
  arg: TaxonomyChangeRequest,
  after: Planned,
  all: {
    classes: readonly TaxonomyItemRow[];
    tags: readonly TaxonomyItemRow[];
    formerTags: ReadonlyArray<{ name: string; tagId: number }>;
    isBoxProject: boolean;
  },
): void {
  const issues: ApiIssue[] = [];
  const others = (list: readonly TaxonomyItemRow[], target: TaxonomyTarget) => list.filter((item) => arg.target !== target || item.id !== after.id);
  const sameName = others(arg.target === 'class' ? all.classes : all.tags, arg.target).find((item) => item.name.toLowerCase() === after.name.toLowerCase());
  if (sameName) issues.push({ path: 'name', message: `“${sameName.name}” is already a ${NOUN[arg.target]}${sameName.retiredAt !== null ? ' (retired)' : ''}` });
  const formerOfAnother =
    arg.target === 'tag' ? all.formerTags.find((former) => former.tagId !== after.id && former.name.toLowerCase() === after.name.toLowerCase()) : undefined;
  if (formerOfAnother) {
    const holder = all.tags.find((tag) => tag.id === formerOfAnother.tagId);
    issues.push({
      path: 'name',
      message: `“${formerOfAnother.name}” is a former name of the tag “${holder?.name ?? formerOfAnother.tagId}”, and labels given it then still say it`,
    });
  }
  if (after.hotkey !== null) {
    if (after.retired) issues.push({ path: 'hotkey', message: `a retired ${NOUN[arg.target]} has no key` });
    const holder = [...others(all.classes, 'class').map((c) => ({ ...c, kind: 'class' })), ...others(all.tags, 'tag').map((t) => ({ ...t, kind: 'tag' }))].find(
      (item) => item.hotkey === after.hotkey,
    );
    if (holder) issues.push({ path: 'hotkey', message: `key ${after.hotkey} is already used by the ${holder.kind} “${holder.name}”` });
  }
  if (arg.action === 'retire' && arg.target === 'class' && all.isBoxProject) {
    const stillActive = all.classes.filter((c) => c.retiredAt === null && c.id !== after.id);
    if (stillActive.length === 0) {
      issues.push({ path: 'id', message: 'it is the last class new boxes can be drawn with; add another class first' });
    }
  }
  if (issues.length > 0) throw new ApiError('invalid_argument', `Cannot change the ${NOUN[arg.target]}: ${issues.map((i) => i.message).join('; ')}.`, issues);
}

function retiredAt(before: TaxonomyItemRow | null, after: Planned, at: number): number | null {
  if (!after.retired) return null;
  return before?.retiredAt ?? at;
}

function stateOf(item: TaxonomyItemRow, target: TaxonomyTarget): TaxonomyItemState {
  return { name: item.name, color: target === 'class' ? item.color : null, hotkey: item.hotkey, retired: item.retiredAt !== null };
}
