import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findingsOf, runRuleTests } from '../../../test/rule-tester.ts';
import type { Rule } from '../../core/index.ts';
import { kubernetesAnalyzer } from '../analyzer.ts';
import { noRemovedApiVersion } from './no-removed-api-version.ts';

const tester = { analyzer: kubernetesAnalyzer, path: 'deploy.yaml' } as const;

runRuleTests(noRemovedApiVersion, tester, {
  pass: [
    'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web}\n',
    'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: nightly}\n',
    'apiVersion: v1\nkind: Endpoints\nmetadata: {name: deprecated-not-removed}\n',
    'apiVersion: example.com/v1beta1\nkind: Ingress\nmetadata: {name: custom}\n',
  ],
  fail: [
    {
      code: 'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata: {name: web}\n',
      findings: [{ messageId: 'removed', line: 1, column: 13, endColumn: 31, message: 'Ingress "extensions/v1beta1" was removed in Kubernetes 1.22 (target 1.36); use networking.k8s.io/v1.' }],
    },
    {
      code: 'apiVersion: policy/v1beta1\nkind: PodSecurityPolicy\nmetadata: {name: restricted}\n',
      findings: [{ messageId: 'removed', line: 1, column: 13, endColumn: 27, message: 'PodSecurityPolicy "policy/v1beta1" was removed in Kubernetes 1.25 (target 1.36); use Pod Security Admission (there is no API replacement).' }],
    },
    {
      code: 'apiVersion: "flowcontrol.apiserver.k8s.io/v1beta3"\nkind: FlowSchema\nmetadata: {name: fs}\n',
      findings: [{ messageId: 'removed', line: 1, column: 13, endColumn: 51 }],
    },
    {
      code: 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: autoscaling/v2beta2\n    kind: HorizontalPodAutoscaler\n    metadata: {name: web}\n',
      findings: [{ messageId: 'removed', line: 4, column: 17, endColumn: 36, message: 'HorizontalPodAutoscaler "autoscaling/v2beta2" was removed in Kubernetes 1.26 (target 1.36); use autoscaling/v2.' }],
    },
  ],
});

/** Findings of the rule configured for a target release. */
function atTarget(kubernetesVersion: string, code: string): string[] {
  const configured = noRemovedApiVersion.configure({ kubernetesVersion });
  const rule: Rule = configured.ok ? configured.value : assert.fail(`configure ${kubernetesVersion}`);
  return findingsOf(rule, tester, code).map((finding) => finding.message);
}

describe('no-removed-api-version: version boundaries', () => {
  const cases = [
    { target: '1.21', code: 'apiVersion: extensions/v1beta1\nkind: Ingress\n', removed: false },
    { target: '1.22', code: 'apiVersion: extensions/v1beta1\nkind: Ingress\n', removed: true },
    { target: 'v1.24.3', code: 'apiVersion: batch/v1beta1\nkind: CronJob\n', removed: false },
    { target: '1.25', code: 'apiVersion: batch/v1beta1\nkind: CronJob\n', removed: true },
    { target: '1.25', code: 'apiVersion: autoscaling/v2beta2\nkind: HorizontalPodAutoscaler\n', removed: false },
    { target: '1.26', code: 'apiVersion: autoscaling/v2beta2\nkind: HorizontalPodAutoscaler\n', removed: true },
    { target: '1.15', code: 'apiVersion: extensions/v1beta1\nkind: Deployment\n', removed: false },
    { target: '1.16', code: 'apiVersion: extensions/v1beta1\nkind: Deployment\n', removed: true },
    { target: '1.31', code: 'apiVersion: flowcontrol.apiserver.k8s.io/v1beta3\nkind: PriorityLevelConfiguration\n', removed: false },
    { target: '1.32', code: 'apiVersion: flowcontrol.apiserver.k8s.io/v1beta3\nkind: PriorityLevelConfiguration\n', removed: true },
  ] as const;
  for (const { target, code, removed } of cases) {
    it(`${code.split('\n')[0]} at ${target}: ${removed ? 'removed' : 'still served'}`, () => {
      assert.equal(atTarget(target, `${code}metadata: {name: x}\n`).length, removed ? 1 : 0);
    });
  }

  it('names the target in the message', () => {
    assert.deepEqual(atTarget('1.25.0', 'apiVersion: batch/v1beta1\nkind: CronJob\nmetadata: {name: x}\n'), ['CronJob "batch/v1beta1" was removed in Kubernetes 1.25 (target 1.25.0); use batch/v1.']);
  });

  it('refuses a target that is not a Kubernetes 1.N release', () => {
    for (const kubernetesVersion of ['latest', '2.0', '1', 'v1.x', '']) assert.equal(noRemovedApiVersion.configure({ kubernetesVersion }).ok, false, kubernetesVersion);
  });
});
