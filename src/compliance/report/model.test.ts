import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildComplianceReport } from './model.ts';
import { database, demoChecks, demoFramework, finding, repoReport, report } from './__fixtures__/reports.ts';

const generatedAt = '2026-11-27T10:00:00.000Z';
const build = (targets: Parameters<typeof buildComplianceReport>[0]['targets']) => buildComplianceReport({ framework: demoFramework, targets, checks: demoChecks, generatedAt });
const statuses = (result: ReturnType<typeof build>) => Object.fromEntries(result.controls.map((control) => [control.id, control.status]));

describe('buildComplianceReport', () => {
  it('gives each control fail, waived, pass, manual or not applicable', () => {
    const result = build([{ report: repoReport, checksRun: ['DKR-0001', 'DKR-0002', 'GATE-0001'] }]);
    assert.deepEqual(statuses(result), { '1.1': 'fail', '1.2': 'waived', '1.3': 'not-applicable', '1.4': 'manual', '1.5': 'not-applicable', '1.6': 'manual' });
    assert.deepEqual(result.summary, { fail: 1, waived: 1, pass: 0, manual: 2, 'not-applicable': 2, total: 6 });
  });

  it('passes a control whose checks ran on some target and found nothing', () => {
    const result = build([
      { report: repoReport, checksRun: ['DKR-0001', 'DKR-0002'] },
      { report: report('k8s', []), checksRun: ['K8S-0001', 'K8S-0002', 'scanner:vuln'] },
    ]);
    assert.equal(statuses(result)['1.3'], 'pass');
    assert.equal(statuses(result)['1.5'], 'pass');
    assert.deepEqual(result.controls.find((control) => control.id === '1.1')?.checks, [
      { id: 'DKR-0001', title: 'Container runs as root', ran: true },
      { id: 'K8S-0002', title: 'Pod runs as root', ran: true },
    ]);
    assert.deepEqual(result.ruleSet, ['DKR-0001', 'DKR-0002', 'K8S-0001', 'K8S-0002', 'scanner:vuln']);
  });

  it('shows findings as evidence with target, path, line and Kubernetes object', () => {
    const object = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' };
    const k8s = report('deploy', [finding('K8S-0001', 'web.yaml', 12, { location: { path: 'web.yaml', startLine: 12, object } })]);
    const control = build([{ report: k8s, checksRun: ['K8S-0001'] }]).controls.find((candidate) => candidate.id === '1.3');
    assert.deepEqual(control?.evidence, [{ target: 'deploy', ruleId: 'K8S-0001', severity: 'high', title: 'Title of K8S-0001', message: 'Message of K8S-0001 at web.yaml:12.', path: 'web.yaml', line: 12, object }]);
  });

  it('lists the exceptions in force (once each) and the expired ones', () => {
    const result = build([{ report: repoReport, checksRun: [] }]);
    assert.deepEqual(result.exceptionsInForce, [{ kind: 'exception', owner: 'alice', reason: 'Vendor image, fixed in Q3', ticket: 'SEC-42', expires: '2027-01-31', source: '.palisade/exceptions.yaml:4' }]);
    assert.deepEqual(result.expiredExceptions.map((item) => [item.ruleId, item.path, item.line]), [['GATE-0001', '.palisade/exceptions.yaml', 9]]);
    assert.equal(result.controls.find((control) => control.id === '1.2')?.evidence[0]?.waiver?.owner, 'alice');
  });

  it('fails a control when one finding is waived and another is not', () => {
    const mixed = report('.', [finding('DKR-0002', 'a/Dockerfile', 1, { suppression: { kind: 'inline', reason: 'test image' } }), finding('DKR-0002', 'b/Dockerfile', 1)]);
    assert.equal(statuses(build([{ report: mixed, checksRun: ['DKR-0002'] }]))['1.2'], 'fail');
  });

  it('counts a finding by its own compliance ids and by vulnerability kind, even without a rule', () => {
    const policy = finding('POL-0001', 'policy.yaml', 3, { kind: 'policy', compliance: ['demo-1.0:1.6'] });
    const vuln = finding('GHSA-xvch-5gv4-984h', 'package-lock.json', 40, { kind: 'vulnerability' });
    const result = build([{ report: report('.', [policy, vuln]), checksRun: [] }]);
    assert.equal(statuses(result)['1.6'], 'fail');
    assert.equal(statuses(result)['1.5'], 'fail');
  });

  it('records the framework, tool, timestamp and targets', () => {
    const result = build([{ report: repoReport, checksRun: ['DKR-0001'] }]);
    assert.deepEqual(result.framework, { id: 'demo-1.0', title: 'Demo Benchmark v1.0', url: 'https://example.com/demo' });
    assert.deepEqual(result.tool, { name: 'palisade', version: '0.1.0' });
    assert.equal(result.generatedAt, generatedAt);
    assert.deepEqual(result.targets, [{ target: '.', filesScanned: 3, findings: 3, errors: 0, checksRun: 1 }]);
  });

  it('records the advisory database only when given', () => {
    assert.equal('database' in build([]), false);
    const result = buildComplianceReport({ framework: demoFramework, targets: [], checks: demoChecks, generatedAt, database });
    assert.deepEqual(result.database, database);
  });

  it('evaluates an empty target list to not applicable and manual controls', () => {
    assert.deepEqual(build([]).summary, { fail: 0, waived: 0, pass: 0, manual: 2, 'not-applicable': 4, total: 6 });
  });
});
