import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { versionedRecord } from '../../../shared/domain/stored/versioned-record';

// A record whose shape changed twice: `name` became `title` (v2), then `tags` were added (v3).
const note = versionedRecord('note', 3, z.object({ title: z.string(), tags: z.array(z.string()) }), [
  { from: 1, name: 'name-becomes-title', up: ({ name, ...rest }) => ({ ...rest, title: name }) },
  { from: 2, name: 'tags-added', up: (old) => ({ ...old, tags: [] }) },
]);

describe('versioned stored records', () => {
  it('stores the current version with the record and reads it back without it', () => {
    const stored = note.stamp({ title: 'a', tags: ['x'] });
    expect(stored).toEqual({ v: 3, title: 'a', tags: ['x'] });
    expect(note.schema.parse(JSON.parse(JSON.stringify(stored)))).toEqual({ title: 'a', tags: ['x'] });
  });

  it('upgrades each older version through the named migrations in order, unversioned records as version 1', () => {
    expect(note.schema.parse({ name: 'a' })).toEqual({ title: 'a', tags: [] });
    expect(note.schema.parse({ v: 1, name: 'a' })).toEqual({ title: 'a', tags: [] });
    expect(note.schema.parse({ v: 2, title: 'a' })).toEqual({ title: 'a', tags: [] });
  });

  it('refuses a record from a newer version, or with a version that is not one, saying so', () => {
    expect(note.schema.safeParse({ v: 4, title: 'a', tags: [] }).error?.issues[0]?.message).toBe(
      'the note is version 4, newer than this Concord understands (3)',
    );
    expect(note.schema.safeParse({ v: 'two', title: 'a' }).error?.issues[0]?.message).toBe("a note's version must be a positive whole number");
    expect(note.schema.safeParse(['a']).error?.issues[0]?.message).toBe('a note must be an object');
  });
});
