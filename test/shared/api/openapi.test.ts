import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { ACCESS } from '../../../shared/api/access';
import { operations, type OperationName } from '../../../shared/api/contract';
import { openApiDocument } from '../../../shared/api/openapi';

const doc = openApiDocument('9.9.9');
const names = Object.keys(operations) as OperationName[];
// zod writes `format`s (date-time, uri…) that ajv leaves unchecked unless told; the shapes are what matter here.
const ajv = new Ajv2020({ strict: false, validateFormats: false });

function requestSchemaOf(name: OperationName) {
  const body = doc.paths[`/api/call/${name}`]!.post.requestBody as { content: { 'application/json': { schema: object } } };
  return body.content['application/json'].schema;
}

/** Arguments a script could plausibly send, valid and not, to compare the two validators on. */
const probes: Array<[OperationName, unknown]> = [
  ['samples.list', {}],
  ['samples.list', { offset: 0, limit: 500 }],
  ['samples.list', { limit: 501 }],
  ['samples.list', { offset: -1 }],
  ['samples.get', { sampleId: 3 }],
  ['samples.get', { sampleId: 0 }],
  ['samples.get', { sampleId: '3' }],
  ['samples.get', {}],
  ['session.signIn', { method: 'owner' }],
  ['session.signIn', { method: 'password', name: 'ana', password: 'correct horse' }],
  ['session.signIn', { method: 'guess' }],
  ['datasets.create', {}],
  ['datasets.create', { ratios: [0.8, 0.1, 0.1], seed: 7 }],
  ['datasets.create', { ratios: [0.8, 0.1] }],
  ['datasets.export', { version: 1, format: 'coco', outDir: '/tmp/out' }],
  ['datasets.export', { version: 1, format: 'bmp', outDir: '/tmp/out' }],
  ['app.info', {}],
  ['app.info', { extra: true }],
];

describe('the OpenAPI description', () => {
  it('describes every operation of the contract as a POST with its argument as the body', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.version).toBe('9.9.9');
    expect(Object.keys(doc.paths).sort()).toEqual(names.map((name) => `/api/call/${name}`).sort());
    for (const name of names) {
      expect(doc.paths[`/api/call/${name}`]!.post.operationId).toBe(name);
      expect(() => ajv.compile(requestSchemaOf(name))).not.toThrow();
    }
  });

  it('accepts and refuses the same arguments the hosts do', () => {
    for (const [name, arg] of probes) {
      const byHost = operations[name].arg.safeParse(arg).success;
      const bySchema = ajv.validate(requestSchemaOf(name), arg);
      expect({ name, arg, accepted: bySchema }).toEqual({ name, arg, accepted: byHost });
    }
    // The probes are not all accepted or all refused, or the comparison would say little.
    expect(new Set(probes.map(([name, arg]) => operations[name].arg.safeParse(arg).success)).size).toBe(2);
  });

  it('says who may call each operation in the terms of the access table', () => {
    for (const name of names) {
      const { security, description } = doc.paths[`/api/call/${name}`]!.post as { security: Array<Record<string, string[]>>; description: string };
      const access = ACCESS[name];
      const schemes = security.map((requirement) => Object.keys(requirement)[0]).sort();
      if (access === 'anyone') expect(schemes).toEqual([]);
      else if (access === 'owner') expect(schemes).toEqual(['ownerKey']);
      else if (access === 'owner or signed in') expect(schemes).toEqual(['ownerKey', 'session']);
      else {
        expect(schemes).toEqual(['session']);
        for (const role of access) expect(description).toContain(role);
      }
    }
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['ownerKey', 'session']);
  });
});
