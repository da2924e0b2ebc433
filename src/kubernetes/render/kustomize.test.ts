import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Kustomization } from './kustomize.ts';
import { topLevel } from './kustomize.ts';

function kustomization(dir: string, uses: readonly string[], component = false): Kustomization {
  return { dir, file: `${dir}/kustomization.yaml`, content: {}, uses, patchFiles: [], component, remote: [] };
}

describe('topLevel', () => {
  const cases: { name: string; all: Kustomization[]; roots: string[] }[] = [
    { name: 'an overlay over a base', all: [kustomization('base', []), kustomization('prod', ['base'])], roots: ['prod'] },
    { name: 'a kustomization that includes itself', all: [kustomization('self', ['self'])], roots: ['self'] },
    { name: 'a cycle nothing leads into renders from one member', all: [kustomization('a', ['b']), kustomization('b', ['a'])], roots: ['a'] },
    { name: 'a cycle below an overlay is reached through it', all: [kustomization('top', ['a']), kustomization('a', ['b']), kustomization('b', ['a'])], roots: ['top'] },
    { name: 'components are never roots', all: [kustomization('c', [], true), kustomization('app', ['c'])], roots: ['app'] },
  ];
  for (const { name, all, roots } of cases) {
    it(name, () => assert.deepEqual(topLevel(all).map((entry) => entry.dir), roots));
  }
});
