import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JsonObject } from '../json.ts';
import { builtinValidator } from './builtin.ts';
import { FieldShapes } from './shapes.ts';
import { traceFields, unknownFields } from './strict.ts';

/** A validator in the style of the generated ones: declared keys read in order, `labels` enumerated, `data` free-form. */
function validate(view: unknown): undefined {
  if (typeof view !== 'object' || view === null) return undefined;
  const metadata: unknown = Reflect.get(view, 'metadata');
  if (typeof metadata === 'object' && metadata !== null) {
    Reflect.get(metadata, 'name');
    const labels: unknown = Reflect.get(metadata, 'labels');
    if (typeof labels === 'object' && labels !== null) for (const key of Object.keys(labels)) Reflect.get(labels, key);
  }
  Reflect.get(view, 'data');
  const items: unknown = Reflect.get(view, 'items');
  if (Array.isArray(items)) for (const item of items) if (typeof item === 'object' && item !== null) Reflect.get(item, 'port');
  return undefined;
}

const traced = (value: object): ReturnType<typeof unknownFields> => unknownFields(value, traceFields(value, validate).trace, 50);

function taught(...examples: readonly object[]): FieldShapes {
  const shapes = new FieldShapes();
  for (const example of examples) shapes.learn(example, traceFields(example, validate).trace);
  return shapes;
}

const teacher = { metadata: { name: 'a', labels: { app: 'x' } }, data: { free: { form: 1 } }, items: [{ port: 80 }] };

describe('FieldShapes', () => {
  it('knows nothing before it learns', () => {
    assert.equal(new FieldShapes().unknownFields(teacher, 50), undefined);
  });

  const cases: readonly { readonly name: string; readonly value: object }[] = [
    { name: 'a valid object', value: { metadata: { name: 'b', labels: { tier: 'web', app: 'y' } }, data: { other: [{ deep: true }] }, items: [{ port: 1 }, { port: 2 }] } },
    { name: 'unknown fields at the root, in metadata and in array items', value: { metdata: {}, metadata: { nmae: 'x', labels: {} }, items: [{ port: 1, prot: 'TCP' }, { hostPort: 1 }], extra: { x: 1 } } },
    { name: 'keys with pointer escapes', value: { 'a/b': 1, metadata: { '~x': 2 } } },
  ];
  for (const { name, value } of cases) {
    it(`answers exactly as the trace for ${name}`, () => {
      assert.deepEqual(taught(teacher).unknownFields(value, 50), traced(value));
    });
  }

  it('reports the unknown fields with their pointers and the declared keys in reading order', () => {
    assert.deepEqual(taught(teacher).unknownFields({ metadata: { nmae: 'x' }, items: [{ prot: 'TCP' }] }, 50), [
      { pointer: '/items/0/prot', field: 'prot', known: ['port'] },
      { pointer: '/metadata/nmae', field: 'nmae', known: ['name', 'labels'] },
    ]);
  });

  it('stops at the limit, as the traced walk does', () => {
    const value = { a: 1, b: 2, c: 3, metadata: { d: 4 } };
    assert.deepEqual(taught(teacher).unknownFields(value, 2), traced(value).slice(0, 2));
    assert.equal(taught(teacher).unknownFields(value, 2)?.length, 2);
  });

  it('gives up on a place it has not learned (an object where the teacher had none)', () => {
    assert.equal(taught({ metadata: { name: 'a' } }).unknownFields({ metadata: { labels: { a: 'b' } } }, 50), undefined);
    assert.equal(taught({ metadata: { name: 'a' } }).unknownFields({ items: [{ port: 1 }] }, 50), undefined);
  });

  it('gives up on a node reached twice (a YAML alias), where the trace merges reads', () => {
    const shared = { port: 1 };
    assert.equal(taught(teacher).unknownFields({ items: [shared, shared] }, 50), undefined);
  });

  it('learns nothing from an object with a shared node', () => {
    const shared = { name: 'a' };
    const shapes = taught({ metadata: shared, data: shared });
    assert.equal(shapes.unknownFields({ metadata: { name: 'a' } }, 50), undefined);
  });

  it('never trusts a validator whose runs disagree about a place', () => {
    const shapes = taught(teacher);
    const otherReads = (view: unknown): undefined => {
      if (typeof view === 'object' && view !== null) Reflect.get(view, 'other');
      return undefined;
    };
    shapes.learn({ other: 1 }, traceFields({ other: 1 }, otherReads).trace);
    assert.equal(shapes.unknownFields(teacher, 50), undefined);
    shapes.learn(teacher, traceFields(teacher, validate).trace);
    assert.equal(shapes.unknownFields(teacher, 50), undefined);
  });

  it('agrees with the trace of a real bundled validator (Deployment)', () => {
    const check = builtinValidator('apps/v1', 'Deployment');
    assert.ok(check !== undefined);
    const deployment = (extra: JsonObject): JsonObject => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', labels: { app: 'web' }, annotations: { a: 'b' } },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1', resources: { limits: { cpu: '1' } }, ...extra }] } },
      },
    });
    const shapes = new FieldShapes();
    const first = deployment({});
    shapes.learn(first, traceFields(first, check).trace);
    const typo = deployment({ imagePullPolcy: 'Always', securityContext: { runAsNonRot: true } });
    assert.equal(check(typo), undefined);
    const expected = unknownFields(typo, traceFields(typo, check).trace, 50);
    assert.deepEqual(expected.map((field) => field.pointer), ['/spec/template/spec/containers/0/imagePullPolcy', '/spec/template/spec/containers/0/securityContext/runAsNonRot']);
    assert.equal(shapes.unknownFields(typo, 50), undefined, 'securityContext was not learned yet');
    shapes.learn(typo, traceFields(typo, check).trace);
    assert.deepEqual(shapes.unknownFields(typo, 50), expected);
  });
});
