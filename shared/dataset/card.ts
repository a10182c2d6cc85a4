import type { DatasetSummary, ExportFormat } from '../domain/dataset';
import { SPLITS } from './splits';

const SOURCE_TEXT = {
  gold: 'decided by an SME',
  consensus: 'automatic consensus of the labelers',
  single: 'one labeler (not overlapped)',
  flagged: 'unresolved disagreement (flagged)',
} as const;

/** `DATASET.md`: the dataset card a person reads before using the data. */
export function datasetCard(summary: DatasetSummary, projectName: string, format: ExportFormat): string {
  const percent = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)}%`);
  const { options } = summary;
  const lines = [
    `# ${projectName}: dataset v${summary.version}`,
    '',
    `Made ${summary.createdAt} by Concord. Content hash \`${summary.contentHash}\`. Format: ${format}.`,
    '',
    '## Splits',
    '',
    '| split | samples |',
    '| --- | --- |',
    ...SPLITS.map((split) => `| ${split} | ${summary.counts[split]} |`),
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
    `Agreement between labelers (human-level baseline): ${percent(summary.agreement.value)}${summary.agreement.low !== null ? ` (95% interval ${percent(summary.agreement.low)}–${percent(summary.agreement.high)})` : ''}.`,
    '',
  ];
  const classNames = [...new Set(SPLITS.flatMap((split) => Object.keys(summary.classes[split])))].sort();
  if (classNames.length > 0) {
    lines.push('## Boxes per class', '', `| class | ${SPLITS.join(' | ')} |`, `| --- | ${SPLITS.map(() => '---').join(' | ')} |`);
    for (const name of classNames) lines.push(`| ${name} | ${SPLITS.map((split) => summary.classes[split][name] ?? 0).join(' | ')} |`);
    lines.push('');
  }
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
