import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../electron/cli/commands';
import { runCli } from '../../../electron/cli/run-cli';
import { writeImage, writeText } from '../../support/media-fixtures';
import { writeFileSync } from 'node:fs';
import { useTempDirs } from '../../support/temp-dir';

function capture(stdin = ''): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t), progress: () => undefined, readStdin: async () => stdin };
}

describe('the concord CLI', () => {
  const tempDir = useTempDirs();

  it('creates a project, imports into it and describes it', async () => {
    const dataDir = tempDir();
    const dir = join(tempDir(), 'street');
    const media = tempDir();
    await writeImage(join(media, 'a.jpg'), 'jpeg', 20, 10, 1);
    await writeImage(join(media, 'b.png'), 'png', 20, 10, 2);
    writeText(join(media, 'bad.png'), 'text');

    const init = capture();
    expect(await runCli(['init', dir, '--kind', 'bbox', '--classes', 'car, person,bike'], init, dataDir)).toBe(0);
    expect(init.stdout.join('\n')).toMatch(/Created bbox project "street"/);
    expect(init.stdout.join('\n')).toMatch(/car \[1\], person \[2\], bike \[3\]/);

    const imported = capture();
    expect(await runCli(['import', dir, media], imported, dataDir)).toBe(0);
    expect(imported.stdout[0]).toBe('Imported 2 of 3 files (0 duplicates, 1 skipped).');
    expect(imported.stdout.join('\n')).toMatch(/skipped {4}.*bad\.png: .*text/);

    const info = capture();
    expect(await runCli(['info', dir, '--json'], info, dataDir)).toBe(0);
    const summary = JSON.parse(info.stdout.join('\n')) as { sampleCount: number; classes: Array<{ name: string }> };
    expect(summary.sampleCount).toBe(2);
    expect(summary.classes.map((c) => c.name)).toEqual(['car', 'person', 'bike']);
  });

  it('exits 1 with a clear message for a user error', async () => {
    const dataDir = tempDir();
    const cases: Array<[string[], RegExp]> = [
      [['init', join(tempDir(), 'x')], /--kind must be bbox or transcript/],
      [['info', tempDir()], /No Concord project in .* \(there is no concord\.db\)/],
      [['frobnicate'], /unknown command "frobnicate"/],
      [['init', join(tempDir(), 'y'), '--kind', 'bbox', '--colour', 'x'], /Unknown option '--colour'/],
      [['import', join(tempDir(), 'z'), '/no/such/folder'], /No Concord project/],
    ];
    for (const [argv, message] of cases) {
      const io = capture();
      expect(await runCli(argv, io, dataDir), argv.join(' ')).toBe(1);
      expect(io.stderr.join('\n')).toMatch(message);
    }
  });

  it('exits 1 when the import source does not exist', async () => {
    const dataDir = tempDir();
    const dir = join(tempDir(), 'p');
    expect(await runCli(['init', dir, '--kind', 'transcript'], capture(), dataDir)).toBe(0);
    const io = capture();
    expect(await runCli(['import', dir, join(tempDir(), 'nope')], io, dataDir)).toBe(1);
    expect(io.stderr.join('\n')).toMatch(/Nothing to import at .*nope: no such file or folder/);
  });
});

