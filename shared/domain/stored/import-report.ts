import { z } from 'zod';
import type { ImportReport } from '../../api/imports';

/**
 * The lists of a finished import's report (`import_job.report_json`); its counters are columns.
 * @example importReportListsSchema.parse({ problems: [], duplicateFiles: [] }).problems // []
 */
export const importReportListsSchema = z.object({
  problems: z.array(z.object({ path: z.string(), reason: z.string(), line: z.number().int().positive().optional() })),
  duplicateFiles: z.array(z.object({ path: z.string(), duplicateOf: z.string() })),
}) satisfies z.ZodType<Pick<ImportReport, 'problems' | 'duplicateFiles'>, unknown>;
