/**
 * electron-builder `afterPack` hook: flips Electron's fuses in the packaged binary, after
 * the files are in place and before code signing (electron-builder signs after this
 * hook). Fuses are compiled-in switches no command-line flag or environment variable
 * can turn back on.
 */
const path = require('node:path');

/** @param {import('electron-builder').AfterPackContext} context */
exports.default = async function flipElectronFuses(context) {
  const { flipFuses, FuseVersion, FuseV1Options } = await import('@electron/fuses');
  const { Arch } = require('electron-builder');
  const binary = electronBinary(context);
  await flipFuses(binary, {
    version: FuseVersion.V1,
    // Unsigned arm64 macOS binaries must be re-signed ad hoc after editing or they will not launch.
    resetAdHocDarwinSignature: context.electronPlatformName === 'darwin' && context.arch === Arch.arm64,
    // No `ELECTRON_RUN_AS_NODE=1 Concord script.js`: the signed app cannot run arbitrary Node code.
    [FuseV1Options.RunAsNode]: false,
    // No NODE_OPTIONS (e.g. --require) and no --inspect: nothing can inject code or attach a debugger.
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    // Only the packed app.asar runs, and (macOS, Windows) only if its hash matches the one
    // electron-builder embeds, so the code on disk cannot be swapped after signing.
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
    [FuseV1Options.EnableCookieEncryption]: true,
    // The UI loads from app://, never file://, so file: pages need no extra powers.
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  });
  console.log(`  • flipped Electron fuses  binary=${binary}`);
};

/** Where electron-builder put the Electron executable (a .app bundle on macOS: @electron/fuses finds the framework inside). */
function electronBinary({ appOutDir, electronPlatformName, packager }) {
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return path.join(appOutDir, `${packager.appInfo.productFilename}.app`);
    case 'win32':
      return path.join(appOutDir, `${packager.appInfo.productFilename}.exe`);
    default:
      return path.join(appOutDir, packager.executableName);
  }
}
