import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findingsOf, runRuleTests } from '../../../test/rule-tester.ts';
import type { Rule } from '../../core/index.ts';
import { kubernetesAnalyzer } from '../analyzer.ts';
import { noDeprecatedApiVersion } from './no-deprecated-api-version.ts';

const tester = { analyzer: kubernetesAnalyzer, path: 'deploy.yaml' } as const;

runRuleTests(noDeprecatedApiVersion, tester, {
  pass: [
    'apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata: {name: web}\n',
    'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata: {name: removed-not-deprecated-at-1.36}\n',
  ],
  fail: [
    {
      code: 'apiVersion: v1\nkind: Endpoints\nmetadata: {name: web}\n',
      findings: [{ messageId: 'deprecated', line: 1, column: 13, endColumn: 15, message: 'Endpoints "v1" is deprecated since Kubernetes 1.33; use discovery.k8s.io/v1 EndpointSlice.' }],
    },
  ],
});

function atTarget(kubernetesVersion: string, code: string): string[] {
  const configured = noDeprecatedApiVersion.configure({ kubernetesVersion });
  const rule: Rule = configured.ok ? configured.value : assert.fail(`configure ${kubernetesVersion}`);
  return findingsOf(rule, tester, `${code}metadata: {name: x}\n`).map((finding) => finding.message);
}

describe('no-deprecated-api-version: version boundaries', () => {
  it('reports a deprecated version from its deprecation release until the release before its removal', () => {
    const ingress = 'apiVersion: extensions/v1beta1\nkind: Ingress\n';
    assert.deepEqual(atTarget('1.13', ingress), []);
    assert.deepEqual(atTarget('1.14', ingress), ['Ingress "extensions/v1beta1" is deprecated since Kubernetes 1.14 and removed in 1.22; use networking.k8s.io/v1.']);
    assert.deepEqual(atTarget('1.21', ingress).length, 1);
    assert.deepEqual(atTarget('1.22', ingress), []);
  });

  it('follows each boundary of the table', () => {
    const cronJob = 'apiVersion: batch/v1beta1\nkind: CronJob\n';
    assert.deepEqual([atTarget('1.20', cronJob).length, atTarget('1.21', cronJob).length, atTarget('1.24', cronJob).length, atTarget('1.25', cronJob).length], [0, 1, 1, 0]);
    const endpoints = 'apiVersion: v1\nkind: Endpoints\n';
    assert.deepEqual([atTarget('1.32', endpoints).length, atTarget('1.33', endpoints).length], [0, 1]);
    const runtimeClass = 'apiVersion: node.k8s.io/v1beta1\nkind: RuntimeClass\n';
    assert.deepEqual(atTarget('1.24', runtimeClass), [], 'no deprecation release is recorded: only the removal is reported');
  });
});
