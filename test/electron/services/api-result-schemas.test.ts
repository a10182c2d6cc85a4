import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import type { OperationName } from '../../../shared/api/contract';
import { openApiDocument } from '../../../shared/api/openapi';
import { useServiceHost } from '../../support/service-host';
import { useTempDirs } from '../../support/temp-dir';
import type { EngineName } from '../../support/engines';

const doc = openApiDocument('test');
const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
// The whole document is one schema to ajv, so results' `$ref`s to #/components/schemas resolve.
ajv.addSchema(doc, 'openapi');

function validatorOf(name: OperationName) {
  const pointer = `/paths/${`/api/call/${name}`.replaceAll('~', '~0').replaceAll('/', '~1')}/post/responses/200/content/application~1json/schema`;
  return ajv.getSchema(`openapi#${pointer}`)!;
}

describe.each<EngineName>(['sqlite', 'postgres'])('real results on %s match the OpenAPI document', (engine) => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost(engine);

  it('answers of reading operations on the demo project validate against their response schemas', async () => {
    const host = newHost(tempDir());
    const calls: Array<[OperationName, unknown]> = [['projects.openDemo', { kind: 'bbox' }]];
    await host.ok('projects.openDemo', { kind: 'bbox' });
    const labelers = await host.ok('labelers.list', {});
    const samples = await host.ok('samples.list', {});
    const labelerId = labelers.find((labeler) => labeler.role === 'labeler')!.id;
    const sampleId = samples.items[0]!.id;
    calls.push(
      ['app.info', {}],
      ['projects.current', {}],
      ['projects.recent', {}],
      ['session.current', {}],
      ['session.options', {}],
      ['labelers.list', {}],
      ['samples.list', {}],
      ['samples.get', { sampleId }],
      ['queue.get', { labelerId }],
      ['queue.window', { labelerId }],
      ['annotations.mine', { labelerId, sampleId }],
      ['audit.list', {}],
      ['taxonomy.history', {}],
      ['guidelines.current', {}],
      ['guidelines.list', {}],
      ['agreement.project', {}],
      ['review.queue', {}],
      ['review.sample', { sampleId }],
      ['datasets.preview', {}],
      ['datasets.create', {}],
      ['datasets.list', {}],
      ['team.throughput', {}],
      ['comments.openQuestions', {}],
    );
    for (const [name, arg] of calls) {
      const answer = await host.call(name, arg);
      expect({ name, ok: answer.ok }).toEqual({ name, ok: true });
      const validate = validatorOf(name);
      validate(answer);
      expect({ name, errors: validate.errors ?? null }).toEqual({ name, errors: null });
    }
  });

  it('a result that breaks its type is refused by the schema, so the check above can fail', async () => {
    const host = newHost(tempDir());
    const project = await host.call('projects.openDemo', { kind: 'bbox' });
    const validate = validatorOf('projects.openDemo');
    expect(validate(project)).toBe(true);
    const value = (project as { value: Record<string, unknown> }).value;
    expect(validate({ ok: true, value: { ...value, sampleCount: String(value.sampleCount) } })).toBe(false);
    expect(validate({ ok: true, value: { ...value, kind: 'video' } })).toBe(false);
    const { name: _dropped, ...nameless } = value;
    expect(validate({ ok: true, value: nameless })).toBe(false);
  });
});
