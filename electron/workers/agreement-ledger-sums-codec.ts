import type { KeptPool, LedgerSums } from '../../shared/agreement/ledger-sums';
import type { NumberReader } from './agreement-ledger-codec';
import { joinedNumbers } from '../../shared/numbers/joined';

/**
 * A ledger's sums (see `LedgerSums`) as numbers after its samples in a kept ledger's file, texts
 * by their index in the file's table: the histogram, the two flag sums, each pool (slot,
 * comparisons, samples, counts, confusion pairs, then 1 and its resamples' sums or 0), each
 * class key's resampled sums, each tag's sums. Every run of numbers is led by its length.
 */
export function encodeLedgerSums(sums: LedgerSums, text: (value: string) => number): Float64Array {
  const numbers: number[] = [];
  const runs: Float64Array[] = [];
  // Runs are long (a bootstrap's sums are thousands of numbers): kept apart and joined once.
  const run = (values: ArrayLike<number>) => {
    numbers.push(values.length);
    runs.push(Float64Array.from(numbers), Float64Array.from(values));
    numbers.length = 0;
  };
  run(sums.histogram);
  run(sums.emptyFlag);
  run(sums.untagged);
  numbers.push(sums.pools.length);
  for (const pool of sums.pools) {
    numbers.push(pool.slot, pool.comparisons, pool.samples);
    run(pool.counts);
    run(pool.confusion.flat());
    numbers.push(pool.resamples === null ? 0 : 1);
    if (pool.resamples !== null) run(pool.resamples);
  }
  numbers.push(sums.classSums.length);
  for (const { key, sums: classSums } of sums.classSums) {
    numbers.push(key);
    run(classSums);
  }
  numbers.push(sums.tagged.length);
  for (const { tag, sums: tagSums, samples } of sums.tagged) {
    numbers.push(text(tag), samples);
    run(tagSums);
  }
  runs.push(Float64Array.from(numbers));
  return joinedNumbers(runs);
}

/** Reads what {@link encodeLedgerSums} wrote, every value checked as it is taken (whole where whole); copies, not views. The worst lists follow. */
export function decodeLedgerSums(read: NumberReader): LedgerSums {
  const run = () => read.view(read.whole()).slice();
  const histogram = Array.from(run());
  if (!histogram.every((count) => Number.isInteger(count) && count >= 0)) read.fail('a histogram count that is not a whole number');
  const emptyFlag = run();
  const untagged = run();
  const pools: KeptPool[] = [];
  for (let count = read.whole(); count > 0; count--) {
    const slot = read.whole();
    const comparisons = read.whole();
    const samples = read.whole();
    if (samples === 0 || comparisons < samples) read.fail('a pool without samples, or with fewer comparisons than samples');
    const counts = run();
    const pairs = run();
    if (pairs.length % 2 !== 0) read.fail('a confusion of unpaired numbers');
    const confusion: Array<[number, number]> = [];
    for (let k = 0; k < pairs.length; k += 2) confusion.push([pairs[k]!, pairs[k + 1]!]);
    const resampled = read.whole();
    if (resampled > 1) read.fail('neither 0 nor 1 before resamples');
    pools.push({ slot, comparisons, samples, counts, confusion, resamples: resampled === 1 ? run() : null });
  }
  const classSums: LedgerSums['classSums'] = [];
  for (let count = read.whole(); count > 0; count--) classSums.push({ key: read.whole(), sums: run() });
  const tagged: LedgerSums['tagged'] = [];
  for (let count = read.whole(); count > 0; count--) tagged.push({ tag: read.text(), samples: read.whole(), sums: run() });
  return { histogram, emptyFlag, untagged, pools, classSums, tagged };
}