describe('concord metrics', () => {
  const tempDir = useTempDirs();
  const run = async (argv: string[], stdin = '') => {
    const io = capture(stdin);
    const code = await runCli(['metrics', ...argv], io, tempDir());
    return { code, json: code === 0 ? (JSON.parse(io.stdout.join('\n')) as Record<string, unknown>) : null, stderr: io.stderr.join('\n') };
  };
  // Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability": 4 coders, 12 units, missing data.
  const krippendorff = {
    data: [
      [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
      [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
      [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
      [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
    ],
  };

  it('computes alpha at each level from a file, and kappa from standard input', async () => {
    const file = join(tempDir(), 'ratings.json');
    writeFileSync(file, JSON.stringify(krippendorff));
    const nominal = await run(['alpha', '--input', file]);
    expect(nominal.code).toBe(0);
    expect(nominal.json).toMatchObject({ metric: 'krippendorff-alpha', level: 'nominal', pairableValues: 40 });
    expect(nominal.json!['value']).toBeCloseTo(0.743, 3);
    expect((await run(['alpha', '--level', 'interval', '--input', file])).json!['value']).toBeCloseTo(0.849, 3);

    const cohen = await run(
      ['cohen'],
      JSON.stringify({
        data: [
          ['yes', 'yes', 'no', 'no'],
          ['yes', 'no', 'no', 'no'],
        ],
      }),
    );
    expect(cohen.json).toMatchObject({ metric: 'cohen-kappa', weights: 'none', value: 0.5, observedAgreement: 0.75 });
  });

  it('computes pooled box agreement and transcript error rates with normalisation', async () => {
    const boxes = await run(['boxes', '--iou', '0.5'], JSON.stringify({ a: [[[0, 0, 10, 10]], [[0, 0, 10, 10]]], b: [[[1, 0, 11, 10]], []] }));
    expect(boxes.json).toMatchObject({ tp: 1, fp: 0, fn: 1, precision: 1, recall: 0.5 });
    const pairs = [{ ref: "Um, today's weather", hyp: "Today's weather" }];
    expect((await run(['wer'], JSON.stringify({ pairs }))).json).toMatchObject({ value: 2 / 3, deletions: 1, substitutions: 1, refLength: 3 });
    expect((await run(['wer'], JSON.stringify({ pairs, normalize: ['case', 'punctuation', 'fillers'] }))).json).toMatchObject({ value: 0, refLength: 2 });
    expect((await run(['cer'], JSON.stringify({ pairs: [{ ref: 'kitten', hyp: 'sitting' }] }))).json).toMatchObject({ value: 0.5, refLength: 6 });
  });

  it('exits 1 naming what is wrong with the input or the call', async () => {
    const cases: Array<[string[], string, RegExp]> = [
      [['alpha'], '{not json', /standard input is not valid JSON/],
      [
        ['alpha'],
        JSON.stringify({
          data: [
            [1, 2],
            [1, true],
          ],
        }),
        /input\.data\.1\.1/,
      ],
      [['alpha', '--level', 'fancy'], JSON.stringify(krippendorff), /--level must be one of nominal, ordinal, interval, ratio/],
      [['cohen'], JSON.stringify(krippendorff), /exactly two coders; input\.data has 4 rows/],
      [
        ['alpha', '--level', 'interval'],
        JSON.stringify({
          data: [
            ['a', 'b'],
            ['a', 'b'],
          ],
        }),
        /standard input: /,
      ],
      [['median'], '{}', /unknown metric "median"/],
      [['alpha', '--input', '/no/such/file.json'], '', /cannot read \/no\/such\/file\.json: no such file/],
    ];
    for (const [argv, stdin, message] of cases) {
      const result = await run(argv, stdin);
      expect(result.code, argv.join(' ')).toBe(1);
      expect(result.stderr).toMatch(message);
    }
  });
});

describe('concord agreement', () => {
  const tempDir = useTempDirs();

  it("prints the project's agreement by labeler, pair and sample, or all of it as JSON", async () => {
    const dataDir = tempDir();
    const demo = capture();
    // The demo is built on first start; the CLI then reads it like any project folder.
    const { createServiceHost } = await import('../../../electron/services/service-host');
    const host = createServiceHost({ hostKind: 'cli', dataDir, resourcesDir: join(import.meta.dirname, '..', '..', '..', 'resources') });
    const dir = await host.call('projects.openDemo', { kind: 'bbox' }).then((r) => (r.ok ? (r.value as { dir: string }).dir : ''));
    await host.close();

    expect(await runCli(['agreement', dir], demo, dataDir)).toBe(0);
    const text = demo.stdout.join('\n');
    expect(text).toMatch(/^Agreement between labelers \(human-level baseline\): \d+\.\d% \(95% interval/m);
    expect(text).toMatch(/ana × ben/);
    expect(text).toMatch(/Most disagreement:\n {2}chelsea\.jpg +score 1\.00 {2}\(ana, chen\)\n {2}coins\.png +score 0\.57/);

    const json = capture();
    expect(await runCli(['agreement', dir, '--json'], json, dataDir)).toBe(0);
    expect(JSON.parse(json.stdout.join('\n'))).toMatchObject({ kind: 'bbox', perPair: expect.any(Array) });
    expect(await runCli(['agreement', dir, '--iou', '2'], capture(), dataDir)).toBe(1);
  });
});
