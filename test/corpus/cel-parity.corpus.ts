// Corpus suite for the CEL twins of the Kubernetes rules: on every object of the real manifests in
// ../shared/corpora/k8s, each exported ValidatingAdmissionPolicy expression rejects exactly the
// objects its TypeScript rule reports. Run: npm run test:corpus. Skips where ../shared is absent.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { kubernetesRules } from '../../src/kubernetes/index.ts';
import { compareOne, objectsOfText } from '../../src/policy/export/parity.ts';
import type { Disagreement, FixtureObject } from '../../src/policy/export/parity.ts';
import { compileTwin } from '../../src/policy/export/twin.ts';
import { REPO_ROOT } from '../cli-helpers.ts';

const K8S = join(REPO_ROOT, '..', 'shared', 'corpora', 'k8s');
const skip = existsSync(K8S) ? false : `corpus not found at ${K8S} (needs ../shared beside the clone)`;

function load(): FixtureObject[] {
  return readdirSync(K8S)
    .filter((file) => /\.(ya?ml|json)$/.test(file))
    .sort()
    .flatMap((name) => objectsOfText(name, readFileSync(join(K8S, name), 'utf8'), name));
}

describe('corpus: CEL twins agree with their rules', { skip }, () => {
  const objects = skip === false ? load() : [];

  it('loads the corpus', () => {
    assert.ok(objects.length > 400, `${objects.length} objects`);
  });

  for (const rule of kubernetesRules.filter((candidate) => candidate.meta.cel !== undefined)) {
    it(`${rule.meta.id} ${rule.meta.slug}`, () => {
      const twin = rule.meta.cel;
      assert.ok(twin !== undefined);
      const compiled = compileTwin(twin);
      assert.ok(compiled.ok, compiled.ok ? '' : compiled.error);
      const disagreements: Disagreement[] = [];
      for (const object of objects) {
        const disagreement = compareOne(rule, compiled.twin, object);
        if (disagreement !== undefined) disagreements.push(disagreement);
      }
      assert.deepEqual(disagreements, []);
    });
  }
});
