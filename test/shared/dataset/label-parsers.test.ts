import { describe, expect, it } from 'vitest';
import { labelFileErrorOf } from '../../support/label-file-error';
import { parseCoco } from '../../../shared/dataset/import/parse-coco';
import { parseJsonl } from '../../../shared/dataset/import/parse-jsonl';
import { cocoResults, jsonlTexts } from '../../../shared/dataset/import/parse-predictions';
import { parseVoc } from '../../../shared/dataset/import/parse-voc';
import { classNamesFromDataYaml, parseYolo } from '../../../shared/dataset/import/parse-yolo';

const SECRET = 'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG';

describe('COCO label files', () => {
  it('refuses a file that is not COCO, saying which field is wrong', () => {
    expect(labelFileErrorOf(() => parseCoco('null')).message).toBe('is not a COCO detection file: expected object, received null');
    expect(labelFileErrorOf(() => parseCoco('{"images":5}')).message).toBe('is not a COCO detection file: images: expected array, received number');
    expect(labelFileErrorOf(() => parseCoco('{"images":[],"annotations":{}}')).message).toBe(
      'is not a COCO detection file: annotations: expected array, received object',
    );
    expect(labelFileErrorOf(() => parseCoco('{"images": [')).message).toMatch(/^is not valid JSON/);
  });

  it('reports a null image, category or annotation by its number and reads the rest', () => {
    const result = parseCoco(
      JSON.stringify({
        images: [null, { id: 1, file_name: 'a.jpg' }],
        categories: [null, { id: 3, name: 'cup' }],
        annotations: [{ id: 7, image_id: 1, category_id: 3, bbox: [1, 2, 3, 4] }],
      }),
    );
    expect(result.problems).toEqual([
      { where: 'category 1', message: 'expected object, received null' },
      { where: 'image 1', message: 'expected object, received null' },
    ]);
    expect(result.labels).toEqual([
      { file: 'a.jpg', where: 'image 2 (a.jpg)', content: { kind: 'boxes', boxes: [{ className: 'cup', x1: 1, y1: 2, x2: 4, y2: 6 }] } },
    ]);
  });

  it("keeps an image's good boxes and reports its bad ones; an image with only bad boxes is left out", () => {
    const result = parseCoco(
      JSON.stringify({
        images: [
          { id: 1, file_name: 'a.jpg' },
          { id: 2, file_name: 'b.jpg' },
        ],
        categories: [{ id: 3, name: 'cup' }],
        annotations: [
          { id: 10, image_id: 1, category_id: 3, bbox: [0, 0, 5, 5] },
          { id: 11, image_id: 1, category_id: 3, bbox: [0, 0, -5, 5] },
          { id: 12, image_id: 1, category_id: 9, bbox: [0, 0, 5, 5] },
          { id: 13, image_id: 2, category_id: 3, bbox: 'x' },
        ],
      }),
    );
    expect(result.labels.map((l) => [l.file, l.content.kind === 'boxes' ? l.content.boxes.length : -1])).toEqual([['a.jpg', 1]]);
    expect(result.problems).toEqual([
      { where: 'annotation 2 (id 11)', message: 'bbox: width and height must be above 0' },
      { where: 'annotation 3 (id 12)', message: 'has category 9, which the file does not list' },
      { where: 'annotation 4 (id 13)', message: 'bbox: expected tuple, received string' },
      { where: 'image 2 (b.jpg)', message: 'is left out: none of its 1 box could be read' },
    ]);
  });

  it('does not call an image empty when an annotation without an image could be its box', () => {
    const result = parseCoco(JSON.stringify({ images: [{ id: 1, file_name: 'a.jpg' }], annotations: [null] }));
    expect(result.labels).toEqual([]);
    expect(result.problems).toEqual([
      { where: 'annotation 1', message: 'expected object, received null' },
      { where: 'image 1 (a.jpg)', message: 'is left out: it has no boxes, but 1 unreadable annotation may belong to it' },
    ]);
  });
});

