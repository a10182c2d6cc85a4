import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ItemSpool } from '../../../electron/services/datasets/item-spool';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();

it('gives back every group of texts in the order written, the same on every read, accents and emoji included', () => {
  const spool = ItemSpool.create();
  try {
    const groups = [['{"name":"café"}', '{"name":"🐈 on a mat"}'], [], ['{"x":1}'], ['', '{"comment":"line\\nbreak, \\"quoted\\""}', '{"y":"ünïcödé"}']];
    for (const texts of groups) spool.append(texts);
    // An empty group writes nothing, so it is not read back.
    const written = groups.filter((texts) => texts.length > 0);
    expect([...spool.groups()]).toEqual(written);
    expect([...spool.groups()]).toEqual(written);
  } finally {
    spool.close();
  }
});

it('removes its file when closed, and refuses to be read after', () => {
  const parent = tempDir();
  const spool = ItemSpool.create(parent);
  const [folder] = readdirSync(parent);
  expect(readdirSync(join(parent, folder!))).toEqual(['items']);
  spool.append(['{"a":1}']);
  spool.close();
  expect(existsSync(join(parent, folder!))).toBe(false);
  expect(readdirSync(parent)).toEqual([]);
  expect(() => [...spool.groups()]).toThrow('closed');
});
