import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { kubernetesRules } from './index.ts';

const PACKS = new Set(['pod-security', 'pss-baseline', 'pss-restricted', 'rbac', 'network', 'hardening', 'schema']);

describe('kubernetesRules', () => {
  it('is frozen and sorted by slug', () => {
    assert.ok(Object.isFrozen(kubernetesRules));
    const slugs = kubernetesRules.map((rule) => rule.meta.slug);
    assert.deepEqual(slugs, [...slugs].sort());
  });

  it('gives every rule its own K8S-NNNN id (ranges are allotted per capability, so gaps are expected)', () => {
    const ids = kubernetesRules.map((rule) => rule.meta.id);
    for (const id of ids) assert.match(id, /^K8S-\d{4}$/);
    assert.equal(new Set(ids).size, ids.length);
  });

  it('targets Kubernetes objects, as stable (or opt-in experimental) misconfiguration rules of 0.1.0 in known packs', () => {
    for (const { meta } of kubernetesRules) {
      assert.equal(meta.target, 'kubernetes-object', meta.slug);
      assert.equal(meta.kind, 'misconfig', meta.slug);
      assert.ok(meta.stability === 'stable' || meta.stability === 'experimental', meta.slug);
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
