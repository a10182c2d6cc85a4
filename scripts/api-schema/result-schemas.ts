import { resolve } from 'node:path';
import ts from 'typescript';
import { TypeToJsonSchema, type JsonSchema } from './type-to-json-schema';

/** What `shared/api/result-schemas.json` holds: each operation's result schema and the named schemas they share. */
export type ResultSchemas = { results: Record<string, JsonSchema>; schemas: Record<string, JsonSchema> };

/** The generated file, relative to the repository root. */
export const RESULT_SCHEMAS_FILE = 'shared/api/result-schemas.json';

/** Schemas shared/api/openapi.ts writes itself; a result type of the same name gets a number. */
const DOCUMENT_SCHEMAS = ['ApiError', 'Failure'];

/**
 * Reads `operations` in `shared/api/contract.ts` with the TypeScript compiler and describes
 * the `result` type of every operation as JSON Schema. Results are TypeScript types, not zod
 * schemas, so this is the one way to describe them from their source instead of by hand.
 *
 * @example
 * const { results } = generateResultSchemas(process.cwd());
 * results['projects.current']; // { anyOf: [{ $ref: '#/components/schemas/ProjectSummary' }, { type: 'null' }] }
 */
export function generateResultSchemas(root: string): ResultSchemas {
  const contractFile = resolve(root, 'shared/api/contract.ts');
  const config = ts.getParsedCommandLineOfConfigFile(resolve(root, 'shared/tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  if (!config) throw new Error('shared/tsconfig.json could not be read');
  const program = ts.createProgram([contractFile], config.options);
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(contractFile);
  const declaration = source && findVariable(source, 'operations');
  if (!declaration) throw new Error('shared/api/contract.ts has no `operations`');

  const converter = new TypeToJsonSchema(checker, DOCUMENT_SCHEMAS);
  const results: Record<string, JsonSchema> = {};
  for (const operation of checker.getTypeAtLocation(declaration.name).getProperties()) {
    const result = checker.getTypeOfSymbolAtLocation(operation, declaration).getProperty('result');
    if (!result) throw new Error(`${operation.name} has no result type`);
    results[operation.name] = converter.convert(checker.getTypeOfSymbolAtLocation(result, declaration), operation.name);
  }
  const schemas = Object.fromEntries([...converter.named].sort(([a], [b]) => a.localeCompare(b)));
  return { results, schemas };
}

/** The file's text as checked in: stable key order, so regenerating unchanged types changes nothing. */
export function resultSchemasText(schemas: ResultSchemas): string {
  return `${JSON.stringify(schemas, null, 2)}\n`;
}

function findVariable(source: ts.SourceFile, name: string): ts.VariableDeclaration | undefined {
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    const found = statement.declarationList.declarations.find((declaration) => ts.isIdentifier(declaration.name) && declaration.name.text === name);
    if (found) return found;
  }
  return undefined;
}
