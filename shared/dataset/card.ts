import type { DatasetSummary, ExportFormat } from '../domain/dataset';
import type { ExportClass } from './formats/coco';
import { splitName } from './formats/split-names';
import { SPLITS } from './splits';

const SOURCE_TEXT = {
  gold: 'decided by an SME',
  consensus: 'automatic consensus of the labelers',
  single: 'one labeler (not overlapped)',
  flagged: 'unresolved disagreement (flagged)',
} as const;

/** How many of an export's media files are hard links and how many symbolic links to the project's files. */
export interface LinkCounts {
  hard: number;
  symbolic: number;
}

export interface CardOptions {
  /** Whether the media were copied into the export or linked to the project's files, and how. */
  media: 'copied' | LinkCounts;
  /** The project's classes, in the order YOLO and Hugging Face number them. */
  classes: readonly ExportClass[];
}

/**
 * `DATASET.md`: the dataset card a person reads before using the data, including how this
 * format's files are laid out and read, and whether the folder can be moved or shared.
 * @example datasetCard(summary, 'Street', 'yolo', { media: 'copied', classes }) // '# Street: dataset v1\n…'
 */
export function datasetCard(summary: DatasetSummary, projectName: string, format: ExportFormat, card: CardOptions): string {
  const percent = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)}%`);
  const { options } = summary;
  const lines = [
    `# ${projectName}: dataset v${summary.version}`,
    '',
    `Made ${summary.createdAt} by Concord. Content hash \`${summary.contentHash}\`. Format: ${format}.`,
    '',
    '## Splits',
    '',
    '| split | in the files | samples |',
    '| --- | --- | --- |',
    ...SPLITS.map((split) => `| ${split} | \`${splitName(split, format)}\` | ${summary.counts[split]} |`),
    '',
    `Concord calls the validation split "dev"; the files call it \`${splitName('dev', format)}\`, as ${format === 'huggingface' ? "Hugging Face's loaders" : 'its readers'} expect.`,
    '',
    `Ratios ${options.ratios.join(' / ')}, seed ${options.seed}, stratified by class${options.stratifyTags.length ? ` and by the tags ${options.stratifyTags.join(', ')}` : ''}; exact duplicates never cross splits.${options.pinTestFrom !== null ? ` The test split of v${options.pinTestFrom} is kept.` : ''}`,
    '',
    '## Labels',
    '',
    ...Object.entries(summary.bySource)
      .filter(([, count]) => count > 0)
      .map(([source, count]) => `- ${count} ${SOURCE_TEXT[source as keyof typeof SOURCE_TEXT]}`),
    `- ${summary.excluded} left out (no decision, agreement under ${percent(options.minAgreement)})`,
    '',
    ...(summary.bySource.flagged > 0
      ? [
          'The flagged samples are listed in `manifest.json` (`flaggedSamples`: id, file name, split); formats with room for it also mark each one (see Files).',
          '',
        ]
      : []),
    `Agreement between labelers (human-level baseline): ${percent(summary.agreement.value)}${summary.agreement.low !== null ? ` (95% interval ${percent(summary.agreement.low)}–${percent(summary.agreement.high)})` : ''}.`,
    '',
  ];
  const classNames = [...new Set(SPLITS.flatMap((split) => Object.keys(summary.classes[split])))].sort();
  if (classNames.length > 0) {
    lines.push('## Boxes per class', '', `| class | ${SPLITS.join(' | ')} |`, `| --- | ${SPLITS.map(() => '---').join(' | ')} |`);
    for (const name of classNames) lines.push(`| ${name} | ${SPLITS.map((split) => summary.classes[split][name] ?? 0).join(' | ')} |`);
    lines.push('');
  }
  if (summary.kind === 'bbox' && card.classes.length > 0) {
    lines.push('## Classes', '', '| index | class | Concord id |', '| --- | --- | --- |');
    card.classes.forEach((c, i) => lines.push(`| ${i} | ${c.name} | ${c.id} |`));
    lines.push('', 'YOLO and Hugging Face number classes by index; COCO keeps the Concord id as `category_id`; VOC names them.', '');
  }
  lines.push('## Files', '', ...FORMAT_NOTES[format], '', ...mediaNotes(format, card.media), '');
  lines.push(
    '## Guideline',
    '',
    ...summary.guidelines.map((g) => `- v${g.version}: ${g.changelog}`),
    '',
    '## Labelers',
    '',
    summary.labelers.join(', ') || '—',
    '',
  );
  return lines.join('\n');
}

