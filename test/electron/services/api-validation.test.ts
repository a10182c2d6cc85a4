import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useServiceHost, TEST_PASSWORD } from '../../support/service-host';
import { useTempDirs } from '../../support/temp-dir';

describe('the API door', () => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost();

  it('answers an unknown operation with a typed error', async () => {
    const error = await newHost(tempDir()).fails('projects.destroyEverything', {});
    expect(error).toEqual({ code: 'unknown_operation', message: 'Unknown operation "projects.destroyEverything".' });
  });

  it('names each malformed field of an argument, and runs nothing', async () => {
    const host = newHost(tempDir());
    const dir = join(tempDir(), 'p');
    const error = await host.fails('projects.create', { dir, name: '', kind: 'video', classes: [{ name: 'car', color: 'red' }] });
    expect(error.code).toBe('invalid_argument');
    expect(error.issues?.map((i) => i.path).sort()).toEqual(['classes.0.color', 'kind', 'name']);
    expect(error.message).toMatch(/^Invalid argument for projects\.create: /);
    expect(error.issues?.find((i) => i.path === 'classes.0.color')?.message).toMatch(/colour like #1f77b4/);
    expect((await host.ok('projects.recent', {})).length).toBe(0);
  });

  it('refuses a box project without classes, naming the field, and makes no folder; a transcript project needs none', async () => {
    const host = newHost(tempDir());
    const dir = join(tempDir(), 'boxes');
    expect(await host.fails('projects.create', { dir, name: 'Boxes', kind: 'bbox', classes: [] })).toEqual({
      code: 'invalid_argument',
      message: 'A bounding-box project needs at least one class: every box is drawn with one. Add the classes to label.',
      issues: [{ path: 'classes', message: 'add at least one class' }],
    });
    expect(existsSync(dir)).toBe(false);
    expect((await host.ok('projects.create', { dir: join(tempDir(), 'speech'), name: 'Speech', kind: 'transcript' })).classes).toEqual([]);
  });

  it('rejects arguments of the wrong type and out-of-range numbers', async () => {
    const host = newHost(tempDir());
    expect((await host.fails('projects.open', 'not an object')).code).toBe('invalid_argument');
    expect((await host.fails('projects.open', { dir: 42 })).issues?.[0]?.path).toBe('dir');
    await host.ok('projects.create', { dir: join(tempDir(), 'p'), name: 'P', kind: 'bbox', classes: [{ name: 'car' }] });
    expect((await host.fails('samples.list', { limit: 100000 })).issues?.[0]?.path).toBe('limit');
    expect((await host.fails('app.info', { surprise: true })).code).toBe('invalid_argument');
  });

  it('takes only full paths, which mean the same wherever the host runs', async () => {
    const host = newHost(tempDir());
    for (const dir of ['photos', './photos', '../photos', '~/photos', 'C:photos']) {
      const error = await host.fails('projects.open', { dir });
      expect(error.issues).toEqual([{ path: 'dir', message: 'the project folder must be a full path, like /home/ana/data or C:\\data' }]);
    }
    expect((await host.fails('projects.open', { dir: '/nowhere/p' })).code).toBe('not_found');
    await host.ok('projects.create', { dir: join(tempDir(), 'p'), name: 'P', kind: 'bbox', classes: [{ name: 'car' }] });
    expect((await host.fails('imports.start', { source: 'photos' })).issues?.[0]?.path).toBe('source');
  });

  it('says what is wrong when the call is well-formed but cannot be done', async () => {
    const host = newHost(tempDir());
    expect(await host.fails('samples.list', {})).toMatchObject({ code: 'failed_precondition', message: expect.stringMatching(/No project is open/) });
    expect(await host.fails('projects.open', { dir: 'relative/path' })).toMatchObject({ code: 'invalid_argument' });
    expect(await host.fails('projects.open', { dir: tempDir() })).toMatchObject({ code: 'not_found', message: expect.stringMatching(/no concord\.db/) });

    const busy = tempDir();
    writeFileSync(join(busy, 'notes.txt'), 'mine');
    expect(await host.fails('projects.create', { dir: busy, name: 'X', kind: 'bbox', classes: [{ name: 'car' }] })).toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/not empty/),
    });

    const taxonomy = await host.fails('projects.create', {
      dir: join(tempDir(), 'new'),
      name: 'X',
      kind: 'bbox',
      classes: [{ name: 'car' }, { name: 'Car' }, { name: 'bus', hotkey: 'b' }],
      tags: [{ name: 'blurry', hotkey: 'b' }],
    });
    expect(taxonomy.code).toBe('invalid_argument');
    expect(taxonomy.issues).toEqual([
      { path: 'classes.1.name', message: '"Car" is listed twice' },
      { path: 'tags.0.hotkey', message: 'key b is already used by "bus"' },
    ]);
  });

  it('reports a damaged project database clearly instead of crashing', async () => {
    const host = newHost(tempDir());
    const dir = tempDir();
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'concord.db'), 'this is not sqlite, it just has the name');
    expect(await host.fails('projects.open', { dir })).toMatchObject({
      code: 'failed_precondition',
      message: expect.stringMatching(/concord\.db is not a Concord database.*Nothing was changed/),
    });
  });

  it('creates a project with defaults for colours and hotkeys, and v1 of the guideline', async () => {
    const host = newHost(tempDir());
    const project = await host.ok('projects.create', {
      dir: join(tempDir(), 'p'),
      name: 'Street',
      kind: 'bbox',
      classes: [{ name: 'car' }, { name: 'person', color: '#123456' }],
    });
    expect(project.classes).toEqual([
      { id: expect.any(Number), name: 'car', color: '#e69f00', hotkey: '1', retired: false },
      { id: expect.any(Number), name: 'person', color: '#123456', hotkey: '2', retired: false },
    ]);
    expect(project.currentGuidelineVersion).toBe(1);
    const labeler = await host.ok('labelers.create', { name: 'ana', password: TEST_PASSWORD });
    expect(labeler.role).toBe('labeler');
    expect((await host.fails('labelers.create', { name: 'ana', role: 'sme', password: TEST_PASSWORD })).code).toBe('conflict');
    expect((await host.ok('projects.recent', {}))[0]).toMatchObject({ dir: project.dir, name: 'Street', available: true });
  });
});
