import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { operations } from '../../../shared/api/contract';
import { generateResultSchemas, RESULT_SCHEMAS_FILE, resultSchemasText } from '../../../scripts/api-schema/result-schemas';
import { REPO_ROOT } from '../../support/paths';

describe('the generated result schemas', () => {
  const generated = generateResultSchemas(REPO_ROOT);

  it('are current: regenerating from contract.ts gives the file that is checked in', () => {
    // When this fails, a result type changed: run `npm run generate:api` and commit the file.
    expect(readFileSync(resolve(REPO_ROOT, RESULT_SCHEMAS_FILE), 'utf8')).toBe(resultSchemasText(generated));
  });

  it('describe the result of every operation, and every schema they refer to exists', () => {
    expect(Object.keys(generated.results).sort()).toEqual(Object.keys(operations).sort());
    const refs = JSON.stringify(generated).match(/"#\/components\/schemas\/[^"]+"/g) ?? [];
    const missing = refs.map((ref) => ref.slice('"#/components/schemas/'.length, -1)).filter((name) => !(name in generated.schemas));
    expect(missing).toEqual([]);
  });

  it('read the types as the compiler does: optional properties not required, unions of literals as enums, documentation kept', () => {
    expect(generated.results['projects.current']).toEqual({ anyOf: [{ type: 'null' }, { $ref: '#/components/schemas/ProjectSummary' }] });
    expect(generated.results['samples.tag']).toEqual({ type: 'object', required: ['tagged'], properties: { tagged: { type: 'number' } } });
    type ObjectSchema = { required: string[]; properties: Record<string, unknown> };
    const summary = generated.schemas.ProjectSummary as ObjectSchema;
    expect(summary.required).toEqual(expect.arrayContaining(['dir', 'name', 'kind']));
    expect(summary.properties.kind).toEqual({ enum: ['bbox', 'transcript'] });
    expect(summary.properties.dir).toEqual({ type: 'string', description: 'Absolute path of the project folder.' });
    const problem = generated.schemas.ImportProblem as ObjectSchema;
    expect(Object.keys(problem.properties)).toContain('line');
    expect(problem.required).not.toContain('line');
    expect(generated.schemas.AppInfo).toMatchObject({ properties: { host: { enum: ['electron', 'web', 'cli'] } } });
  });
});
