import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import packageJson from './package.json' with { type: 'json' };

const define = { APP_VERSION: JSON.stringify(packageJson.version) };

/**
 * One build for every runtime: `out/main` holds the Electron main process and the other
 * Node entry points (web host, CLI, workers) that share its services; `out/preload` the
 * sandboxed preload (CommonJS, as sandboxed preloads must be); `out/renderer` the UI.
 */
export default defineConfig({
  main: {
    define,
    build: {
      outDir: 'out/main',
      // Bundled rather than loaded as its hundred-odd modules: resolving them was most of the
      // CLI's start-up (`bench/cli-startup.bench.ts`).
      externalizeDeps: { exclude: ['zod'] },
      rollupOptions: {
        input: {
          index: resolve('electron/main/index.ts'),
          web: resolve('electron/web/main.ts'),
          cli: resolve('electron/cli/main.ts'),
          'probe.worker': resolve('electron/workers/probe.worker.ts'),
          'agreement.worker': resolve('electron/workers/agreement.worker.ts'),
          'integrity.worker': resolve('electron/workers/integrity.worker.ts'),
          'peaks.worker': resolve('electron/workers/peaks.worker.ts'),
          'version.worker': resolve('electron/workers/version.worker.ts'),
          'export-files.worker': resolve('electron/workers/export-files.worker.ts'),
        },
        output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    define,
    plugins: [react()],
    build: {
      outDir: resolve('out/renderer'),
      // The entry is 365 kB minified against 865 kB: a fresh browser profile's first screen came
      // 43–55 ms sooner in each of three alternated pairs on a quiet machine (`first-screen`).
      minify: true,
      rollupOptions: {
        input: resolve('renderer/index.html'),
        // Everything the entry imports statically comes in one file rather than seven: a fresh
        // browser profile asked for them together over HTTP/1.1's six connections, and the last
        // waited for one to free up (`bench/first-screen.bench.ts`). Areas stay their own chunks.
        output: {
          codeSplitting: {
            groups: [
              { name: 'app', tags: ['$initial'], priority: 1 },
              // The small widgets the areas share (25 kB in all) in one file rather than one each.
              { name: 'ui', test: /[\\/](renderer[\\/]ui|shared[\\/]text)[\\/]/, minShareCount: 2, includeDependenciesRecursively: false },
            ],
          },
        },
      },
    },
  },
});
