import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findingsOf, runRuleTests } from '../../../test/rule-tester.ts';
import { kubernetesAnalyzer } from '../analyzer.ts';
import { requireTrustedRegistry } from './require-trusted-registry.ts';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n    - name: api\n      image: ghcr.io/acme/api:3\n';

// Default options: no allowed list, so nothing is reported.
runRuleTests(requireTrustedRegistry, { analyzer: kubernetesAnalyzer, path: 'pod.yaml' }, { pass: [POD], fail: [] });

const configured = requireTrustedRegistry.configure({ allowedRegistries: ['ghcr.io/acme', 'registry.example.com'] });
assert.ok(configured.ok);
runRuleTests(configured.value, { analyzer: kubernetesAnalyzer, path: 'pod.yaml' }, {
  pass: ['apiVersion: v1\nkind: Pod\nmetadata: {name: api}\nspec:\n  containers: [{name: api, image: "registry.example.com/team/api:1"}]\n'],
  fail: [
    {
      code: POD,
      findings: [{ messageId: 'untrusted', line: 7, column: 14, endColumn: 24, message: 'Container "web" pulls "nginx:1.27" from "docker.io/library/nginx", which is not under an allowed registry.' }],
    },
  ],
});

describe('require-trusted-registry options', () => {
  it('rejects a non-array allowedRegistries', () => {
    const result = requireTrustedRegistry.configure({ allowedRegistries: 'ghcr.io' });
    assert.equal(result.ok, false);
  });

  it('accepts Docker Hub under docker.io', () => {
    const hub = requireTrustedRegistry.configure({ allowedRegistries: ['docker.io/library'] });
    assert.ok(hub.ok);
    assert.deepEqual(findingsOf(hub.value, { analyzer: kubernetesAnalyzer, path: 'pod.yaml' }, POD).map((finding) => finding.location.startLine), [9]);
  });
});
