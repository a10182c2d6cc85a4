import { describe, expect, it } from 'vitest';
import { UnsentEdits, unsentScopeOf } from '../../renderer/autosave/unsent-edits';
import { memoryStorage } from './memory-storage';

describe('edits kept while the back end cannot be reached, on a browser several people use', () => {
  it("keeps each person's edits, in each project, out of every other's sight", () => {
    const storage = memoryStorage();
    const scopes = {
      mine: unsentScopeOf('/srv/birds', 1),
      otherPerson: unsentScopeOf('/srv/birds', 12), // an id that begins with mine
      otherProject: unsentScopeOf('/srv/birds.old', 1), // a folder whose name begins with mine
    };
    const kept = new UnsentEdits<string>(storage, scopes.mine);
    kept.keep(2, 5, 'my boxes');

    expect(new UnsentEdits<string>(storage, scopes.otherPerson).find(2)).toBeNull();
    expect(new UnsentEdits<string>(storage, scopes.otherProject).find(2)).toBeNull();
    // The same person, in the same project, in a tab opened later: the edits and their revision.
    expect(new UnsentEdits<string>(storage, scopes.mine).find(2)).toEqual({ baseRevision: 5, content: 'my boxes' });

    // Another person's drop leaves mine.
    new UnsentEdits<string>(storage, scopes.otherPerson).drop(2);
    expect(kept.find(2)).toEqual({ baseRevision: 5, content: 'my boxes' });
  });
});