describe('YOLO label files and data.yaml', () => {
  it('reads names as a list or as a map of class numbers', () => {
    expect(classNamesFromDataYaml('names: [cat, dog]')).toEqual(['cat', 'dog']);
    expect(classNamesFromDataYaml('path: .\nnames:\n  1: dog\n  0: cat\n')).toEqual(['cat', 'dog']);
  });

  it('refuses a malformed data.yaml with the line and what is wrong', () => {
    expect(labelFileErrorOf(() => classNamesFromDataYaml('names: [a, b\n  foo: : :')).message).toMatch(/^is not valid YAML \(line 1, column \d+: [a-z ]+\)$/);
    expect(labelFileErrorOf(() => classNamesFromDataYaml('nc: 2')).message).toBe(
      'has no class names list: names: must be a list of class names, or a map of class number (0, 1, 2 …) to name',
    );
    expect(labelFileErrorOf(() => classNamesFromDataYaml('names: {0: cat, 2: dog}')).message).toMatch(/do not run 0, 1, 2/);
  });

  it('refuses an alias bomb without expanding it', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const [name, previous] = [String.fromCharCode(97 + i), String.fromCharCode(96 + i)];
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`);
    }
    levels.push('names: *i');
    expect(labelFileErrorOf(() => classNamesFromDataYaml(levels.join('\n'))).message).toMatch(/aliases/);
  });

  it("keeps a file's good lines and reports the bad ones; a file of bad lines is left out", () => {
    const files = new Map([
      ['a.txt', '0 0.5 0.5 0.2 0.2\n0 0.5 0.5\n'],
      ['b.txt', '7 0.5 0.5 0.2 0.2\n'],
    ]);
    const result = parseYolo(files, ['cat']);
    expect(result.labels.map((l) => [l.file, l.content.kind === 'normalized-boxes' ? l.content.boxes.length : -1])).toEqual([['a', 1]]);
    expect(result.problems).toEqual([
      { where: 'a.txt line 2', message: 'is not "class x_center y_center width height"' },
      { where: 'b.txt line 1', message: 'has class 7, but there are 1 class names' },
      { where: 'b.txt', message: 'is left out: none of its 1 line could be read' },
    ]);
  });
});

describe('JSONL transcripts and Pascal VOC', () => {
  it('reports a null line, a wrong type and broken JSON by line, and reads the rest', () => {
    const result = parseJsonl(
      ['null', '{"audio_filepath": "a.wav", "text": 5}', '{"audio_filepath": ', '{"audio_filepath": "b.wav", "text": "hi"}'].join('\n'),
    );
    expect(result.problems).toEqual([
      { where: 'line 1', message: 'expected object, received null' },
      { where: 'line 2', message: 'text: expected string, received number' },
      { where: 'line 3', message: 'is not valid JSON: it ends too early' },
    ]);
    expect(result.labels.map((l) => l.file)).toEqual(['b.wav']);
  });

  it("reports invalid XML by place and keeps a file's good objects", () => {
    const object = (name: string, xmax: number) =>
      `<object><name>${name}</name><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>${xmax}</xmax><ymax>9</ymax></bndbox></object>`;
    const result = parseVoc(
      new Map([
        ['a.xml', `<annotation><filename>a.jpg</filename>${object('cat', 9)}${object('dog', 0)}</annotation>`],
        ['b.xml', `<annotation><filename>b.jpg</filename>\n<object></annotation>`],
      ]),
    );
    expect(result.labels.map((l) => [l.file, l.content.kind === 'boxes' ? l.content.boxes.length : -1])).toEqual([['a.jpg', 1]]);
    expect(result.problems).toEqual([
      { where: 'a.xml object 2', message: 'bndbox: xmax and ymax must be above xmin and ymin' },
      { where: 'b.xml', message: expect.stringMatching(/^is not valid XML \(line 2, column \d+: invalid tag\)$/) },
    ]);
  });
});

describe('what a parser says about a file it cannot read', () => {
  const notLabels = `root:x:0:0:root:/root:/bin/bash\n${SECRET}\n`;
  const messagesOf = (read: () => { problems: { message: string }[] }) => {
    try {
      return read().problems.map((p) => p.message);
    } catch (error) {
      return [(error as Error).message];
    }
  };

  it('never quotes the file, in any format', () => {
    const messages = [
      ...messagesOf(() => parseCoco(notLabels)),
      ...messagesOf(() => parseJsonl(notLabels)),
      ...messagesOf(() => parseVoc(new Map([['x.xml', notLabels]]))),
      ...messagesOf(() => parseYolo(new Map([['x.txt', notLabels]]), ['cat'])),
      ...messagesOf(() => ({ problems: [], names: classNamesFromDataYaml(notLabels) })),
      ...messagesOf(() => ({ problems: [], results: cocoResults(notLabels, new Set([1]), []) })),
      ...messagesOf(() => {
        const problems: { where: string; message: string }[] = [];
        jsonlTexts(notLabels, () => 1, problems);
        return { problems };
      }),
    ];
    expect(messages.length).toBeGreaterThanOrEqual(7);
    for (const message of messages) {
      expect(message).not.toMatch(/root|bash|AWS|wJalr|MDENG/);
    }
  });
});
