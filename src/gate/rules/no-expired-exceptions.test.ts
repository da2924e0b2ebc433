import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ExceptionEntry } from '../exceptions.ts';
import { describeWaiver, expiredExceptionRule } from './no-expired-exceptions.ts';

const BASE: ExceptionEntry = {
  selector: { kind: 'rule', rule: 'K8S-0001' },
  reason: 'r',
  owner: 'o',
  expires: '2027-03-31',
  source: { path: '.palisade/exceptions.yaml', startLine: 2 },
};

describe('describeWaiver', () => {
  const cases: readonly { entry: ExceptionEntry; text: string }[] = [
    { entry: BASE, text: 'rule "K8S-0001"' },
    { entry: { ...BASE, selector: { kind: 'vulnerability', vulnerability: 'CVE-2021-23337' } }, text: 'vulnerability CVE-2021-23337' },
    { entry: { ...BASE, paths: ['a/**', 'b'] }, text: 'rule "K8S-0001" in a/**, b' },
    { entry: { ...BASE, object: { kind: 'Deployment', namespace: 'shop', name: 'web' } }, text: 'rule "K8S-0001" on Deployment shop/web' },
    { entry: { ...BASE, object: { apiVersion: 'apps/v1', kind: 'Deployment' } }, text: 'rule "K8S-0001" on apps/v1 Deployment' },
    { entry: { ...BASE, object: { name: 'web' } }, text: 'rule "K8S-0001" on object web' },
    { entry: { ...BASE, object: { namespace: 'shop' } }, text: 'rule "K8S-0001" on object in namespace shop' },
    { entry: { ...BASE, object: { kind: 'Pod', namespace: 'shop' } }, text: 'rule "K8S-0001" on Pod in namespace shop' },
    { entry: { ...BASE, paths: ['k8s/*'], object: { name: 'web' }, package: 'lodash' }, text: 'rule "K8S-0001" in k8s/* on object web in package lodash' },
  ];
  for (const testCase of cases) {
    it(testCase.text, () => assert.equal(describeWaiver(testCase.entry), testCase.text));
  }
});

describe('expiredExceptionRule', () => {
  it('is the gate’s GATE-0001 policy rule', () => {
    assert.deepEqual(
      [expiredExceptionRule.id, expiredExceptionRule.slug, expiredExceptionRule.severity, expiredExceptionRule.kind, Object.keys(expiredExceptionRule.messages)],
      ['GATE-0001', 'no-expired-exceptions', 'medium', 'policy', ['expired']],
    );
  });
});
