import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Artifact } from '../../core/index.ts';
import { createSourceDocument } from '../../core/index.ts';
import { runProjectRules } from '../../scan/run-rules.ts';
import { kubernetesAnalyzer } from '../analyzer.ts';
import { noPrivilegedContainer } from '../rules/no-privileged-container.ts';
import { requireSeccompProfile } from '../rules/require-seccomp-profile.ts';

describe('definePodSecurityRule', () => {
  it('derives packs, the pss alias, options and project evaluation from the check', () => {
    assert.deepEqual(noPrivilegedContainer.meta.packs, ['pod-security', 'pss-baseline', 'pss-restricted']);
    assert.deepEqual(requireSeccompProfile.meta.packs, ['pod-security', 'pss-restricted']);
    assert.deepEqual(noPrivilegedContainer.meta.aliases[0], { tool: 'pss', id: 'privileged', relation: 'same' });
    assert.deepEqual(noPrivilegedContainer.meta.options?.defaults, { level: 'restricted', version: 'latest' });
    assert.equal(noPrivilegedContainer.project, true);
  });

  it('accepts the shared options and refuses bad levels, versions and unknown keys', () => {
    assert.equal(noPrivilegedContainer.configure({ level: 'baseline', version: 'v1.29' }).ok, true);
    assert.equal(noPrivilegedContainer.configure({ version: 'latest' }).ok, true);
    const cases = [
      { options: { level: 'privileged' }, error: 'level must be equal to one of the allowed values' },
      { options: { version: 'v1.x' }, error: 'version must match pattern "^(latest|v1\\.(0|[1-9][0-9]*))$"' },
      { options: { version: '1.29' }, error: 'version must match pattern "^(latest|v1\\.(0|[1-9][0-9]*))$"' },
      { options: { mode: 'warn' }, error: 'must NOT have additional properties' },
    ];
    for (const { options, error } of cases) {
      const result = noPrivilegedContainer.configure(options);
      assert.equal(result.ok, false);
      assert.deepEqual(result.ok ? [] : result.error, [error]);
    }
  });

  it('sees the objects of each call when calls share their first object (pods are found once per set of objects)', () => {
    const namespace = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: apps\n  labels:\n    pod-security.kubernetes.io/enforce: baseline\n';
    const pod = (privileged: boolean): string => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: apps\nspec:\n  containers:\n    - name: web\n      image: nginx\n      securityContext:\n        privileged: ${privileged}\n`;
    const artifactsOf = (path: string, code: string): readonly Artifact[] => kubernetesAnalyzer.analyze(createSourceDocument(path, code)).artifacts;
    const [shared] = artifactsOf('ns.yaml', namespace);
    assert.ok(shared !== undefined);
    const lines = (artifacts: readonly Artifact[]): (number | undefined)[] => runProjectRules(artifacts, [noPrivilegedContainer]).findings.map((finding) => finding.location.startLine);
    const privileged = [shared, ...artifactsOf('a.yaml', pod(true))];
    const unprivileged = [shared, ...artifactsOf('b.yaml', pod(false))];
    assert.deepEqual(lines(privileged), [11]);
    assert.deepEqual(lines(unprivileged), []);
    assert.deepEqual(lines(privileged), [11]);
    assert.deepEqual(lines([shared]), []);
  });
});
