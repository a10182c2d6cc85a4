#!/usr/bin/env node
/**
 * `npm run build:native-electron [-- --arch=arm64] [-- --force]`: builds better-sqlite3
 * for Electron's ABI into native/electron/better_sqlite3.node, which the desktop app
 * loads through better-sqlite3's `nativeBinding` option (electron/main/native-binding.ts)
 * and electron-builder ships as resources/native/better_sqlite3.node.
 *
 * node_modules/better-sqlite3/build is left alone: Node (the tests, the CLI, the web
 * host) keeps using the build made there by `npm install`. The package is copied to a
 * temporary folder and built there instead.
 *
 * Needs network access once, on a developer machine: a prebuilt binary comes from the
 * release assets better-sqlite3's own package metadata points at, and the fallback
 * compile downloads Electron's headers. Machines without network cannot run it.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

/** node-gyp's documented source of Electron's headers. */
const ELECTRON_HEADERS_URL = 'https://electronjs.org/headers';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outputDir = join(root, 'native', 'electron');
const output = join(outputDir, 'better_sqlite3.node');
const stampFile = join(outputDir, 'better_sqlite3.stamp.json');

const { values } = parseArgs({ options: { arch: { type: 'string', default: process.arch }, force: { type: 'boolean', default: false } } });
const target = {
  electron: packageVersion('electron'),
  betterSqlite3: packageVersion('better-sqlite3'),
  platform: process.platform,
  arch: values.arch,
};

if (!values.force && existsSync(output) && sameStamp(readStamp(), target)) {
  console.log(`native/electron/better_sqlite3.node is already built for Electron ${target.electron} (${target.platform}-${target.arch}); --force rebuilds it.`);
  process.exit(0);
}

const workDir = mkdtempSync(join(tmpdir(), 'concord-native-'));
try {
  build(workDir);
} catch (error) {
  console.error(`\nCould not build better-sqlite3 for Electron ${target.electron}: ${error instanceof Error ? error.message : error}`);
  console.error('This step needs network access (a prebuilt binary, or Electron headers plus a C++ toolchain). Run it on a developer machine that has both.');
  process.exitCode = 1;
} finally {
  rmSync(workDir, { recursive: true, force: true });
}

function build(workDir) {
  const packageDir = copyPackage(workDir);
  const built = join(packageDir, 'build', 'Release', 'better_sqlite3.node');
  console.log(`Building better-sqlite3 ${target.betterSqlite3} for Electron ${target.electron} (${target.platform}-${target.arch})…`);
  const prebuilt = run('prebuild-install', ['--runtime', 'electron', '--target', target.electron, '--arch', target.arch, '--verbose'], packageDir);
  if (!prebuilt || !existsSync(built)) {
    console.log('No prebuilt binary could be downloaded; compiling against Electron headers instead.');
    const args = ['rebuild', '--release', '--runtime=electron', `--target=${target.electron}`, `--arch=${target.arch}`, `--dist-url=${ELECTRON_HEADERS_URL}`];
    if (!run('node-gyp', args, packageDir) || !existsSync(built)) throw new Error('both the prebuilt download and the compile failed (see the output above).');
  }
  mkdirSync(outputDir, { recursive: true });
  copyFileSync(built, output);
  writeFileSync(stampFile, `${JSON.stringify(target, null, 2)}\n`);
  console.log(`Wrote ${output}`);
}

function packageVersion(name) {
  return JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
}

function readStamp() {
  try {
    return JSON.parse(readFileSync(stampFile, 'utf8'));
  } catch {
    return null;
  }
}

function sameStamp(stamp, wanted) {
  return stamp !== null && Object.keys(wanted).every((key) => stamp[key] === wanted[key]);
}

/** The package without its Node build, so nothing from it can be mistaken for the Electron one. */
function copyPackage(into) {
  const source = join(root, 'node_modules', 'better-sqlite3');
  const copy = join(into, 'better-sqlite3');
  const nodeBuild = join(source, 'build');
  cpSync(source, copy, { recursive: true, filter: (path) => path !== nodeBuild && !path.startsWith(nodeBuild + sep) });
  return copy;
}

/**
 * Runs a tool from this repository's node_modules. Target settings npm passes down as
 * `npm_config_*` are removed: this machine's ~/.npmrc sets `nodedir` (Node's own
 * headers), and node-gyp would silently build against it instead of Electron's.
 */
function run(tool, args, cwd) {
  const bin = join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${tool}.cmd` : tool);
  if (!existsSync(bin)) throw new Error(`${tool} is not installed; run npm install first.`);
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^npm_config_(nodedir|target|runtime|arch|dist_?url|build_from_source)$/i.test(key)),
  );
  const result = spawnSync(bin, args, { cwd, env, stdio: 'inherit', shell: process.platform === 'win32' });
  return result.status === 0;
}
