import { describe, expect, it } from 'vitest';
import { labelFileErrorOf } from '../../support/label-file-error';
import { MAX_REGIONS_PER_ANNOTATION, parseLabelStudio } from '../../../shared/dataset/import/parse-label-studio';

const SECRET = 'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG';

/** A rectangle region as Label Studio writes one: percent of the image, one label. */
const rectangle = (x: number, y: number, width: number, height: number, label: string, extra: Record<string, unknown> = {}) => ({
  id: `r${x}`,
  type: 'rectanglelabels',
  from_name: 'label',
  to_name: 'image',
  original_width: 200,
  original_height: 100,
  image_rotation: 0,
  value: { x, y, width, height, rotation: 0, rectanglelabels: [label], ...extra },
});

/** An image export of two annotators and a model, shaped as Label Studio's JSON export documents it. */
const IMAGE_EXPORT = [
  {
    id: 11,
    data: { image: '/data/upload/3/1a2b3c4d-street.jpg' },
    annotations: [
      {
        id: 1,
        completed_by: { id: 5, email: 'ana@example.org', first_name: 'Ana', last_name: '' },
        was_cancelled: false,
        result: [rectangle(10, 20, 30, 40, 'car')],
      },
      { id: 2, completed_by: 7, result: [] },
    ],
    predictions: [{ model_version: 'yolo-1', score: 0.8, result: [rectangle(11, 21, 30, 40, 'car')] }],
  },
  {
    id: 12,
    data: { image: '/data/local-files/?d=photos%2Fpark.png' },
    annotations: [{ id: 3, completed_by: { id: 6, first_name: 'Ben', last_name: 'Okafor' }, result: [rectangle(0, 0, 100, 100, 'tree')] }],
  },
];

