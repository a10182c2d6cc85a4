/**
 * Run by box-matching.test.ts in its own Node process with a 1 GB heap: matches two labelers'
 * 60,000 boxes each on one image and prints the counts and the process's peak memory as JSON.
 * A 60,000 × 60,000 cost matrix alone would be 29 GB, so this dies if the matcher builds one.
 */
import { matchBoxes, type BoxCorners } from '../../../shared/metrics/box-matching';

const COLUMNS = 250;
const ROWS = 240;
let seed = 11;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;

// A grid of 10 px boxes 11 px apart; the other labeler's twin is shifted by up to 1.5 px each way,
// which keeps its IoU with the twin above 0.5 and with any neighbour below it.
const a: BoxCorners[] = [];
const b: BoxCorners[] = [];
for (let row = 0; row < ROWS; row++) {
  for (let column = 0; column < COLUMNS; column++) {
    const x = column * 11;
    const y = row * 11;
    a.push([x, y, x + 10, y + 10]);
    const dx = (random() - 0.5) * 3;
    const dy = (random() - 0.5) * 3;
    b.push([x + dx, y + dy, x + 10 + dx, y + 10 + dy]);
  }
}
const { tp, fp, fn } = matchBoxes(a, b);
process.stdout.write(JSON.stringify({ boxes: a.length, tp, fp, fn, maxRssBytes: process.resourceUsage().maxRSS * 1024 }));
