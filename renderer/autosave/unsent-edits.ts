/** What a window keeps of one sample's edits the back end has not confirmed. */
export interface UnsentEdit<C> {
  /** The revision the edits were made on: they are sent as its successor, so a newer one elsewhere is a conflict. */
  baseRevision: number | null;
  content: C;
}

const PREFIX = 'concord.unsent.';

/**
 * The scope of a labeler's kept edits: the browser keeps storage per server address, and the
 * scope names the project and the account, so another project or another person signed in on
 * the same browser never sees or sends them.
 * @example unsentScopeOf('/srv/birds', 3); // '%2Fsrv%2Fbirds.labeler-3'
 */
export const unsentScopeOf = (projectDir: string, labelerId: number) => `${encodeURIComponent(projectDir)}.labeler-${labelerId}`;

/**
 * Edits kept in the browser's storage while the back end cannot be reached, one entry per
 * sample under a key naming the scope (whose edits, in which project), the sample and the
 * revision the edits were based on. In local storage they outlive closing the tab; they are
 * dropped once the back end confirmed them or the person chose the version saved there.
 *
 * @example
 *   const unsent = new UnsentEdits<LabelContent>(localStorage, 'labeler-3');
 *   unsent.keep(12, 4, content);   // key concord.unsent.labeler-3.12.4
 *   unsent.find(12);               // { baseRevision: 4, content }
 *   unsent.drop(12);
 */
export class UnsentEdits<C> {
  constructor(
    private readonly storage: Storage,
    private readonly scope: string,
  ) {}

  keep(sampleId: number, baseRevision: number | null, content: C): void {
    this.drop(sampleId);
    try {
      this.storage.setItem(`${this.sampleKey(sampleId)}${baseRevision ?? 'none'}`, JSON.stringify(content));
    } catch {
      // Storage full or refused: the edits stay on screen and in the autosaver, which keeps retrying.
    }
  }

  find(sampleId: number): UnsentEdit<C> | null {
    const key = this.keysOf(sampleId)[0];
    if (key === undefined) return null;
    const base = key.slice(this.sampleKey(sampleId).length);
    try {
      const content = JSON.parse(this.storage.getItem(key) ?? 'null') as C | null;
      return content === null ? null : { baseRevision: base === 'none' ? null : Number(base), content };
    } catch {
      return null;
    }
  }

  /** The samples with edits kept in this scope, in no set order. */
  sampleIds(): number[] {
    const prefix = `${PREFIX}${this.scope}.`;
    const ids = new Set<number>();
    for (let i = 0; i < this.storage.length; i++) {
      const key = this.storage.key(i);
      const match = key?.startsWith(prefix) ? /^(\d+)\.(\d+|none)$/.exec(key.slice(prefix.length)) : null;
      if (match) ids.add(Number(match[1]));
    }
    return [...ids];
  }

  drop(sampleId: number): void {
    for (const key of this.keysOf(sampleId)) this.storage.removeItem(key);
  }

  private sampleKey(sampleId: number): string {
    return `${PREFIX}${this.scope}.${sampleId}.`;
  }

  private keysOf(sampleId: number): string[] {
    const prefix = this.sampleKey(sampleId);
    const keys: string[] = [];
    for (let i = 0; i < this.storage.length; i++) {
      const key = this.storage.key(i);
      if (key?.startsWith(prefix) && /^(\d+|none)$/.test(key.slice(prefix.length))) keys.push(key);
    }
    return keys;
  }
}

/** Forgets every kept edit in this browser (on sign-out: the next person at this browser must not find them). */
export function dropAllUnsent(storage: Storage): void {
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key?.startsWith(PREFIX)) keys.push(key);
  }
  for (const key of keys) storage.removeItem(key);
}
