import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { kubernetesRules } from './index.ts';

const PACKS = new Set(['pss-baseline', 'pss-restricted', 'rbac', 'network', 'hardening']);

describe('kubernetesRules', () => {
  it('is frozen and sorted by slug', () => {
    assert.ok(Object.isFrozen(kubernetesRules));
    const slugs = kubernetesRules.map((rule) => rule.meta.slug);
    assert.deepEqual(slugs, [...slugs].sort());
  });

  it('numbers the rules K8S-0001 onwards without gaps or repeats', () => {
    const ids = kubernetesRules.map((rule) => rule.meta.id).sort();
    assert.deepEqual(ids, Array.from({ length: ids.length }, (_, index) => `K8S-${String(index + 1).padStart(4, '0')}`));
  });

  it('targets Kubernetes objects, as stable misconfiguration rules of 0.1.0 in known packs', () => {
    for (const { meta } of kubernetesRules) {
      assert.equal(meta.target, 'kubernetes-object', meta.slug);
      assert.equal(meta.kind, 'misconfig', meta.slug);
      assert.equal(meta.stability, 'stable', meta.slug);
      assert.equal(meta.since, '0.1.0', meta.slug);
      for (const pack of meta.packs) assert.ok(PACKS.has(pack), `${meta.slug}: unknown pack ${pack}`);
    }
  });

  it('puts every Baseline rule in the Restricted pack too (Restricted includes Baseline)', () => {
    for (const { meta } of kubernetesRules) {
      if (meta.packs.includes('pss-baseline')) assert.ok(meta.packs.includes('pss-restricted'), meta.slug);
    }
  });
});
