/**
 * `npm run test:crash`: kills the built web host with SIGKILL at random moments of saves,
 * imports, exports and guideline publications, then checks that the project database is
 * sound and holds every change the host confirmed. Bounded: CONCORD_CRASH_KILLS kills (30
 * by default) within CONCORD_CRASH_BUDGET_S seconds (240). CONCORD_CRASH_SEED repeats a run.
 * Ends with "N passed, N failed" like `npm test`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCrashRounds } from '../test/support/crash-rounds';

const kills = Number(process.env.CONCORD_CRASH_KILLS ?? 30);
const budgetMs = Number(process.env.CONCORD_CRASH_BUDGET_S ?? 240) * 1000;
const seed = Number(process.env.CONCORD_CRASH_SEED ?? Date.now() % 1_000_000);

const workDir = mkdtempSync(join(tmpdir(), 'concord-crash-'));
console.log(`Crash test: ${kills} kills within ${budgetMs / 1000} s, seed ${seed} (CONCORD_CRASH_SEED=${seed} repeats it)`);
try {
  const report = await runCrashRounds({ kills, workDir, seed, budgetMs, log: (line) => console.log(`  ${line}`) });
  const { checked, problems } = report;
  console.log(
    `Killed ${report.kills} times: ${Object.entries(report.byActivity)
      .map(([a, n]) => `${n} during ${a}`)
      .join(', ')}.`,
  );
  console.log(
    `Checked: integrity, ${checked.saves} confirmed saves, ${checked.publications} publications, ${checked.datasets} dataset versions, ${checked.exports} exports, ${checked.imports} imports.`,
  );
  for (const problem of problems) console.log(`  PROBLEM: ${problem}`);
  const enoughKills = report.kills >= kills;
  if (!enoughKills) console.log(`  Only ${report.kills} of ${kills} kills fit in the time budget.`);
  const failed = problems.length + (enoughKills ? 0 : 1);
  console.log(`${failed === 0 ? 1 : 0} passed, ${failed === 0 ? 0 : 1} failed`);
  process.exitCode = failed === 0 ? 0 : 1;
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
