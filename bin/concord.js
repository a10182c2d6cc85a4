#!/usr/bin/env node
// The CLI runs from the build (`npm install` builds it); see electron/cli/main.ts.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = fileURLToPath(new URL('../out/main/cli.js', import.meta.url));
if (!existsSync(built)) {
  console.error('concord: the CLI is not built yet. Run `npm run build` in the Concord folder first.');
  process.exit(2);
}
await import(built);
