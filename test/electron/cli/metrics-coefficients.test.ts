import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/run-cli';
import { RAW_4_RATERS, coderRowsFromTable } from '../../support/ratings';
import { useTempDirs } from '../../support/temp-dir';

/** `concord metrics` for the coefficients besides kappa and alpha, and for ordered values given as strings. */
describe('concord metrics: AC1/AC2, Brennan–Prediger, weighted Fleiss and Cohen, ordered strings', () => {
  const tempDir = useTempDirs();
  const run = async (argv: string[], stdin = '') => {
    const stdout: string[] = [];
    const stderr: string[] = [];
    const io = { out: (t: string) => stdout.push(t), err: (t: string) => stderr.push(t), progress: () => undefined, readStdin: async () => stdin };
    const code = await runCli(['metrics', ...argv], io, tempDir());
    return { code, json: code === 0 ? (JSON.parse(stdout.join('\n')) as Record<string, unknown>) : null, stderr: stderr.join('\n') };
  };
  // irrCAC's cac.raw4raters (Gwet 2014, p. 120); expected values as irrCAC's README and weighting vignette print them.
  const raw4raters = { data: RAW_4_RATERS };

  it('computes AC1, AC2, Brennan–Prediger and weighted Fleiss with intervals', async () => {
    const file = join(tempDir(), 'raw4raters.json');
    writeFileSync(file, JSON.stringify(raw4raters));
    const ac1 = await run(['gwet', '--input', file]);
    expect(ac1.json).toMatchObject({ metric: 'gwet-ac1', weights: 'none', units: 11, ratedUnits: 12, categories: 5 });
    expect(ac1.json!['value']).toBeCloseTo(0.77544, 5);
    const interval = ac1.json!['interval'] as { low: number; high: number };
    expect(interval.low).toBeLessThan(0.77544);
    expect(interval.high).toBeGreaterThanOrEqual(0.77544);

    const ac2 = await run(['gwet', '--weights', 'quadratic', '--input', file]);
    expect(ac2.json).toMatchObject({ metric: 'gwet-ac2', weights: 'quadratic' });
    expect(ac2.json!['value']).toBeCloseTo(0.914, 3);
    expect((await run(['bp', '--input', file])).json!['value']).toBeCloseTo(0.77273, 5);
    expect((await run(['bp', '--weights', 'quadratic', '--input', file])).json!['value']).toBeCloseTo(0.90152, 5);

    const weightedFleiss = await run(['fleiss', '--weights', 'quadratic', '--input', file]);
    expect(weightedFleiss.json).toMatchObject({ metric: 'fleiss-kappa', weights: 'quadratic', units: 11 });
    expect(weightedFleiss.json!['value']).toBeCloseTo(0.86494, 5);
    // Unweighted, Fleiss' kappa is Fleiss' own: only the units every coder rated.
    expect((await run(['fleiss', '--input', file])).json).toMatchObject({ units: 8, excludedUnits: 4 });
  });

  it("takes Cohen's weights as a matrix in the input, in the order given", async () => {
    // irrCAC's cont3x3abstractors with quadratic weights: kappa2.table prints 0.8921569.
    const categories = ['Ectopic', 'AIU', 'NIU'];
    const data = coderRowsFromTable(categories, [
      [13, 0, 0],
      [0, 20, 7],
      [0, 4, 56],
    ]);
    const weights = [
      [1, 0.75, 0],
      [0.75, 1, 0.75],
      [0, 0.75, 1],
    ];
    const byInput = await run(['cohen'], JSON.stringify({ data, weights, categories }));
    expect(byInput.json).toMatchObject({ metric: 'cohen-kappa', weights: 'matrix' });
    expect(byInput.json!['value']).toBeCloseTo(0.8921569, 7);
    expect((await run(['cohen', '--order', 'Ectopic,AIU,NIU'], JSON.stringify({ data, weights }))).json!['value']).toBeCloseTo(0.8921569, 7);
  });

  it('compares numeric strings as numbers and asks for the order of other labels', async () => {
    const numbers = [
      [8, 9, 10, 10, 8, 9, 10, 8],
      [9, 9, 10, 8, 8, 10, 10, 9],
    ];
    const strings = numbers.map((row) => row.map(String));
    for (const level of ['ordinal', 'interval', 'ratio']) {
      const asText = await run(['alpha', '--level', level], JSON.stringify({ data: strings }));
      const asNumbers = await run(['alpha', '--level', level], JSON.stringify({ data: numbers }));
      expect(asText.json!['value']).toBeCloseTo(asNumbers.json!['value'] as number, 12);
    }
    const cohenText = await run(['cohen', '--weights', 'linear'], JSON.stringify({ data: strings }));
    expect(cohenText.json!['value']).toBeCloseTo((await run(['cohen', '--weights', 'linear'], JSON.stringify({ data: numbers }))).json!['value'] as number, 12);

    const labels = { data: strings.map((row) => row.map((v) => ({ '8': 'low', '9': 'mid', '10': 'high' })[v]!)) };
    const refused = await run(['alpha', '--level', 'ordinal'], JSON.stringify(labels));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /ordinal alpha needs the order of the categories: "low" \(coder 0, unit 0\) is not a number, so give the order with --order a,b,c/,
    );
    const ordered = await run(['alpha', '--level', 'ordinal', '--order', 'low,mid,high'], JSON.stringify(labels));
    expect(ordered.json!['value']).toBeCloseTo((await run(['alpha', '--level', 'ordinal'], JSON.stringify({ data: numbers }))).json!['value'] as number, 12);
  });

  it('exits 1 naming what is wrong with the weights or the order', async () => {
    const twoCoders = {
      data: [
        [1, 2, 3],
        [1, 2, 2],
      ],
    };
    const cases: Array<[string[], unknown, RegExp]> = [
      [['cohen', '--weights', 'linear'], { ...twoCoders, weights: [[1]] }, /give the weights once/],
      [
        ['cohen'],
        {
          ...twoCoders,
          weights: [
            [1, 0],
            [0, 1],
          ],
        },
        /the weight matrix must be 3 × 3/,
      ],
      [['gwet', '--weights', 'cubic'], twoCoders, /--weights must be one of none, linear, quadratic/],
      [['gwet', '--order', 'a,,b'], twoCoders, /--order needs the categories separated by commas/],
      [['gwet', '--order', '1,2'], twoCoders, /Value 3 \(coder 0, unit 2\) is not one of the categories/],
      [['bp', '--order', '1,2,3'], { ...twoCoders, categories: [1, 2, 3] }, /give the order once/],
    ];
    for (const [argv, input, message] of cases) {
      const result = await run(argv, JSON.stringify(input));
      expect(result.code, argv.join(' ')).toBe(1);
      expect(result.stderr).toMatch(message);
    }
  });
});
