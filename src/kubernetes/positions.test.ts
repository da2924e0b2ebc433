import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSourceDocument } from '../core/index.ts';
import type { PositionMap } from './positions.ts';
import { loadManifests } from './load.ts';

function positionsOf(text: string): PositionMap {
  const output = loadManifests(createSourceDocument('x.yaml', text));
  assert.deepEqual(output.errors, []);
  const [first] = output.objects;
  assert.ok(first !== undefined);
  return first.positions;
}

const TEXT = [
  'apiVersion: v1', //                                  1
  'kind: ConfigMap', //                                 2
  'metadata:', //                                       3
  '  name: cm', //                                      4
  '  annotations:', //                                  5
  '    example.com/owner: team~a', //                   6
  '    "~tilde": x', //                                 7
  '',
].join('\n');

describe('PositionMap', () => {
  const positions = positionsOf(TEXT);

  it('escapes "/" and "~" in keys as RFC 6901 does', () => {
    assert.equal(positions.get('/metadata/annotations/example.com~1owner')?.value.start.line, 6);
    assert.equal(positions.get('/metadata/annotations/~0tilde')?.value.start.line, 7);
    assert.equal(positions.get('/metadata/annotations/example.com/owner'), undefined);
  });

  it('finds the node itself, or its nearest existing ancestor', () => {
    assert.deepEqual(positions.nearest('/metadata/name'), { pointer: '/metadata/name', exact: true, ranges: positions.get('/metadata/name') });
    assert.deepEqual(positions.nearest('/metadata/labels/app'), { pointer: '/metadata', exact: false, ranges: positions.get('/metadata') });
    assert.deepEqual(positions.nearest('/data/x'), { pointer: '', exact: false, ranges: positions.get('') });
    assert.deepEqual(positions.nearest('not-a-pointer'), { pointer: '', exact: false, ranges: positions.get('') });
  });

  it('prefixes the pointers of a scoped view', () => {
    const scoped = positions.scoped('/metadata');
    assert.deepEqual(scoped.get('/name'), positions.get('/metadata/name'));
    assert.deepEqual(scoped.nearest('/labels/app')?.pointer, '');
    assert.deepEqual(scoped.nearest('/labels/app')?.ranges, positions.get('/metadata'));
  });

  it('bounds what aliases add to the map by the size of the document', () => {
    const keys = Array.from({ length: 1000 }, (_, index) => `k${index}: v`).join(', ');
    const aliases = Array.from({ length: 99 }, (_, index) => `  a${index}: *big`).join('\n');
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\nbase: &big {${keys}}\ndata:\n${aliases}\n`;
    const big = positionsOf(text);
    assert.ok(big.size <= 2 * text.length + 1000, `${big.size} entries for ${text.length} characters`);
    assert.equal(big.get('/data/a0/k999')?.value.start.line, 4);
    assert.equal(big.get('/data/a98')?.value.start.line, 104);
    assert.equal(big.get('/data/a98/k999'), undefined);
  });
});
