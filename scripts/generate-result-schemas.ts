import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { generateResultSchemas, RESULT_SCHEMAS_FILE, resultSchemasText } from './api-schema/result-schemas';

/**
 * Writes the JSON Schemas of every operation's result into shared/api/result-schemas.json,
 * which the OpenAPI document serves. Run after changing a result type:
 * `npm run generate:api`; with `--check` it only says whether the file is current.
 */
const root = process.cwd();
const file = resolve(root, RESULT_SCHEMAS_FILE);
const text = resultSchemasText(generateResultSchemas(root));
if (process.argv.includes('--check')) {
  const current = readFileSync(file, 'utf8') === text;
  console.log(current ? `${RESULT_SCHEMAS_FILE} is current` : `${RESULT_SCHEMAS_FILE} is stale: run npm run generate:api`);
  process.exitCode = current ? 0 : 1;
} else {
  writeFileSync(file, text);
  console.log(`wrote ${RESULT_SCHEMAS_FILE}`);
}
