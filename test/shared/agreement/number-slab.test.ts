import { describe, expect, it } from 'vitest';
import { NumberSlab } from '../../../shared/agreement/number-slab';

describe('the numbers a ledger keeps, carved from blocks', () => {
  it('hands out zeroed arrays of the length asked that never share a number', () => {
    const slab = new NumberSlab();
    const arrays = [3, 700, 1, 5_000, 40].map((length) => slab.take(length));
    expect(arrays.map((a) => a.length)).toEqual([3, 700, 1, 5_000, 40]);
    arrays.forEach((array, i) => array.fill(i + 1));
    arrays.forEach((array, i) => expect(array.every((n) => n === i + 1)).toBe(true));
  });

  it('keeps a few kilobytes for a ledger of one sample, and 1 MB blocks for a large one', () => {
    // A score asked alone makes a ledger of one sample: its numbers must not cost a megabyte each time.
    expect(new NumberSlab().take(300).buffer.byteLength).toBeLessThanOrEqual(8 * 1024);
    const large = new NumberSlab();
    const sizes = new Set<number>();
    for (let i = 0; i < 5_000; i++) sizes.add(large.take(300).buffer.byteLength);
    // Each block twice the one before, then 1 MB each: few blocks, each mapped apart from the allocator's arenas.
    expect(Math.max(...sizes)).toBe(1 << 20);
    expect(sizes.size).toBeLessThanOrEqual(8);
    // An array longer than a block gets a block of its own.
    expect(large.take(200_000).length).toBe(200_000);
  });
});
