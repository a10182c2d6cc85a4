// How long the `concord` command takes to start: `concord --help`, and `concord metrics` on a
// small file, each run as a process the way a user or a script runs it, against `node -e 0`
// timed in the same run (the floor any Node command pays). Median of eleven runs each, after
// one warm-up. Run with `npm run bench -- cli-startup` (after `npm run build`).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../test/support/paths';
import type { Benchmark, Figure } from './support';

/** The aim for `--help` and a small metric. */
const AIM_MS = 150;
const RUNS = 11;

function medianMs(args: string[]): number {
  const once = () => {
    const start = performance.now();
    const result = spawnSync(process.execPath, args, { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited ${result.status}: ${result.stderr.toString().slice(0, 300)}`);
    return performance.now() - start;
  };
  once();
  const times = Array.from({ length: RUNS }, once).sort((a, b) => a - b);
  return times[Math.floor(RUNS / 2)]!;
}

export const benchmark: Benchmark = {
  name: 'cli-startup',
  summary: '`concord --help` and `concord metrics` on a small file, as processes, against `node -e 0`',
  async run() {
    const work = mkdtempSync(join(tmpdir(), 'concord-cli-bench-'));
    try {
      const input = join(work, 'ratings.json');
      writeFileSync(
        input,
        JSON.stringify({
          data: [
            [1, 2, 3, null],
            [1, 2, 2, 4],
          ],
        }),
      );
      const concord = join(REPO_ROOT, 'bin', 'concord.js');
      const node = medianMs(['-e', '0']);
      const help = medianMs([concord, '--help']);
      const metrics = medianMs([concord, 'metrics', 'alpha', '--level', 'ordinal', '--input', input]);
      console.log(`node -e 0 ${node.toFixed(0)} ms, concord --help ${help.toFixed(0)} ms, concord metrics ${metrics.toFixed(0)} ms`);
      const note = `node -e 0: ${node.toFixed(0)} ms in the same run`;
      return [
        { what: 'concord --help', value: help, unit: 'ms', aim: AIM_MS, note },
        { what: 'concord metrics alpha, 2 coders × 4 units', value: metrics, unit: 'ms', aim: AIM_MS, note },
        { what: 'concord --help ÷ node -e 0', value: help / node, unit: '×', aim: null },
        // On a shared machine the absolute times follow its load; the ratios to Node's own floor less so.
        { what: 'concord metrics ÷ node -e 0', value: metrics / node, unit: '×', aim: null },
      ] satisfies Figure[];
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  },
};
