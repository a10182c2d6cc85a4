import { z } from 'zod';
import { ACCESS, type Access } from './access';
import { operations, type OperationName } from './contract';
import { API_ERROR_CODES } from './errors';
import { OWNER_KEY_HEADER } from './http-credentials';
import generated from './result-schemas.json';

/** A JSON object as OpenAPI documents are written: plain data, ready for `JSON.stringify`. */
type Json = { [key: string]: unknown };

/**
 * Results are TypeScript types, so their JSON Schemas are generated from contract.ts by the
 * compiler (`npm run generate:api`, scripts/generate-result-schemas.ts) and checked in; a test
 * fails when the file no longer matches the types.
 */
const resultSchemas = generated as { results: Record<string, Json>; schemas: Record<string, Json> };

/**
 * The contract as an OpenAPI 3.1 document, made from the same zod schemas every host checks
 * calls against, so it cannot drift from what the hosts accept. Each operation is a POST to
 * `/api/call/<name>` with its argument as the JSON body; the answer is always HTTP 200 with
 * `{ ok: true, value }` or `{ ok: false, error }`, `value` described by the result's schema
 * generated from the same contract's TypeScript types. Checks that JSON Schema cannot state
 * (a path is absolute, split ratios sum to 1) are the host's alone.
 *
 * @example
 * const doc = openApiDocument('1.4.0');
 * doc.paths['/api/call/samples.list'].post.requestBody; // the argument's JSON Schema
 * doc.components.schemas.SamplePage; // what its `value` is, referred to from its response
 */
export function openApiDocument(version: string) {
  const names = Object.keys(operations) as OperationName[];
  return {
    openapi: '3.1.0',
    info: {
      title: 'Concord API',
      version,
      description: [
        'Every operation is `POST /api/call/<name>` with a JSON body and answers HTTP 200 with `{"ok": true, "value": …}` or `{"ok": false, "error": {"code", "message", "issues"?}}`.',
        'Other statuses mean the request never reached the API: 400 malformed address, 403 wrong Host or Origin, 413 body too large, 415 not JSON.',
        `Who is calling: the owner key (the \`#key=…\` part of the address the host prints) in the \`${OWNER_KEY_HEADER}\` header, and once signed in (\`session.signIn\`) the session's token as \`Authorization: Bearer <token>\`.`,
      ].join('\n\n'),
    },
    components: {
      securitySchemes: {
        ownerKey: { type: 'apiKey', in: 'header', name: OWNER_KEY_HEADER, description: 'The person who started Concord on this computer.' },
        session: { type: 'http', scheme: 'bearer', description: 'The `token` that `session.signIn` answers with.' },
      },
      schemas: {
        ApiError: {
          type: 'object',
          required: ['code', 'message'],
          properties: {
            code: { enum: [...API_ERROR_CODES] },
            message: { type: 'string', description: 'Plain words for a person; never the contents of a file.' },
            issues: {
              type: 'array',
              items: { type: 'object', required: ['path', 'message'], properties: { path: { type: 'string' }, message: { type: 'string' } } },
            },
          },
        },
        Failure: {
          type: 'object',
          required: ['ok', 'error'],
          properties: { ok: { const: false }, error: { $ref: '#/components/schemas/ApiError' } },
        },
        ...resultSchemas.schemas,
      },
    },
    paths: Object.fromEntries(names.map((name) => [`/api/call/${name}`, { post: describeOperation(name) }])) as Record<string, { post: Json }>,
  };
}

function describeOperation(name: OperationName): Json {
  const access = ACCESS[name];
  return {
    operationId: name,
    tags: [name.split('.')[0]],
    description: `Who may call it: ${accessInWords(access)}.`,
    security: securityOf(access),
    requestBody: {
      required: true,
      content: { 'application/json': { schema: z.toJSONSchema(operations[name].arg, { io: 'input', target: 'draft-2020-12' }) } },
    },
    responses: {
      '200': {
        description: 'The result, or why the call was refused.',
        content: {
          'application/json': {
            schema: {
              oneOf: [
                { type: 'object', required: ['ok', 'value'], properties: { ok: { const: true }, value: resultSchemaOf(name) } },
                { $ref: '#/components/schemas/Failure' },
              ],
            },
          },
        },
      },
    },
  };
}

function resultSchemaOf(name: OperationName): Json {
  const schema = resultSchemas.results[name];
  if (!schema) throw new Error(`shared/api/result-schemas.json has no result for ${name}: run npm run generate:api`);
  return schema;
}

/** OpenAPI's `security`: any one of the listed requirements lets the call through the door. */
function securityOf(access: Access): Json[] {
  if (access === 'anyone') return [];
  if (access === 'owner') return [{ ownerKey: [] }];
  if (access === 'owner or signed in') return [{ ownerKey: [] }, { session: [] }];
  return [{ session: [] }];
}

function accessInWords(access: Access): string {
  if (access === 'anyone') return 'anyone, signed in or not';
  if (access === 'owner') return 'the person who started Concord on this computer (the owner key)';
  if (access === 'owner or signed in') return 'the owner, or anyone signed in';
  return `a signed-in account with the role ${access.join(', ')}`;
}
