import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { EXPORT_FORMATS, LABEL_IMPORT_FORMATS, LABELER_EXPORT_FORMATS } from '../../shared/domain/dataset';
import type { ServiceHost } from '../services/hosting/host';
import { call, type CliIo } from './commands';
import { CliError } from './exit-codes';
import { countOf } from '../../shared/text/plural';

const FORMATS = EXPORT_FORMATS;

/**
 * `concord export <dir> --format F --out DIR [--splits 0.8,0.1,0.1] [--seed N] [--min-agreement X]
 * [--flag-unresolved] [--portable] [--version V]`: makes a new dataset version (or takes
 * version V) and writes it. `--portable` (or its older name `--copy-media`) copies the media so
 * the folder can be shared; without it the media are links into the project (hard where the disk allows, see `MediaLinks`).
 */
export async function exportDataset(host: ServiceHost, args: string[], io: CliIo): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string' },
      out: { type: 'string' },
      splits: { type: 'string' },
      seed: { type: 'string' },
      'min-agreement': { type: 'string' },
      'flag-unresolved': { type: 'boolean', default: false },
      portable: { type: 'boolean', default: false },
      'copy-media': { type: 'boolean', default: false },
      version: { type: 'string' },
    },
  });
  const [dir] = positionals;
  if (!dir || positionals.length > 1) throw new CliError('export takes one project folder: concord export <dir> --format coco --out DIR');
  const format = values.format as (typeof FORMATS)[number] | undefined;
  if (!format || !FORMATS.includes(format)) throw new CliError(`--format must be one of ${FORMATS.join(', ')}`);
  if (!values.out) throw new CliError('--out DIR is required: the folder to create');
  await call(host, 'projects.open', { dir: resolve(dir) });

  let version: number;
  if (values.version !== undefined) {
    version = positiveInteger(values.version, '--version');
  } else {
    const ratios = (values.splits ?? '0.8,0.1,0.1').split(',').map(Number);
    if (ratios.length !== 3 || ratios.some((r) => !(r >= 0))) throw new CliError(`--splits takes three shares, e.g. 0.8,0.1,0.1 (got "${values.splits}")`);
    const minAgreement = values['min-agreement'] === undefined ? 0.9 : Number(values['min-agreement']);
    if (!(minAgreement >= 0 && minAgreement <= 1)) throw new CliError(`--min-agreement must be from 0 to 1 (got "${values['min-agreement']}")`);
    const created = await call(host, 'datasets.create', {
      ratios: ratios as [number, number, number],
      seed: values.seed === undefined ? 1 : positiveInteger(values.seed, '--seed', true),
      minAgreement,
      unresolved: values['flag-unresolved'] ? 'flag' : 'exclude',
      stratifyTags: [],
      pinTestFrom: null,
    });
    version = created.version;
    io.out(
      `Dataset v${version}: ${created.counts.train} train, ${created.counts.dev} dev, ${created.counts.test} test (${created.excluded} left out); hash ${created.contentHash}`,
    );
  }
  const copyMedia = values.portable || values['copy-media'];
  const written = await call(host, 'datasets.export', { version, format, outDir: resolve(values.out), copyMedia });
  io.out(`Wrote dataset v${version} as ${format} to ${written.dir} (${countOf(written.files, 'file')})`);
  if (!copyMedia)
    io.out(
      "The media are links into the project's files (hard links where the disk allows), so the folder is not portable to another disk or machine: use --portable to share it.",
    );
}

/** `concord datasets <dir> [--json]`: the project's dataset versions. */
export async function listDatasets(host: ServiceHost, args: string[], io: CliIo): Promise<void> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean', default: false } } });
  const [dir] = positionals;
  if (!dir || positionals.length > 1) throw new CliError('datasets takes one project folder: concord datasets <dir>');
  await call(host, 'projects.open', { dir: resolve(dir) });
  const versions = await call(host, 'datasets.list', {});
  if (values.json) return io.out(JSON.stringify(versions, null, 2));
  if (versions.length === 0) return io.out('No dataset versions yet: make one with concord export.');
  for (const v of versions) {
    io.out(
      `v${v.version}  ${v.createdAt}  train ${v.counts.train} · dev ${v.counts.dev} · test ${v.counts.test}  min agreement ${v.options.minAgreement}  ${v.contentHash.slice(0, 12)}`,
    );
  }
}

/**
 * `concord labels import <dir> --labeler NAME --format F FILE`: another tool's labels as a labeler's annotations;
 * `concord labels export <dir> --format label-studio|cvat --out DIR`: every labeler's own answers for another tool.
 */
export async function labels(host: ServiceHost, args: string[], io: CliIo): Promise<void> {
  const [sub, ...rest] = args;
  if (sub === 'export') return labelsExport(host, rest, io);
  if (sub !== 'import') throw new CliError(`${IMPORT_USAGE}\n${EXPORT_USAGE}`);
  const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { labeler: { type: 'string' }, format: { type: 'string' } } });
  const [dir, file] = positionals;
  if (!dir || !file || positionals.length > 2) throw new CliError(IMPORT_USAGE);
  const format = values.format as (typeof LABEL_IMPORT_FORMATS)[number] | undefined;
  if (!format || !LABEL_IMPORT_FORMATS.includes(format)) throw new CliError(`--format must be one of ${LABEL_IMPORT_FORMATS.join(', ')}`);
  if (!values.labeler) throw new CliError('--labeler NAME is required: whose labels these are');
  await call(host, 'projects.open', { dir: resolve(dir) });
  const report = await call(host, 'labels.import', { labeler: values.labeler, format, path: resolve(file) });
  // Label Studio and CVAT files say who made each label: one line per person then.
  if (report.labelers.length <= 1) io.out(`Imported ${countOf(report.imported, 'label')} as ${report.labelers[0]?.name ?? values.labeler}.`);
  else {
    io.out(`Imported ${countOf(report.imported, 'label')}:`);
    for (const labeler of report.labelers) io.out(`  ${labeler.name}: ${labeler.imported}${labeler.created ? ' (new labeler)' : ''}`);
  }
  for (const problem of report.problems) io.err(`  ${problem.where}: ${problem.message}`);
  // A script must not mistake an import that brought nothing for a success.
  if (report.imported === 0 && report.problems.length > 0) throw new CliError('nothing was imported; the lines above say why');
}

const IMPORT_USAGE = `usage: concord labels import <dir> --labeler NAME --format ${LABEL_IMPORT_FORMATS.join('|')} FILE`;
const EXPORT_USAGE = `usage: concord labels export <dir> --format ${LABELER_EXPORT_FORMATS.join('|')} --out DIR`;

async function labelsExport(host: ServiceHost, args: string[], io: CliIo): Promise<void> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { format: { type: 'string' }, out: { type: 'string' } } });
  const [dir] = positionals;
  const format = values.format as (typeof LABELER_EXPORT_FORMATS)[number] | undefined;
  if (!dir || positionals.length > 1 || !values.out || !format || !LABELER_EXPORT_FORMATS.includes(format)) throw new CliError(EXPORT_USAGE);
  await call(host, 'projects.open', { dir: resolve(dir) });
  const written = await call(host, 'labels.export', { format, outDir: resolve(values.out) });
  io.out(`Exported ${written.annotations} answers of ${written.labelers} labelers to ${written.dir}.`);
}

function positiveInteger(text: string, option: string, zeroAllowed = false): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < (zeroAllowed ? 0 : 1)) throw new CliError(`${option} must be a whole number (got "${text}")`);
  return value;
}
