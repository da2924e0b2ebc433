import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import type { JsonObject } from '../kubernetes/json.ts';
import { isJsonObject, toJsonValue } from '../kubernetes/json.ts';
import { materialize, objectPath, ownedByScannedController } from './materialize.ts';

function object(value: unknown): JsonObject {
  const json = toJsonValue(value);
  assert.ok(isJsonObject(json));
  return json;
}

describe('objectPath', () => {
  const cases: [unknown, string][] = [
    [{ kind: 'Deployment', metadata: { name: 'orders', namespace: 'shop' } }, 'shop/Deployment/orders.yaml'],
    [{ kind: 'ClusterRole', metadata: { name: 'system:aggregate-to-view' } }, '_cluster/ClusterRole/system_aggregate-to-view.yaml'],
    [{ kind: 'Pod', metadata: { name: '../../etc/passwd', namespace: '..' } }, '_.._/Pod/.._.._etc_passwd.yaml'],
    [{ kind: '', metadata: {} }, '_cluster/__/_unnamed_.yaml'],
  ];
  for (const [input, expected] of cases) it(expected, () => assert.equal(objectPath(object(input)), expected));
});

describe('materialize', () => {
  it('writes one YAML file per object without status, skips controller-owned objects, keeps duplicates apart, cleans up', async () => {
    const objects = [
      object({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'shop' }, spec: { containers: [] }, status: { phase: 'Running' } }),
      object({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'shop' }, spec: {} }),
      object({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'owned', namespace: 'shop', ownerReferences: [{ kind: 'ReplicaSet', name: 'rs', controller: true }] } }),
      object({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'operator-made', namespace: 'shop', ownerReferences: [{ kind: 'MyOperator', name: 'x', controller: true }] } }),
    ];
    const { dir, dispose } = await materialize(objects);
    assert.deepEqual(readdirSync(join(dir, 'shop', 'Pod')).sort(), ['operator-made.yaml', 'web-2.yaml', 'web.yaml']);
    assert.deepEqual(parse(readFileSync(join(dir, 'shop', 'Pod', 'web.yaml'), 'utf8')), { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'shop' }, spec: { containers: [] } });
    await dispose();
    assert.equal(existsSync(dir), false);
  });

  it('knows which owners are scanned themselves', () => {
    assert.equal(ownedByScannedController(object({ metadata: { ownerReferences: [{ kind: 'Job', controller: true }] } })), true);
    assert.equal(ownedByScannedController(object({ metadata: { ownerReferences: [{ kind: 'Job', controller: false }] } })), false);
    assert.equal(ownedByScannedController(object({ metadata: { ownerReferences: 'garbage' } })), false);
  });
});
