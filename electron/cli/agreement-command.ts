import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { describeFigure, intervalText, percent as pct, skewedClassNote, type AgreementDashboard } from '../../shared/agreement';
import type { ServiceHost } from '../services/hosting/host';
import { call, type CliIo } from './commands';
import { CliError } from './exit-codes';
import { countOf } from '../../shared/text/plural';

/** `concord agreement <dir> [--json] [--iou X]`: the project's inter-labeler agreement. */
export async function agreement(host: ServiceHost, args: string[], io: CliIo): Promise<void> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean', default: false }, iou: { type: 'string' } } });
  const [dir] = positionals;
  if (!dir || positionals.length > 1) throw new CliError('agreement takes one project folder: concord agreement <dir> [--json]');
  const iouThreshold = values.iou === undefined ? 0.5 : Number(values.iou);
  if (!(iouThreshold >= 0 && iouThreshold <= 1)) throw new CliError(`--iou must be a number from 0 to 1 (got "${values.iou}")`);
  await call(host, 'projects.open', { dir: resolve(dir) });
  const result: AgreementDashboard = await call(host, 'agreement.project', { iouThreshold });
  if (values.json) {
    io.out(JSON.stringify(result, null, 2));
    return;
  }
  const labelers = new Map((await call(host, 'labelers.list', {})).map((l) => [l.id, l.name]));
  const name = (id: number) => labelers.get(id) ?? `#${id}`;
  const { overall } = result;
  io.out(`Agreement between labelers (human-level baseline): ${pct(overall.value)}` + (overall.interval ? ` (${intervalText(overall.interval)})` : ''));
  io.out(`  ${describeFigure(overall)}; ${countOf(overall.comparisons, 'comparison')} over ${countOf(overall.samples, 'sample')}`);
  const classNote = skewedClassNote(overall, overall.classIntervals);
  if (classNote) io.out(`  ${classNote}`);
  io.out('By labeler (each against the others):');
  for (const l of result.perLabeler) io.out(`  ${name(l.labelerId).padEnd(16)} ${pct(l.figure.value).padStart(7)}  ${describeFigure(l.figure)}`);
  io.out('By pair:');
  for (const p of result.perPair)
    io.out(`  ${`${name(p.labelerA)} × ${name(p.labelerB)}`.padEnd(24)} ${pct(p.figure.value).padStart(7)}  over ${countOf(p.figure.samples, 'sample')}`);
  if (result.perTag.length > 0) io.out('By tag:');
  for (const t of result.perTag)
    io.out(`  ${t.key.padEnd(16)} ${pct(t.figure.value).padStart(7)}  over ${countOf(t.figure.samples, 'sample')}  ${intervalText(t.interval)}`);
  if (result.perGuidelineVersion.length > 1) io.out('By guideline version:');
  for (const v of result.perGuidelineVersion.length > 1 ? result.perGuidelineVersion : [])
    io.out(`  ${`v${v.key}`.padEnd(16)} ${pct(v.figure.value).padStart(7)}  over ${countOf(v.figure.samples, 'sample')}  ${intervalText(v.interval)}`);
  io.out('Most disagreement:');
  for (const s of result.worstSamples.slice(0, 10)) {
    const sample = await call(host, 'samples.get', { sampleId: s.sampleId });
    io.out(`  ${sample.displayName.padEnd(24)} score ${s.score.toFixed(2)}  (${s.labelerIds.map(name).join(', ')})`);
  }
}
