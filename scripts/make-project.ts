// Generates a large Concord project to try or measure Concord at size, e.g.
//   npm run make-project -- --kind bbox --samples 100000 --labelers 3 --boxes 5 --seed 1 --out /tmp/big
// The same options always make the same media and annotations.
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../electron/app-paths';
import { makeProject, makeProjectOptionsSchema } from '../electron/generate/make-project';

const USAGE = 'Usage: npm run make-project -- --kind bbox|transcript --samples N --labelers K [--boxes M] [--seed S] [--password P] --out DIR';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      kind: { type: 'string' },
      samples: { type: 'string' },
      labelers: { type: 'string', default: '3' },
      boxes: { type: 'string', default: '5' },
      seed: { type: 'string', default: '1' },
      password: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const number = (text: string | undefined) => (text === undefined || text.trim() === '' ? undefined : Number(text));
  const parsed = makeProjectOptionsSchema.safeParse({
    kind: values.kind,
    samples: number(values.samples),
    labelers: number(values.labelers),
    boxes: number(values.boxes),
    seed: number(values.seed),
    out: values.out,
    // As `concord import` does: the app on this computer may then show the generated media.
    dataDir: defaultDataDir(),
    ...(values.password === undefined ? {} : { password: values.password }),
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `--${issue.path.join('.')}: ${issue.message}`).join('\n  ');
    throw new Error(`${problems}\n${USAGE}`);
  }
  const interactive = process.stdout.isTTY;
  const made = await makeProject(parsed.data, (line) => (interactive ? process.stdout.write(`\r${line.padEnd(40)}`) : undefined));
  if (interactive) process.stdout.write('\r'.padEnd(41) + '\r');
  const { media, import: imported, annotations, review } = made.seconds;
  console.log(`Project: ${made.projectDir}`);
  console.log(`Media:   ${made.mediaDir} (referenced in place: keep it beside the project)`);
  console.log(
    `Labelers: ${made.labelers.map((l) => l.name).join(', ')} (password: ${parsed.data.password}); ${made.annotations.toLocaleString('en')} submitted annotations`,
  );
  console.log(
    `Took ${media.toFixed(1)} s for the media, ${imported.toFixed(1)} s to register them, ${annotations.toFixed(1)} s for the annotations, ${review.toFixed(1)} s for the Review queue.`,
  );
}

main().catch((error: unknown) => {
  console.error(`make-project: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
