import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { jsonSyntaxReason } from '../../shared/dataset/import/file-problems';
import * as z from 'zod/mini';
import { agreementCoefficients, type AgreementCoefficients, type Coefficient } from '../../shared/metrics/agreement-coefficients';
import type { AgreementWeights } from '../../shared/metrics/agreement-weights';
import { boxAgreement } from '../../shared/metrics/box-agreement';
import { cohenKappa } from '../../shared/metrics/cohen-kappa';
import { corpusErrorRate } from '../../shared/metrics/error-rate';
import { fleissKappa } from '../../shared/metrics/fleiss-kappa';
import { krippendorffAlpha } from '../../shared/metrics/krippendorff-alpha';
import { OrderNeededError } from '../../shared/metrics/ordered-values';
import { CliError } from './exit-codes';

/** `concord metrics`: one agreement metric on raw data from anywhere, JSON in and JSON out. */

// Zod's small build (its numbers are finite already): the full one took most of this command's start-up.
z.config(z.locales.en());
const rating = z.union([z.number(), z.string(), z.null()]);
const codersByUnits = z.object({
  data: z.array(z.array(rating)).check(z.minLength(1, 'needs at least one coder')),
  /** A weight matrix of one's own, rows and columns in the categories' order. */
  weights: z.optional(z.array(z.array(z.number()))),
  /** The categories in order (or give them with --order). */
  categories: z.optional(z.array(z.union([z.number(), z.string()]))),
});
const box = z.tuple([z.number(), z.number(), z.number(), z.number()]);
const boxesInput = z.object({ a: z.array(z.array(box)), b: z.array(z.array(box)) });
const textInput = z.object({
  pairs: z.array(z.object({ ref: z.string(), hyp: z.string() })),
  normalize: z._default(z.array(z.enum(['nfc', 'case', 'punctuation', 'fillers', 'whitespace'])), []),
});

export const METRICS_USAGE = `concord metrics <alpha|fleiss|cohen|gwet|bp|boxes|wer|cer> [--input FILE] [options]
  Reads JSON from FILE or standard input and prints the result as JSON.
  alpha  --level nominal|ordinal|interval|ratio   {"data": [[coder 1's value per unit, null if missing], ...]}
  fleiss [--weights W]                            {"data": [...]}; unweighted: units rated by every coder;
                                                  weighted: Gwet's form, incomplete units kept
  cohen  --weights W                              {"data": [[coder 1 ...], [coder 2 ...]]}
  gwet   [--weights W]                            Gwet's AC1 (AC2 when weighted), any number of coders
  bp     [--weights W]                            Brennan–Prediger's free-marginal kappa
  boxes  --iou 0.5                                {"a": [[[x1,y1,x2,y2], ...] per image], "b": [...]}
  wer | cer                                       {"pairs": [{"ref": "...", "hyp": "..."}], "normalize": ["case", ...]}
  W is none, linear or quadratic, or a matrix of one's own in the input: {"data": ..., "weights": [[1, 0.5], [0.5, 1]]}.
  --order a,b,c   the categories' order, for ordered levels and weights when values are not numbers
                  (numbers and numeric strings such as "10" are compared by value); also "categories" in the input.
  gwet, bp and weighted fleiss print a 95% bootstrap interval over units.`;

function parseInput<T>(schema: z.ZodMiniType<T>, text: string, source: string): T {
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
    options: { input: { type: 'string' }, level: { type: 'string' }, weights: { type: 'string' }, iou: { type: 'string' }, order: { type: 'string' } },
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
      const hint = error instanceof OrderNeededError ? ' with --order a,b,c' : '';
      throw new CliError(`${source}: ${(error as Error).message}${hint}`);
    }
  };
  const ratings = () => {
    const input = parseInput(codersByUnits, text, source);
    return { data: input.data, weights: weightsOf(values.weights, input.weights), categories: orderOf(values.order, input.categories) };
  };
  switch (name) {
    case 'alpha': {
      const level = choice(values.level, ['nominal', 'ordinal', 'interval', 'ratio'] as const, 'nominal', '--level');
      const { data, categories } = ratings();
      return { metric: 'krippendorff-alpha', level, ...guarded(() => krippendorffAlpha(data, { level, categories })) };
    }
    case 'fleiss': {
      const { data, weights, categories } = ratings();
      if (weights === 'none') return { metric: 'fleiss-kappa', ...guarded(() => fleissKappa(data)) };
      const result = guarded(() => agreementCoefficients(data, { weights, categories }));
      return { metric: 'fleiss-kappa', weights: weightsName(weights), ...coefficient(result, result.fleiss) };
    }
    case 'cohen': {
      const { data, weights, categories } = ratings();
      if (data.length !== 2) throw new CliError(`${source}: Cohen's kappa compares exactly two coders; input.data has ${data.length} rows`);
      return { metric: 'cohen-kappa', weights: weightsName(weights), ...guarded(() => cohenKappa(data[0]!, data[1]!, { weights, categories })) };
    }
    case 'gwet':
    case 'bp': {
      const { data, weights, categories } = ratings();
      const result = guarded(() => agreementCoefficients(data, { weights, categories }));
      if (name === 'bp') return { metric: 'brennan-prediger', weights: weightsName(weights), ...coefficient(result, result.brennanPrediger) };
      return { metric: weights === 'none' ? 'gwet-ac1' : 'gwet-ac2', weights: weightsName(weights), ...coefficient(result, result.gwet) };
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

/** `--weights` by name, or the input's matrix; not both. */
function weightsOf(flag: string | undefined, matrix: number[][] | undefined): AgreementWeights {
  if (matrix && flag !== undefined) throw new CliError('give the weights once: --weights or a "weights" matrix in the input, not both');
  return matrix ?? choice(flag, ['none', 'linear', 'quadratic'] as const, 'none', '--weights');
}

function weightsName(weights: AgreementWeights): string {
  return typeof weights === 'string' ? weights : 'matrix';
}

/** `--order a,b,c`, or the input's categories; not both. */
function orderOf(flag: string | undefined, categories: (string | number)[] | undefined): (string | number)[] | undefined {
  if (categories && flag !== undefined) throw new CliError('give the order once: --order or "categories" in the input, not both');
  if (flag === undefined) return categories;
  const order = flag.split(',').map((category) => category.trim());
  if (order.some((category) => category === '')) throw new CliError(`--order needs the categories separated by commas, with none empty (got "${flag}")`);
  return order;
}

/** One coefficient with what it was computed from. */
function coefficient(result: AgreementCoefficients, picked: Coefficient) {
  const { percentAgreement, units, ratedUnits, categories } = result;
  return { value: picked.value, interval: picked.interval, percentAgreement, chanceAgreement: picked.chanceAgreement, units, ratedUnits, categories };
}
