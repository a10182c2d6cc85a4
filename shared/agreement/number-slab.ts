/** Numbers in the first block (8 KB): a ledger of one sample, a score asked alone, keeps a few hundred. */
const FIRST_BLOCK_LENGTH = 1 << 10;
/** Numbers per block at most: 1 MB, above glibc's default threshold, so each such block is its own mapping. */
const BLOCK_LENGTH = 1 << 17;

/**
 * Hands out arrays of numbers carved from large blocks, for arrays kept as long as a ledger.
 * A ledger's 100,000 entries made one by one were 100,000 small buffers among the measuring's
 * short-lived ones: the allocator could not give back what the measuring freed, and a first
 * computation left the back end about 180 MB above a restart that reads the same entries in
 * blocks from the kept file. A block stays while any array carved from it is kept, so a sample
 * measured again leaves its former array's room unused until the ledger is dropped. Each block is
 * twice the one before, from 8 KB up to 1 MB: a ledger made to score one sample (the Review queue
 * classifies each changed sample so) once took a whole megabyte, zeroed, for a few hundred bytes.
 *
 * @example
 *   const slab = new NumberSlab();
 *   const data = slab.take(120); // a Float64Array of 120 zeros, a view into the current block
 */
export class NumberSlab {
  private block = new Float64Array(0);
  private used = 0;

  take(length: number): Float64Array {
    if (this.used + length > this.block.length) {
      this.block = new Float64Array(Math.max(length, Math.min(BLOCK_LENGTH, Math.max(FIRST_BLOCK_LENGTH, 2 * this.block.length))));
      this.used = 0;
    }
    // A view made from the block's buffer (the block starts it): `subarray` looks up the array's species first, a cost per entry.
    const view = new Float64Array(this.block.buffer, this.used * Float64Array.BYTES_PER_ELEMENT, length);
    this.used += length;
    return view;
  }
}
