import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { TypeToJsonSchema } from '../../../scripts/api-schema/type-to-json-schema';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();

const options: ts.CompilerOptions = { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, lib: ['lib.es5.d.ts'] };
// Parsing the standard library is most of a program's cost: once for the whole file.
const host = ts.createCompilerHost(options);
const parsedLibs = new Map<string, ts.SourceFile | undefined>();
const readSource = host.getSourceFile.bind(host);
host.getSourceFile = (file, language) => {
  if (!file.includes('node_modules')) return readSource(file, language);
  if (!parsedLibs.has(file)) parsedLibs.set(file, readSource(file, language));
  return parsedLibs.get(file);
};

/**
 * Converts the type of each `export declare const` in `main` (other modules beside it, as
 * `name.ts`), the way the generator reads `operations` in contract.ts.
 */
function convert(main: string, modules: Record<string, string> = {}) {
  const dir = tempDir();
  for (const [name, text] of Object.entries({ ...modules, main })) writeFileSync(join(dir, `${name}.ts`), text);
  const program = ts.createProgram([join(dir, 'main.ts')], options, host);
  const checker = program.getTypeChecker();
  const converter = new TypeToJsonSchema(checker, ['Failure']);
  const source = program.getSourceFile(join(dir, 'main.ts'))!;
  const results: Record<string, unknown> = {};
  for (const symbol of checker.getExportsOfModule(checker.getSymbolAtLocation(source)!)) {
    if (symbol.flags & ts.SymbolFlags.Variable) results[symbol.name] = converter.convert(checker.getTypeOfSymbolAtLocation(symbol, source), symbol.name);
  }
  return { results, schemas: Object.fromEntries(converter.named) };
}

describe('TypeScript result types as JSON Schema', () => {
  it('writes tuples, records, literals and nullable values as JSON carries them', () => {
    const { results } = convert(`
      export declare const ratios: [number, number, number?];
      export declare const counts: Record<string, number>;
      export declare const mode: 'a' | 'b' | 7;
      export declare const flag: boolean | null;
    `);
    expect(results.ratios).toEqual({ type: 'array', prefixItems: [{ type: 'number' }, { type: 'number' }, { type: 'number' }], minItems: 2, maxItems: 3 });
    expect(results.counts).toEqual({ type: 'object', additionalProperties: { type: 'number' } });
    expect(results.mode).toEqual({ enum: ['a', 'b', 7] });
    expect(results.flag).toEqual({ anyOf: [{ type: 'boolean' }, { type: 'null' }] });
  });

  it('shares named types by reference, so a recursive one ends, and merges intersections', () => {
    const { results, schemas } = convert(`
      /** A folder and what it holds. */
      export interface Node { name: string; children: Node[]; size?: number }
      export declare const tree: Node;
      export declare const tagged: Node & { tag: string };
    `);
    expect(results.tree).toEqual({ $ref: '#/components/schemas/Node' });
    expect(schemas.Node).toEqual({
      type: 'object',
      required: ['name', 'children'],
      properties: { name: { type: 'string' }, children: { type: 'array', items: { $ref: '#/components/schemas/Node' } }, size: { type: 'number' } },
      description: 'A folder and what it holds.',
    });
    expect(results.tagged).toMatchObject({ type: 'object', required: ['name', 'children', 'tag'] });
  });

  it('keeps two types of one name apart, and clear of the names the document uses itself', () => {
    const { results, schemas } = convert(
      `import type { Item as A } from './a'; import type { Item as B } from './b'; import type { Failure } from './a';
       export declare const a: A; export declare const b: B; export declare const failure: Failure;`,
      { a: 'export interface Item { a: number } export interface Failure { why: string }', b: 'export interface Item { b: string }' },
    );
    expect(results).toEqual({
      a: { $ref: '#/components/schemas/Item' },
      b: { $ref: '#/components/schemas/Item2' },
      failure: { $ref: '#/components/schemas/Failure2' },
    });
    expect(Object.keys(schemas).sort()).toEqual(['Failure2', 'Item', 'Item2']);
  });

  it('refuses what cannot travel as JSON, naming where it is', () => {
    expect(() => convert('export declare const job: { id: number; cancel(): void };')).toThrow('job.cancel: a function cannot travel as JSON');
    expect(() => convert('export declare const big: { n: bigint };')).toThrow('big.n: bigint cannot travel as JSON');
  });
});
