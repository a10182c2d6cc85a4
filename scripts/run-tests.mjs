// Runs the whole Vitest suite (Node tests, then end-to-end in Chromium) and closes with
// the one line CI reads: "N passed, N failed" (plus skipped). Exits non-zero on failure.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const reportDir = mkdtempSync(join(tmpdir(), 'concord-vitest-'));
const reportFile = join(reportDir, 'report.json');
const vitest = spawnSync(
  process.execPath,
  ['node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`, ...process.argv.slice(2)],
  { stdio: 'inherit' },
);

let summary;
try {
  const report = JSON.parse(readFileSync(reportFile, 'utf8'));
  summary = {
    passed: report.numPassedTests,
    // A file that failed without a failed test (it could not even load) counts as one failure.
    failed:
      report.numFailedTests + report.testResults.filter((file) => file.status === 'failed' && !file.assertionResults.some((t) => t.status === 'failed')).length,
    skipped: report.numPendingTests + report.numTodoTests,
  };
  if (report.numTotalTests === 0) summary.failed += 1; // a run that ran nothing has not passed
} catch {
  summary = { passed: 0, failed: 1, skipped: 0 }; // vitest died before writing its report
}
rmSync(reportDir, { recursive: true, force: true });

console.log(`\n${summary.passed} passed, ${summary.failed} failed${summary.skipped ? `, ${summary.skipped} skipped` : ''}`);
process.exit(summary.failed > 0 || vitest.status !== 0 ? 1 : 0);