const FORMAT_NOTES: Record<ExportFormat, readonly string[]> = {
  coco: [
    'COCO detection: `<split>/annotations.json` and the images in `<split>/images`. `bbox` is `[x, y, width, height]` in pixels from the',
    "top-left corner, `segmentation` the same box as a polygon, `iscrowd` 0. Each image also has `concord` (the label's source, the",
    "labelers' agreement, whether it is flagged), which COCO readers ignore.",
  ],
  yolo: [
    'YOLO: `images/<split>`, `labels/<split>` (a `.txt` per image: `class x_center y_center width height`, shares of the image size),',
    'and `data.yaml`, whose `path:` is where this folder was written. YOLOv5 and Ultralytics need that `path` whole: after moving the',
    'folder, change it to the new place (recent Ultralytics also finds the images when the `path` line is removed).',
  ],
  voc: [
    'Pascal VOC, as detectron2 and torchvision read it: `JPEGImages/<id>.jpg`, `Annotations/<id>.xml` and `ImageSets/Main/<split>.txt`',
    '(`train`, `val`, `test`, and `trainval`). Coordinates are whole pixels counted from 1, both ends inclusive, as VOC defines them',
    '(detectron2 subtracts 1 from `xmin` and `ymin` on load). Every image is a JPEG: images in other formats were converted with',
    'sharp (quality 95, EXIF orientation applied, transparency on white); JPEGs are kept as they are. For torchvision, place this',
    "folder as `VOCdevkit/VOC2012`. Each annotation also has `<concord>` with the label's `<source>` and `<flagged>` (1 for an",
    'unresolved disagreement), which VOC readers skip.',
  ],
  jsonl: [
    'A JSONL manifest per split (`<split>/manifest.jsonl`: `audio_filepath`, `duration`, `text`, and `offset` for segments), audio in `<split>/audio`.',
    'Every row also has `flagged` (true for an unresolved disagreement), which NeMo ignores.',
  ],
  csv: [
    'A CSV per split (`<split>/metadata.csv`: `file_name`, `duration`, `text`, `flagged`) beside the audio. Cells that a spreadsheet would run as a',
    'formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) start with a single quote.',
  ],
  huggingface: [
    'Hugging Face `imagefolder` (images) or `audiofolder` (audio): `<split>/metadata.jsonl` beside the files. Images: `objects` holds',
    '`bbox` (`[x, y, width, height]` in pixels) and `categories` (class indexes, above). Audio: `transcription`, `duration`, `segments`.',
    'Both also have `source`, `agreement` and `flagged`. Load with `load_dataset("imagefolder", data_dir=...)` or `"audiofolder"`.',
    'Splits without samples have no folder.',
  ],
  'label-studio': [
    'Label Studio JSON: `tasks.json` (one task per sample; `data.image` or `data.audio` is its file in `media/`, `data.split` its split)',
    'and `label-config.xml`, the labeling configuration to create the project with. Each task has one annotation, the final label,',
    'marked `ground_truth`. Boxes are `rectanglelabels` in percent of the image; transcripts are `textarea` regions (with `start` and',
    "`end` in seconds per segment). Each labeler's own answers export with `concord labels export` (or **Export labels**).",
  ],
  cvat: [
    'CVAT for images 1.1: `annotations.xml` and the images in `images/`, as CVAT exports a task. Each `<image>` has its `subset`',
    '(split) and a `<box label xtl ytl xbr ybr>` per box, in pixels from the top-left corner; an image without boxes has none.',
  ],
};

function mediaNotes(format: ExportFormat, media: 'copied' | LinkCounts): string[] {
  if (media === 'copied') return ['The media are copied into this folder: it can be moved, archived and shared as it is.'];
  return [
    "The media are **linked** to the project's files, not copied:",
    '',
    ...(media.hard > 0
      ? [
          `- ${media.hard} as hard links: other names for the project's own files. Their bytes stay here even if the project's file is`,
          '  removed or replaced, and this folder can be moved anywhere on the same disk.',
        ]
      : []),
    ...(media.symbolic > 0
      ? [
          `- ${media.symbolic} as symbolic links (relative where possible), where the system allowed no hard link (the project on another`,
          '  disk, for one): they work while the project stays where it is.',
        ]
      : []),
    '',
    'Either way, a file edited in place through one name changes under both. This folder is **not portable** to another disk or',
    'machine: to share it or move it alone, export again with `concord export --portable` (or "Copy the media" in the app).' +
      (format === 'voc' ? ' Images converted to JPEG are always files here.' : ''),
  ];
}