describe('Label Studio JSON exports', () => {
  it("gives each annotator's work to them by email, name or user id, and keeps predictions apart", () => {
    const result = parseLabelStudio(JSON.stringify(IMAGE_EXPORT));
    expect(result.problems).toEqual([]);
    expect(result.labels).toEqual([
      {
        file: 'street.jpg',
        where: 'task 1 (id 11) (street.jpg), annotation 1',
        annotator: 'ana@example.org',
        content: { kind: 'percent-boxes', boxes: [{ className: 'car', x: 10, y: 20, width: 30, height: 40 }] },
      },
      // An annotation without regions is an answer: no objects.
      {
        file: 'street.jpg',
        where: 'task 1 (id 11) (street.jpg), annotation 2',
        annotator: 'label-studio user 7',
        content: { kind: 'percent-boxes', boxes: [] },
      },
      {
        file: 'park.png',
        where: 'task 2 (id 12) (park.png), annotation 1',
        annotator: 'Ben Okafor',
        content: { kind: 'percent-boxes', boxes: [{ className: 'tree', x: 0, y: 0, width: 100, height: 100 }] },
      },
    ]);
    expect(result.predictions).toEqual([
      {
        file: 'street.jpg',
        where: 'task 1 (id 11) (street.jpg), prediction 1',
        score: 0.8,
        model: 'yolo-1',
        content: { kind: 'percent-boxes', boxes: [{ className: 'car', x: 11, y: 21, width: 30, height: 40 }] },
      },
    ]);
  });

  it('reads audio: per-region transcriptions with times, times from a labels region of the same id, or a whole-clip text', () => {
    const tasks = [
      {
        id: 1,
        data: { audio: 'clips/a.wav' },
        annotations: [
          {
            completed_by: { email: 'ana@example.org' },
            result: [
              { id: 's1', type: 'labels', value: { start: 0.5, end: 1.25, labels: ['Speech'] } },
              { id: 's1', type: 'textarea', value: { text: ['hello'] } },
              { id: 's2', type: 'textarea', value: { start: 2, end: 3.5, text: ['there', 'you'] } },
            ],
          },
          { completed_by: { email: 'ben@example.org' }, result: [{ id: 't', type: 'textarea', value: { text: ['hello there'] } }] },
        ],
      },
    ];
    const result = parseLabelStudio(JSON.stringify(tasks));
    expect(result.problems).toEqual([]);
    expect(result.labels.map((l) => [l.annotator, l.content])).toEqual([
      [
        'ana@example.org',
        {
          kind: 'segments',
          segments: [
            { startMs: 500, endMs: 1250, text: 'hello' },
            { startMs: 2000, endMs: 3500, text: 'there you' },
          ],
        },
      ],
      ['ben@example.org', { kind: 'segments', segments: [{ startMs: 0, endMs: null, text: 'hello there' }] }],
    ]);
  });

  it('refuses a file that is not an array of tasks, naming the fault and never quoting the file', () => {
    expect(labelFileErrorOf(() => parseLabelStudio('{"tasks": []}')).message).toBe(
      'is not a Label Studio JSON export (an array of tasks): expected array, received object',
    );
    const notJson = labelFileErrorOf(() => parseLabelStudio(`${SECRET}\n`));
    expect(notJson.message).toMatch(/^is not valid JSON/);
    expect(notJson.message).not.toContain('wJalr');
  });

  it('reports bad tasks, annotations and regions by task id and number; the rest imports', () => {
    const tasks = [
      null,
      { id: 2, data: { text: SECRET } },
      {
        id: 3,
        data: { image: 'a.jpg' },
        annotations: [
          { completed_by: 1, was_cancelled: true, result: [] },
          { completed_by: 2, result: [rectangle(10, 10, 0, 5, 'car'), rectangle(20, 20, 10, 10, 'car', { rotation: 30 }), rectangle(40, 40, 10, 10, 'car')] },
          { completed_by: 3, result: [{ type: 'polygonlabels', value: { points: [[SECRET, 1]] } }] },
          { completed_by: 2, result: [] },
          { completed_by: 4, result: 'x' },
          { completed_by: 5, result: [rectangle(1, 1, 5, 5, 'car', { rectanglelabels: ['car', 'bus'] })] },
        ],
      },
    ];
    const result = parseLabelStudio(JSON.stringify(tasks));
    expect(result.problems).toEqual([
      { where: 'task 1', message: 'expected object, received null' },
      { where: 'task 2 (id 2)', message: 'names no image or audio file in its data' },
      { where: 'task 3 (id 3) (a.jpg), annotation 1', message: 'was skipped (cancelled) in Label Studio and is not imported' },
      { where: 'task 3 (id 3) (a.jpg), annotation 2, region 1', message: 'width: Too small: expected number to be >0' },
      { where: 'task 3 (id 3) (a.jpg), annotation 2, region 2', message: "is rotated (30°); Concord's boxes are upright" },
      {
        where: 'task 3 (id 3) (a.jpg), annotation 3, region 1',
        message: 'is a "polygonlabels" region; Concord imports rectanglelabels, and textarea (with labels) on audio',
      },
      { where: 'task 3 (id 3) (a.jpg), annotation 3', message: 'is left out: none of its 1 region could be read' },
      { where: 'task 3 (id 3) (a.jpg), annotation 4', message: 'is a second annotation by the same annotator on this task; the first is kept' },
      { where: 'task 3 (id 3) (a.jpg), annotation 5', message: 'result: expected array, received string' },
      { where: 'task 3 (id 3) (a.jpg), annotation 6, region 1', message: 'rectanglelabels: needs exactly one label' },
      { where: 'task 3 (id 3) (a.jpg), annotation 6', message: 'is left out: none of its 1 region could be read' },
    ]);
    // The one good box of annotation 2 imports; the image is not taken for "no objects" anywhere.
    expect(result.labels).toEqual([
      {
        file: 'a.jpg',
        where: 'task 3 (id 3) (a.jpg), annotation 2',
        annotator: 'label-studio user 2',
        content: { kind: 'percent-boxes', boxes: [{ className: 'car', x: 40, y: 40, width: 10, height: 10 }] },
      },
    ]);
    expect(JSON.stringify(result.problems)).not.toContain('wJalr');
  });

  it('finds the media under another key by its extension, as a config naming it `$photo` has it', () => {
    const result = parseLabelStudio(
      JSON.stringify([{ id: 1, data: { caption: 'a red car', photo: 's3://bucket/cars/red.JPG' }, annotations: [{ result: [] }] }]),
    );
    expect(result.labels.map((l) => l.file)).toEqual(['red.JPG']);
  });

  it('refuses an annotation with more regions than one image or clip holds', () => {
    const result = parseLabelStudio(
      JSON.stringify([
        { id: 1, data: { image: 'a.jpg' }, annotations: [{ completed_by: 1, result: Array.from({ length: MAX_REGIONS_PER_ANNOTATION + 1 }, () => null) }] },
      ]),
    );
    expect(result.labels).toEqual([]);
    expect(result.problems).toEqual([{ where: 'task 1 (id 1) (a.jpg), annotation 1', message: `result: has more than ${MAX_REGIONS_PER_ANNOTATION} regions` }]);
  });
});
