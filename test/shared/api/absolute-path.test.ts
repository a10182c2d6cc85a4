import { describe, expect, it } from 'vitest';
import { absolutePath } from '../../../shared/api/absolute-path';

describe('full paths in the API', () => {
  const schema = absolutePath('folder');

  it('accepts the full paths of Linux, macOS and Windows, drive letters and network shares included', () => {
    for (const path of ['/home/ana/data', 'C:\\data', 'd:/data', '\\\\server\\share', '  /trimmed  ']) expect(schema.safeParse(path).success).toBe(true);
  });

  it('refuses paths that depend on where the host runs', () => {
    for (const path of ['data', './data', '../data', '~/data', 'C:data', '\\data\\x', '']) expect(schema.safeParse(path).success).toBe(false);
  });
});
