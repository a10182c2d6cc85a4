// Runs the benchmarks and ends with every figure against its aim.
//   npm run bench                      every benchmark
//   npm run bench -- export metrics    only those
//   npm run bench -- large-project --samples 10000   options go to the benchmarks run
//   npm run bench -- version --samples 20000 --rounds 3
//   npm run bench -- team-load --labelers 10 --seconds 20 [--kill]
// Each benchmark waits for a quiet machine first (its CPU and its disk). Benchmarks report; they
// never fail on timing. The command fails only when a benchmark could not run at all.
import { loadAverage, quietMachine, settledDisk, type Benchmark, type Figure } from './support';

/** Loaded only when run, so one benchmark's set-up never slows another's. */
const BENCHMARKS: Record<string, () => Promise<{ benchmark: Benchmark }>> = {
  metrics: () => import('./metrics.bench'),
  'bbox-canvas': () => import('./bbox-canvas.bench'),
  'label-next': () => import('./label-next.bench'),
  'transcript-open': () => import('./transcript-open.bench'),
  export: () => import('./export.bench'),
  version: () => import('./version.bench'),
  train: () => import('./train.bench'),
  import: () => import('./import.bench'),
  'large-project': () => import('./large-project.bench'),
  lists: () => import('./lists.bench'),
  samples: () => import('./samples.bench'),
  'list-scroll': () => import('./list-scroll.bench'),
  'review-open': () => import('./review-open.bench'),
  'label-open': () => import('./label-open.bench'),
  'label-import': () => import('./label-import.bench'),
  'agreement-open': () => import('./agreement-open.bench'),
  drift: () => import('./drift.bench'),
  open: () => import('./open.bench'),
  'first-screen': () => import('./first-screen.bench'),
  'cli-startup': () => import('./cli-startup.bench'),
  'team-load': () => import('./team-load.bench'),
};

const args = process.argv.slice(2);
const named = args.filter((arg) => arg in BENCHMARKS);
const unknown = args.filter((arg, i) => !arg.startsWith('-') && !(arg in BENCHMARKS) && !args[i - 1]?.startsWith('--'));
if (unknown.length > 0) {
  console.error(`Unknown benchmark ${unknown.join(', ')}. There are: ${Object.keys(BENCHMARKS).join(', ')}.`);
  process.exit(1);
}
const options = args.filter((arg) => !(arg in BENCHMARKS));

interface Outcome {
  name: string;
  figures: Figure[];
  error: string | null;
}

const outcomes: Outcome[] = [];
for (const name of named.length > 0 ? named : Object.keys(BENCHMARKS)) {
  const { benchmark } = await BENCHMARKS[name]!();
  console.log(`\n== ${name}: ${benchmark.summary}`);
  // Each starts on a quiet machine: the one before may leave its disk writing back, and a whole
  // run's benchmarks would otherwise each measure the tail of the one before.
  console.log(`  before it: ${await quietMachine(2000, 0.05, 60_000)}, ${await settledDisk()}; load average ${loadAverage()}`);
  try {
    outcomes.push({ name, figures: await benchmark.run(options), error: null });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`${name} could not run: ${message}`);
    outcomes.push({ name, figures: [], error: message });
  }
}
printTable(outcomes);
process.exit(outcomes.some((o) => o.error !== null) ? 1 : 0);

function format(value: number, unit: Figure['unit']): string {
  const digits = unit === 'ms' && value < 10 ? 2 : value < 100 ? 1 : 0;
  return `${value.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits })} ${unit === '×' ? '×' : unit}`;
}

function printTable(results: Outcome[]): void {
  const rows = results.flatMap(({ name, figures, error }) =>
    error !== null
      ? [[name, 'could not run', '', '', 'FAILED', error]]
      : figures.map((f) => [
          name,
          f.what,
          format(f.value, f.unit),
          f.aim === null ? '' : f.aim === 0 ? format(0, f.unit) : `${format(f.aim, f.unit)} (${(f.value / f.aim).toFixed(2)}×)`,
          f.aim === null ? 'no aim' : f.value <= f.aim ? 'met' : 'NOT MET',
          f.note ?? '',
        ]),
  );
  const header = ['benchmark', 'figure', 'value', 'aim (value/aim)', 'verdict', 'compared with'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(' | ');
  console.log(`\nEvery figure against its aim (Node ${process.version}):\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('-|-')}`);
  for (const row of rows) console.log(line(row));
  const missed = rows.filter((r) => r[4] === 'NOT MET').length;
  console.log(`\n${rows.length} figures: ${rows.filter((r) => r[4] === 'met').length} met their aim, ${missed} did not.`);
}
