#!/usr/bin/env node
/**
 * `npm run check:electron`: scans the Electron side with Doyensec's
 * electronegativity and exits 1 on any finding we have not reviewed.
 *
 * Deny by default: every check fails the build unless it is listed in IGNORED_CHECKS
 * (with the reason it does not apply) or the exact finding is in REVIEWED (with the
 * reason it is safe). A new check in a future electronegativity release therefore fails
 * until someone looks at it.
 *
 * The tool is driven through its documented programmatic API rather than its CLI: the
 * CLI with `-o report.csv` silently skips files it cannot parse, and a file it cannot
 * parse is a file it did not check. Here a parse error fails the run.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const runElectronegativity = require('@doyensec/electronegativity');
const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;

/** The CSP travels as a header of `app://` responses, where no scanner can see it; see below. */
const CSP_PAGE = 'scan-only/app-protocol-csp.html';

const IGNORED_CHECKS = {
  // Its advice (disableBlinkFeatures: 'Auxclick') predates setWindowOpenHandler, which now
  // receives middle-click opens too; security.ts denies every window there.
  AUXCLICK_JS_CHECK: 'middle-click windows are denied by setWindowOpenHandler (electron/main/security.ts)',
  AUXCLICK_HTML_CHECK: 'as AUXCLICK_JS_CHECK',
  // `affinity` was removed from Electron years ago; nothing to configure.
  AFFINITY_GLOBAL_CHECK: 'option removed from Electron',
  AFFINITY_JS_CHECK: 'option removed from Electron',
  AFFINITY_HTML_CHECK: 'option removed from Electron',
  // Needs the network to list Electron releases; keeping Electron current is Dependabot's job.
  AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK: 'needs network; Electron upgrades are tracked separately',
  ELECTRON_VERSION_JSON_CHECK: 'informational: reports the version we pass in',
  // Raw inputs of the global checks, which report the verdict themselves.
  CSP_JS_CHECK: 'input of CSP_GLOBAL_CHECK',
  CSP_HTML_CHECK: 'input of CSP_GLOBAL_CHECK',
  LIMIT_NAVIGATION_JS_CHECK: 'input of LIMIT_NAVIGATION_GLOBAL_CHECK',
  PERMISSION_REQUEST_HANDLER_JS_CHECK: 'input of PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK',
};

/** Findings looked at by a person: check, file (relative to the repository), optional confidence, and why it is safe. */
const REVIEWED = [
  {
    check: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'electron/main/security.ts',
    why: 'only http(s) URLs, checked by isExternalWebUrl, reach shell.openExternal',
  },
  {
    check: 'PRELOAD_JS_CHECK',
    file: 'electron/main/window.ts',
    why: 'the sandboxed preload (electron/preload/index.ts) exposes only call() and onEvent() through contextBridge',
  },
  {
    check: 'CSP_GLOBAL_CHECK',
    file: CSP_PAGE,
    confidence: 'FIRM',
    why: "script-src 'self' is flagged in case the origin also serves JSONP or uploads; app://concord serves only the built bundle, user media comes from concord-media:",
  },
];

const scanDir = mkdtempSync(join(tmpdir(), 'concord-electronegativity-'));
try {
  process.exitCode = await main();
} finally {
  rmSync(scanDir, { recursive: true, force: true });
}

async function main() {
  await prepareScanTree();
  const result = await runElectronegativity({
    input: scanDir,
    isRelative: true,
    electronVersionOverride: electronVersion,
    severitySet: 'informational',
    confidenceSet: 'tentative',
  });

  const parseErrors = result.errors.filter((error) => !error.tolerable);
  const verdicts = result.issues.map(judge);
  const failures = verdicts.filter((verdict) => verdict.outcome === 'fail');

  console.log(`electronegativity: ${result.atomicChecks} atomic and ${result.globalChecks} global checks, Electron ${electronVersion}`);
  for (const verdict of verdicts.filter((v) => v.outcome !== 'fail')) console.log(`  ok   ${describe(verdict.issue)} (${verdict.reason})`);
  for (const verdict of failures)
    console.log(`  FAIL ${describe(verdict.issue)}\n       ${verdict.issue.description}\n       ${verdict.issue.shortenedURL ?? ''}`);
  for (const error of parseErrors) console.log(`  FAIL could not parse ${relative(scanDir, error.file)}: ${error.message}`);

  const failed = failures.length + parseErrors.length;
  console.log(
    failed === 0
      ? `electronegativity: passed (${verdicts.length} findings, all reviewed or not applicable)`
      : `electronegativity: ${failed} unreviewed problem(s)`,
  );
  return failed === 0 ? 0 : 1;
}

/**
 * The scanned tree: the Electron side as it is, the UI's HTML page, and one page written
 * only for the scanner carrying the CSP that electron/main/protocols.ts sends as a
 * header on every app:// response (its unit test checks that it does), so the CSP
 * checks judge the real policy instead of reporting that there is none.
 */
async function prepareScanTree() {
  cpSync(join(root, 'electron'), join(scanDir, 'electron'), { recursive: true });
  const uiPage = join(root, 'renderer', 'index.html');
  if (existsSync(uiPage)) cpSync(uiPage, join(scanDir, 'renderer', 'index.html'));
  const { CONTENT_SECURITY_POLICY } = await tsImport(join(root, 'electron', 'security', 'content-security-policy.ts'), import.meta.url);
  mkdirSync(dirname(join(scanDir, CSP_PAGE)), { recursive: true });
  const attribute = CONTENT_SECURITY_POLICY.replaceAll('&', '&amp;').replaceAll('"', '&quot;');
  writeFileSync(join(scanDir, CSP_PAGE), `<!doctype html><meta http-equiv="Content-Security-Policy" content="${attribute}">\n`);
}

function judge(issue) {
  if (IGNORED_CHECKS[issue.id]) return { issue, outcome: 'ignored', reason: IGNORED_CHECKS[issue.id] };
  const reviewed = REVIEWED.find(
    (entry) => entry.check === issue.id && entry.file === issue.file && (entry.confidence === undefined || entry.confidence === issue.confidence.name),
  );
  return reviewed ? { issue, outcome: 'reviewed', reason: `reviewed: ${reviewed.why}` } : { issue, outcome: 'fail' };
}

function describe(issue) {
  const where = issue.file === 'N/A' ? 'whole app' : `${issue.file}:${issue.location.line}:${issue.location.column}`;
  return `${issue.id} [${issue.severity.name}/${issue.confidence.name}] ${where}`;
}
