import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seededSplits } from '../../support/dataset-splits';
import { writeImage } from '../../support/media-fixtures';
import { importAndWait, openDemoAs, useServiceHost, type TestHost } from '../../support/service-host';
import { useTempDirs } from '../../support/temp-dir';

const SPLITS = seededSplits(3);
/** A line that looks like a credential: no error may ever repeat it. */
const SECRET = 'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

async function labelerNames(host: TestHost): Promise<string[]> {
  return (await host.ok('labelers.list', {})).map((l) => l.name).sort();
}

describe('importing labels from malformed files', () => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost();

  it('refuses a file that is not COCO with a typed error naming the file and the fault, and creates no labeler', async () => {
    const host = newHost(tempDir());
    await openDemoAs(host, 'bbox', 'eli');
    const before = await labelerNames(host);
    const dir = tempDir();
    const cases: Array<[string, string]> = [
      ['null', 'expected object, received null'],
      ['{"images":5}', 'images: expected array, received number'],
      ['{"images":[],"annotations":{}}', 'annotations: expected array, received object'],
      ['{"images": [', 'is not valid JSON: it ends too early'],
    ];
    for (const [index, [text, reason]] of cases.entries()) {
      const path = join(dir, `case-${index}.json`);
      writeFileSync(path, text);
      const error = await host.fails('labels.import', { labeler: `bad-${index}`, format: 'coco', path });
      expect(error.code, text).toBe('invalid_argument');
      expect(error.message, text).toContain(path);
      expect(error.message, text).toContain(reason);
    }
    expect(await labelerNames(host)).toEqual(before);
  });

  it('reports null records by number; an import that brings nothing creates no labeler', async () => {
    const host = newHost(tempDir());
    await openDemoAs(host, 'bbox', 'eli');
    const before = await labelerNames(host);
    const dir = tempDir();
    const write = (name: string, json: unknown) => {
      writeFileSync(join(dir, name), JSON.stringify(json));
      return join(dir, name);
    };
    const nullImage = await host.ok('labels.import', { labeler: 'a', format: 'coco', path: write('images.json', { images: [null] }) });
    expect(nullImage).toEqual({ labelerId: null, imported: 0, labelers: [], problems: [{ where: 'image 1', message: 'expected object, received null' }] });
    const nullCategory = await host.ok('labels.import', { labeler: 'b', format: 'coco', path: write('categories.json', { images: [], categories: [null] }) });
    expect(nullCategory.problems).toEqual([{ where: 'category 1', message: 'expected object, received null' }]);
    const nullAnnotation = await host.ok('labels.import', {
      labeler: 'c',
      format: 'coco',
      path: write('annotations.json', { images: [{ id: 1, file_name: 'coffee.jpg' }], annotations: [null] }),
    });
    expect(nullAnnotation.imported).toBe(0);
    expect(nullAnnotation.problems[0]).toEqual({ where: 'annotation 1', message: 'expected object, received null' });
    expect(await labelerNames(host)).toEqual(before);
  });

  it('finds images in subfolders by the path another tool wrote, and does not guess between two of one name', async () => {
    const host = newHost(tempDir());
    await host.ok('projects.create', { dir: join(tempDir(), 'p'), name: 'Streets', kind: 'bbox', classes: [{ name: 'car' }] });
    const media = tempDir();
    for (const [index, folder] of ['day', 'night'].entries()) {
      mkdirSync(join(media, folder));
      await writeImage(join(media, folder, 'a.png'), 'png', 64, 48, index + 1);
    }
    await importAndWait(host, media);
    const dir = tempDir();
    const coco = {
      images: [
        { id: 1, file_name: 'C:\\export\\day\\a.png', width: 64, height: 48 },
        { id: 2, file_name: 'night/a.png', width: 64, height: 48 },
        { id: 3, file_name: 'a.png', width: 64, height: 48 },
      ],
      annotations: [
        { id: 1, image_id: 1, category_id: 1, bbox: [1, 1, 10, 10] },
        { id: 2, image_id: 2, category_id: 1, bbox: [20, 20, 10, 10] },
        { id: 3, image_id: 3, category_id: 1, bbox: [30, 30, 10, 10] },
      ],
      categories: [{ id: 1, name: 'car' }],
    };
    writeFileSync(join(dir, 'labels.json'), JSON.stringify(coco));
    const report = await host.ok('labels.import', { labeler: 'outside', format: 'coco', path: join(dir, 'labels.json') });
    expect(report.problems).toEqual([{ where: 'image 3 (a.png)', message: '"a.png" matches no sample (by name or content)' }]);
    expect(report.imported).toBe(2);
    const firstBoxOf = async (displayName: string) => {
      const sample = (await host.ok('samples.list', {})).items.find((s) => s.displayName === displayName)!;
      const imported = await host.ok('annotations.mine', { labelerId: report.labelerId!, sampleId: sample.id });
      return imported!.payload.kind === 'bbox' ? imported!.payload.boxes.map((b) => [b.x1, b.y1]) : null;
    };
    expect(await firstBoxOf('day/a.png')).toEqual([[1, 1]]);
    expect(await firstBoxOf('night/a.png')).toEqual([[20, 20]]);
  });

  it("imports an image's good boxes and reports the bad ones by box", async () => {
    const host = newHost(tempDir());
    await openDemoAs(host, 'bbox', 'eli');
    const dir = tempDir();
    const coco = {
      images: [
        { id: 1, file_name: 'coffee.jpg', width: 600, height: 400 },
        { id: 2, file_name: 'camera.jpg', width: 512, height: 512 },
        { id: 3, file_name: 'rocket.jpg', width: 500, height: 400 },
        { id: 4, file_name: 'nope.jpg', width: 10, height: 10 },
        { id: 5, file_name: 'astronaut.jpg', width: 10, height: 10 },
      ],
      annotations: [
        { id: 10, image_id: 1, category_id: 3, bbox: [160, 10, 250, 300] }, // a cup: fine
        { id: 11, image_id: 2, category_id: 3, bbox: [400, 10, 9000, 50] }, // past the right edge
        { id: 12, image_id: 2, category_id: 6, bbox: [10, 10, 100, 100] }, // a camera: fine
        { id: 13, image_id: 2, category_id: 7, bbox: [10, 10, 50, 50] }, // a class the project lacks
        { id: 14, image_id: 5, category_id: 99, bbox: [1, 1, 5, 5] }, // the file lists no category 99
        { id: 15, image_id: 3, category_id: 7, bbox: [1, 1, 5, 5] }, // rocket.jpg's only box: left out, not "no objects"
      ],
      categories: [
        { id: 3, name: 'cup' },
        { id: 6, name: 'camera' },
        { id: 7, name: 'dragon' },
      ],
    };
    writeFileSync(join(dir, 'labels.json'), JSON.stringify(coco));
    const report = await host.ok('labels.import', { labeler: 'outside', format: 'coco', path: join(dir, 'labels.json') });
    expect(report.imported).toBe(2);
    expect(report.problems).toEqual([
      { where: 'annotation 5 (id 14)', message: 'has category 99, which the file does not list' },
      { where: 'image 5 (astronaut.jpg)', message: 'is left out: none of its 1 box could be read' },
      { where: 'image 2 (camera.jpg), box 3', message: 'has class "dragon", which this project does not have' },
      { where: 'image 2 (camera.jpg), box 1', message: "x2 is past the image's right edge (512)" },
      { where: 'image 3 (rocket.jpg), box 1', message: 'has class "dragon", which this project does not have' },
      { where: 'image 3 (rocket.jpg)', message: 'is left out: none of its 1 box could be imported' },
      { where: 'image 4 (nope.jpg)', message: '"nope.jpg" matches no sample (by name or content)' },
    ]);
    const camera = (await host.ok('samples.list', {})).items.find((s) => s.displayName.endsWith('camera.jpg'))!;
    const imported = await host.ok('annotations.mine', { labelerId: report.labelerId!, sampleId: camera.id });
    const classes = new Map((await host.ok('projects.current', {}))!.classes.map((c) => [c.id, c.name]));
    expect(imported!.payload.kind === 'bbox' && imported!.payload.boxes.map((b) => classes.get(b.classId))).toEqual(['camera']);
  });

  it('refuses a malformed data.yaml and a YAML alias bomb, and reports a null JSONL line', async () => {
    const host = newHost(tempDir());
    await openDemoAs(host, 'bbox', 'eli');
    const broken = join(tempDir(), 'broken');
    mkdirSync(broken);
    writeFileSync(join(broken, 'data.yaml'), 'names: [cat, dog\n  foo: : :');
    const malformed = await host.fails('labels.import', { labeler: 'y', format: 'yolo', path: join(broken, 'data.yaml') });
    expect(malformed).toMatchObject({ code: 'invalid_argument', message: expect.stringMatching(/data\.yaml is not valid YAML \(line 1, column \d+: /) });
    const bomb = join(tempDir(), 'bomb');
    mkdirSync(bomb);
    const levels = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (const [name, previous] of ['ba', 'cb', 'dc', 'ed', 'fe', 'gf', 'hg', 'ih'])
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`);
    writeFileSync(join(bomb, 'data.yaml'), [...levels, 'names: *i'].join('\n'));
    writeFileSync(join(bomb, 'coffee.txt'), '0 0.5 0.5 0.2 0.2\n');
    const aliases = await host.fails('labels.import', { labeler: 'y', format: 'yolo', path: join(bomb, 'data.yaml') });
    expect(aliases).toMatchObject({ code: 'invalid_argument', message: expect.stringMatching(/data\.yaml uses YAML aliases/) });

    await openDemoAs(host, 'transcript', 'eli');
    const jsonl = join(tempDir(), 'labels.jsonl');
    writeFileSync(jsonl, 'null\n{"audio_filepath": "a.wav", "text": "hi"}\n');
    const lines = await host.ok('labels.import', { labeler: 'outside', format: 'jsonl', path: jsonl });
    expect(lines.problems).toEqual([
      { where: 'line 1', message: 'expected object, received null' },
      { where: 'line 2', message: '"a.wav" matches no sample (by name or content)' },
    ]);
  });
});

describe('errors about a file never quote it', () => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost();

  /** Every word an operation answered with, error or report. */
  async function answerOf(host: TestHost, name: string, arg: unknown): Promise<string> {
    const result = await host.call(name, arg);
    return JSON.stringify(result);
  }

  it('labels.import and train.predictions pointed at /etc/passwd or a secret answer without its text', async () => {
    const host = newHost(tempDir());
    await openDemoAs(host, 'bbox', 'eli');
    const version = await host.ok('datasets.create', SPLITS);
    const secretFile = join(tempDir(), 'credentials');
    writeFileSync(secretFile, `${SECRET}\n[default]\n`);
    const passwd = '/etc/passwd';
    const answers: string[] = [];
    for (const path of [passwd, secretFile]) {
      for (const format of ['coco', 'yolo', 'voc', 'jsonl'] as const) answers.push(await answerOf(host, 'labels.import', { labeler: 'x', format, path }));
      answers.push(await answerOf(host, 'train.predictions', { version: version.version, format: 'coco-results', path, minScore: 0 }));
    }
    await openDemoAs(host, 'transcript', 'eli');
    const clips = await host.ok('datasets.create', SPLITS);
    for (const path of [passwd, secretFile])
      answers.push(await answerOf(host, 'train.predictions', { version: clips.version, format: 'jsonl', path, minScore: 0 }));

    for (const answer of answers) {
      expect(answer).not.toMatch(/"code":"internal"/);
      expect(answer).not.toMatch(/root:x|\/bin\/|nologin|AWS_SECRET|wJalr|EXAMPLEKEY|\[default\]/);
    }
    // Each answer does say what it could not read.
    expect(answers[0]).toMatch(/\/etc\/passwd is not valid JSON/);
    expect(answers[1]).toMatch(/\/etc\/passwd is not a data\.yaml/); // and /etc is not searched for label files
    expect(answers[5]).toMatch(/credentials is not valid JSON/);
  });
});
