import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { jsonSyntaxReason } from '../../shared/dataset/import/file-problems';
import { z } from 'zod';
import { boxAgreement } from '../../shared/metrics/box-agreement';
import { cohenKappa } from '../../shared/metrics/cohen-kappa';
import { corpusErrorRate } from '../../shared/metrics/error-rate';
import { fleissKappa } from '../../shared/metrics/fleiss-kappa';
import { krippendorffAlpha } from '../../shared/metrics/krippendorff-alpha';
import { CliError } from './exit-codes';

/** `concord metrics`: one agreement metric on raw data from anywhere, JSON in and JSON out. */

const rating = z.union([z.number().finite(), z.string(), z.null()]);
const codersByUnits = z.object({ data: z.array(z.array(rating)).min(1, 'needs at least one coder') });
const box = z.tuple([z.number().finite(), z.number().finite(), z.number().finite(), z.number().finite()]);
const boxesInput = z.object({ a: z.array(z.array(box)), b: z.array(z.array(box)) });
const textInput = z.object({
  pairs: z.array(z.object({ ref: z.string(), hyp: z.string() })),
  normalize: z.array(z.enum(['nfc', 'case', 'punctuation', 'fillers', 'whitespace'])).default([]),
});

export const METRICS_USAGE = `concord metrics <alpha|fleiss|cohen|boxes|wer|cer> [--input FILE] [options]
  Reads JSON from FILE or standard input and prints the result as JSON.
  alpha  --level nominal|ordinal|interval|ratio   {"data": [[coder 1's value per unit, null if missing], ...]}
  fleiss                                          {"data": [...]} (units rated by every coder)
  cohen  --weights none|linear|quadratic          {"data": [[coder 1 ...], [coder 2 ...]]}
  boxes  --iou 0.5                                {"a": [[[x1,y1,x2,y2], ...] per image], "b": [...]}
  wer | cer                                       {"pairs": [{"ref": "...", "hyp": "..."}], "normalize": ["case", ...]}`;

function parseInput<T>(schema: z.ZodType<T>, text: string, source: string): T {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    // V8's message quotes the input: the file may be anything the user pointed at.
    throw new CliError(`${source} ${jsonSyntaxReason(error, text)}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CliError(`${source}: ${['input', ...issue.path.map(String)].join('.')} ${issue.message}`);
  }
  return parsed.data;
}

function choice<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T, flag: string): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new CliError(`${flag} must be one of ${allowed.join(', ')} (got "${value}")`);
  return value as T;
}

/** Computes the metric; throws CliError for anything wrong with the call or its input. */
export async function runMetric(args: string[], readStdin: () => Promise<string>): Promise<unknown> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { input: { type: 'string' }, level: { type: 'string' }, weights: { type: 'string' }, iou: { type: 'string' } },
  });
  const [name] = positionals;
  if (!name || positionals.length > 1) throw new CliError(`name one metric.\n${METRICS_USAGE}`);
  const source = values.input ?? 'standard input';
  const text = values.input
    ? await readFile(values.input, 'utf8').catch((e: NodeJS.ErrnoException) => {
        throw new CliError(`cannot read ${values.input}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`);
      })
    : await readStdin();

  // The metrics refuse impossible input (a string on an interval scale, lists of different lengths) by throwing.
  const guarded = <T>(compute: () => T): T => {
    try {
      return compute();
    } catch (error) {
      throw new CliError(`${source}: ${(error as Error).message}`);
    }
  };
  switch (name) {
    case 'alpha': {
      const level = choice(values.level, ['nominal', 'ordinal', 'interval', 'ratio'] as const, 'nominal', '--level');
      const { data } = parseInput(codersByUnits, text, source);
      return { metric: 'krippendorff-alpha', level, ...guarded(() => krippendorffAlpha(data, { level })) };
    }
    case 'fleiss': {
      const { data } = parseInput(codersByUnits, text, source);
      return { metric: 'fleiss-kappa', ...guarded(() => fleissKappa(data)) };
    }
    case 'cohen': {
      const weights = choice(values.weights, ['none', 'linear', 'quadratic'] as const, 'none', '--weights');
      const { data } = parseInput(codersByUnits, text, source);
      if (data.length !== 2) throw new CliError(`${source}: Cohen's kappa compares exactly two coders; input.data has ${data.length} rows`);
      return { metric: 'cohen-kappa', weights, ...guarded(() => cohenKappa(data[0]!, data[1]!, { weights })) };
    }
    case 'boxes': {
      const threshold = values.iou === undefined ? 0.5 : Number(values.iou);
      if (!(threshold >= 0 && threshold <= 1)) throw new CliError(`--iou must be a number from 0 to 1 (got "${values.iou}")`);
      const { a, b } = parseInput(boxesInput, text, source);
      return { metric: 'box-agreement', iou: threshold, ...guarded(() => boxAgreement(a, b, { threshold }).pooled) };
    }
    case 'wer':
    case 'cer': {
      const { pairs, normalize } = parseInput(textInput, text, source);
      const result = corpusErrorRate(
        pairs.map((p) => [p.ref, p.hyp] as const),
        name === 'wer' ? 'word' : 'character',
        { normalise: normalize },
      );
      const { value, substitutions, insertions, deletions, refLength } = result;
      return { metric: name, normalize, value, substitutions, insertions, deletions, refLength };
    }
    default:
      throw new CliError(`unknown metric "${name}".\n${METRICS_USAGE}`);
  }
}
