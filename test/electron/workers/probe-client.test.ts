import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { ProbeClient } from '../../../electron/workers/probe-client';
import { useTempDirs } from '../../support/temp-dir';

describe('the import worker checking images side by side', () => {
  const tempDir = useTempDirs();

  it('gives a truncated JPEG its real reason the first time, however many good images it decodes meanwhile', async () => {
    const dir = tempDir();
    const jpeg = await sharp({ create: { width: 2400, height: 1600, channels: 3, background: { r: 200, g: 40, b: 90 } } })
      .jpeg({ quality: 85 })
      .toBuffer();
    writeFileSync(join(dir, 'good.jpg'), jpeg);
    writeFileSync(join(dir, 'cut.jpg'), jpeg.subarray(0, jpeg.length >> 1));
    // As an import does: many files in flight at once, most of them fine.
    const files = Array.from({ length: 48 }, (_, i) => join(dir, i % 2 === 0 ? 'cut.jpg' : 'good.jpg'));
    const client = new ProbeClient();
    try {
      const results = await client.probeAll(files, 'image', join(dir, 'thumbnails'));
      const reasons = new Set(results.flatMap((result) => (result.ok ? [] : [result.reason])));
      expect([...reasons]).toEqual(['truncated or corrupt JPEG image: premature end of JPEG image']);
      expect(results.filter((result) => result.ok)).toHaveLength(24);
    } finally {
      await client.close();
    }
  });
});
