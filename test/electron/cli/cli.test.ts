import { join } from 'node:path';
import { CLI_CREDENTIALS } from '../../../electron/cli/commands';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../electron/cli/commands';
import { runCli } from '../../../electron/cli/run-cli';
import { writeImage, writeText } from '../../support/media-fixtures';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { damagePageOf } from '../../support/damaged-database';
import { useTempDirs } from '../../support/temp-dir';
import { operations } from '../../../shared/api/contract';
import { openApiDocument } from '../../../shared/api/openapi';

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

  it('prints the OpenAPI description of every operation, the one the web host serves', async () => {
    const io = capture();
    expect(await runCli(['api-schema'], io, tempDir())).toBe(0);
    const printed = JSON.parse(io.stdout.join('\n')) as { openapi: string; paths: Record<string, unknown> };
    expect(printed).toEqual(openApiDocument('dev'));
    expect(Object.keys(printed.paths)).toEqual(Object.keys(operations).map((name) => `/api/call/${name}`));
  });

  it('exits 1 with a clear message for a user error', async () => {
    const dataDir = tempDir();
    const cases: Array<[string[], RegExp]> = [
      [['init', join(tempDir(), 'x')], /--kind must be bbox or transcript/],
      [['init', join(tempDir(), 'w'), '--kind', 'bbox'], /A bounding-box project needs at least one class/],
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

  it('restores the latest backup of a damaged project, and refuses to replace a sound one', async () => {
    const dataDir = tempDir();
    const dir = join(tempDir(), 'street');
    const media = tempDir();
    await writeImage(join(media, 'a.jpg'), 'jpeg', 20, 10, 1);
    await writeImage(join(media, 'b.png'), 'png', 20, 10, 2);
    expect(await runCli(['init', dir, '--kind', 'bbox', '--classes', 'car'], capture(), dataDir)).toBe(0);
    expect(await runCli(['import', dir, media], capture(), dataDir)).toBe(0);
    mkdirSync(join(dir, 'backups'));
    const copy = join(dir, 'backups', 'concord-copy.db');
    copyFileSync(join(dir, 'concord.db'), copy);
    // Work after the copy, then a failing disk.
    await writeImage(join(media, 'c.png'), 'png', 20, 10, 3);
    expect(await runCli(['import', dir, media], capture(), dataDir)).toBe(0);
    damagePageOf(join(dir, 'concord.db'), 'sample');

    const refused = capture();
    expect(await runCli(['info', dir], refused, dataDir)).toBe(1);
    expect(refused.stderr.join('\n')).toMatch(/is damaged .* The latest copy is .*concord-copy\.db/);

    const restored = capture();
    expect(await runCli(['restore-backup', dir], restored, dataDir)).toBe(0);
    expect(restored.stdout[0]).toMatch(new RegExp(`^Restored "street" from ${copy}, made \\d{4}-.*: 2 samples, 0 saved label revisions\\.$`));
    expect(restored.stdout[1]).toMatch(/damaged database is kept in .*backups; work saved after the copy was made is not in the project/);
    const info = capture();
    expect(await runCli(['info', dir, '--json'], info, dataDir)).toBe(0);
    expect((JSON.parse(info.stdout.join('\n')) as { sampleCount: number }).sampleCount).toBe(2);
    expect(readdirSync(join(dir, 'backups')).filter((name) => name.startsWith('concord-damaged-') && name.endsWith('.db'))).toHaveLength(1);

    const sound = capture();
    expect(await runCli(['restore-backup', dir], sound, dataDir)).toBe(1);
    expect(sound.stderr.join('\n')).toMatch(/concord restore-backup: .*concord\.db is not damaged, so it is not replaced by a backup/);
    const usage = capture();
    expect(await runCli(['restore-backup'], usage, dataDir)).toBe(1);
    expect(usage.stderr.join('\n')).toMatch(/restore-backup takes one project folder/);
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
    const { createServiceHost } = await import('../../../electron/services/hosting/service-host');
    const host = createServiceHost({ hostKind: 'cli', dataDir, resourcesDir: join(import.meta.dirname, '..', '..', '..', 'resources') });
    const dir = await host.call('projects.openDemo', { kind: 'bbox' }, CLI_CREDENTIALS).then((r) => (r.ok ? (r.value as { dir: string }).dir : ''));
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

describe('concord export, datasets and labels import', () => {
  const tempDir = useTempDirs();

  it('imports labels made elsewhere, makes a dataset version, lists it, and exports it again by version', async () => {
    const dataDir = tempDir();
    const dir = join(tempDir(), 'street');
    const media = tempDir();
    for (let i = 1; i <= 10; i++) await writeImage(join(media, `car${i}.png`), 'png', 40, 30, i);
    expect(await runCli(['init', dir, '--kind', 'bbox', '--classes', 'car'], capture(), dataDir)).toBe(0);
    expect(await runCli(['import', dir, media], capture(), dataDir)).toBe(0);

    // Labels from another tool: a YOLO folder with classes.txt, one line per box, and one bad line.
    const yolo = tempDir();
    writeText(join(yolo, 'classes.txt'), 'car\n');
    for (let i = 1; i <= 10; i++) writeText(join(yolo, `car${i}.txt`), i === 3 ? '0 0.5 0.5\n' : '0 0.5 0.5 0.5 0.5\n');
    const imported = capture();
    expect(await runCli(['labels', 'import', dir, '--labeler', 'vendor', '--format', 'yolo', yolo], imported, dataDir)).toBe(0);
    expect(imported.stdout).toEqual(['Imported 9 labels as vendor.']); // car3 without its only box would say "no objects": left out
    expect(imported.stderr).toEqual([
      '  car3.txt line 1: is not "class x_center y_center width height"',
      '  car3.txt: is left out: none of its 1 line could be read',
    ]);

    const out = tempDir();
    const exported = capture();
    expect(
      await runCli(['export', dir, '--format', 'coco', '--out', join(out, 'v1'), '--splits', '0.6,0.2,0.2', '--seed', '5', '--copy-media'], exported, dataDir),
    ).toBe(0);
    expect(exported.stdout[0]).toMatch(/^Dataset v1: 5 train, 2 dev, 2 test \(0 left out\); hash [0-9a-f]{64}$/);
    const coco = JSON.parse(readFileSync(join(out, 'v1', 'train', 'annotations.json'), 'utf8')) as {
      images: unknown[];
      annotations: Array<{ bbox: number[]; area: number }>;
    };
    expect(coco.images).toHaveLength(5);
    expect(coco.annotations[0]).toMatchObject({ bbox: [10, 7.5, 20, 15], area: 300 });

    const listed = capture();
    expect(await runCli(['datasets', dir], listed, dataDir)).toBe(0);
    expect(listed.stdout[0]).toMatch(/^v1 .* train 5 · dev 2 · test 2 {2}min agreement 0.9 {2}[0-9a-f]{12}$/);
    const linked = capture();
    expect(await runCli(['export', dir, '--version', '1', '--format', 'yolo', '--out', join(out, 'yolo')], linked, dataDir)).toBe(0);
    expect(linked.stdout[1]).toMatch(/links into the project's files \(hard links where the disk allows\).*not portable.*--portable/);
    const label = readdirSync(join(out, 'yolo', 'labels', 'train'))[0]!;
    expect(readFileSync(join(out, 'yolo', 'labels', 'train', label), 'utf8')).toBe('0 0.500000 0.500000 0.500000 0.500000\n');

    // --portable copies the media: real files a folder can carry elsewhere.
    expect(await runCli(['export', dir, '--version', '1', '--format', 'huggingface', '--out', join(out, 'hf'), '--portable'], capture(), dataDir)).toBe(0);
    const train = readdirSync(join(out, 'hf', 'train'), { withFileTypes: true });
    expect(train.filter((entry) => entry.name.endsWith('.png')).every((entry) => entry.isFile())).toBe(true);
    expect(train.map((entry) => entry.name)).toContain('metadata.jsonl');

    const wrong = capture();
    expect(await runCli(['export', dir, '--format', 'mp4', '--out', join(out, 'x')], wrong, dataDir)).toBe(1);
    expect(wrong.stderr[0]).toMatch(/--format must be one of coco, yolo, voc, jsonl, csv, huggingface/);
  });
});
