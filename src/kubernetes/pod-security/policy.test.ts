import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { minorOf, policyFromLabels, policyName, resolveMinor } from './policy.ts';

describe('minorOf / resolveMinor', () => {
  const cases = [
    { version: 'v1.0', minor: 0, resolved: 0 },
    { version: 'v1.29', minor: 29, resolved: 29 },
    { version: 'v1.37', minor: 37, resolved: 37 },
    { version: 'v1.99', minor: 99, resolved: 37 },
    { version: 'latest', minor: undefined, resolved: 37 },
    { version: 'v1.01', minor: undefined, resolved: 37 },
    { version: 'v2.0', minor: undefined, resolved: 37 },
    { version: '1.29', minor: undefined, resolved: 37 },
  ] as const;
  for (const { version, minor, resolved } of cases) {
    it(`${version} → ${String(minor)} → ${resolved}`, () => {
      assert.equal(minorOf(version), minor);
      assert.equal(resolveMinor(version, 37), resolved);
    });
  }
});

describe('policyFromLabels (upstream PolicyToEvaluate, enforce labels)', () => {
  const defaults = { level: 'restricted', version: 'latest' } as const;
  const cases = [
    { labels: undefined, expected: 'restricted:latest' },
    { labels: {}, expected: 'restricted:latest' },
    { labels: { 'pod-security.kubernetes.io/enforce': 'baseline' }, expected: 'baseline:latest' },
    { labels: { 'pod-security.kubernetes.io/enforce': 'privileged' }, expected: 'privileged:latest' },
    { labels: { 'pod-security.kubernetes.io/enforce': 'baseline', 'pod-security.kubernetes.io/enforce-version': 'v1.24' }, expected: 'baseline:v1.24' },
    { labels: { 'pod-security.kubernetes.io/enforce-version': 'v1.24' }, expected: 'restricted:v1.24' },
    { labels: { 'pod-security.kubernetes.io/enforce': 'Baseline' }, expected: 'restricted:latest' },
    { labels: { 'pod-security.kubernetes.io/enforce': 'baseline', 'pod-security.kubernetes.io/enforce-version': '1.24' }, expected: 'baseline:latest' },
    { labels: { 'pod-security.kubernetes.io/enforce': true }, expected: 'restricted:latest' },
    { labels: { 'pod-security.kubernetes.io/warn': 'privileged', 'pod-security.kubernetes.io/audit': 'privileged' }, expected: 'restricted:latest' },
  ] as const;
  for (const { labels, expected } of cases) {
    it(`${JSON.stringify(labels)} → ${expected}`, () => {
      assert.equal(policyName(policyFromLabels(labels, defaults)), expected);
    });
  }
  it('keeps the defaults of the options where no label is set', () => {
    assert.equal(policyName(policyFromLabels({ other: 'x' }, { level: 'baseline', version: 'v1.30' })), 'baseline:v1.30');
  });
});
