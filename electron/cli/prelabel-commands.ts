import { extname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { PREDICTION_FORMATS, type PredictionFormat } from '../../shared/domain/prelabel';
import { countOf } from '../../shared/text/plural';
import type { ServiceHost } from '../services/hosting/host';
import { call, type CliIo } from './commands';
import { CliError } from './exit-codes';

const IMPORT_USAGE = `usage: concord prelabels import <dir> FILE --source NAME [--format ${PREDICTION_FORMATS.join('|')}] [--min-score 0.5]`;

/**
 * `concord prelabels import <dir> FILE --source NAME`: a model's predictions (COCO results,
 * Label Studio predictions, JSONL transcripts), stored under NAME to offer labelers as starting
 * labels once an SME turns them on; importing under a name again replaces its predictions.
 */
export async function prelabels(host: ServiceHost, args: string[], io: CliIo): Promise<void> {
  const [sub, ...rest] = args;
  if (sub !== 'import') throw new CliError(IMPORT_USAGE);
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { source: { type: 'string' }, format: { type: 'string' }, 'min-score': { type: 'string' } },
  });
  const [dir, file] = positionals;
  if (!dir || !file || positionals.length > 2) throw new CliError(IMPORT_USAGE);
  if (!values.source) throw new CliError('--source NAME is required: the name the predictions are offered under (e.g. "yolo-v8 run 3")');
  const format = values.format ?? formatByExtension(file);
  if (!PREDICTION_FORMATS.includes(format as PredictionFormat)) throw new CliError(`--format must be one of ${PREDICTION_FORMATS.join(', ')}`);
  const minScore = values['min-score'] === undefined ? 0.5 : Number(values['min-score']);
  if (!(minScore >= 0 && minScore <= 1)) throw new CliError(`--min-score must be from 0 to 1 (got "${values['min-score']}")`);
  await call(host, 'projects.open', { dir: resolve(dir) });
  const report = await call(host, 'prelabels.import', { source: values.source, format: format as PredictionFormat, path: resolve(file), minScore });
  io.out(`Imported predictions for ${countOf(report.imported, 'sample')} as "${report.source}".`);
  for (const problem of report.problems) io.err(`  ${problem.where}: ${problem.message}`);
  // A script must not mistake an import that brought nothing for a success.
  if (report.imported === 0) throw new CliError('no prediction was imported; the lines above say why');
}

/** JSONL is transcripts; a JSON file may be COCO results or a Label Studio export, which only the user can say. */
function formatByExtension(file: string): string {
  if (extname(file).toLowerCase() === '.jsonl') return 'jsonl';
  throw new CliError(`say which predictions ${file} holds: --format coco-results (a COCO results list) or --format label-studio (a Label Studio export)`);
}
