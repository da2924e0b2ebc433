import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nullThrows } from '../../core/index.ts';
import { officialSarifValidator, sarifSchemaMissing } from '../../../test/sarif-schema.ts';
import { buildComplianceReport } from './model.ts';
import { renderComplianceSarif } from './sarif.ts';
import { database, demoChecks, demoFramework, finding, repoReport, report } from './__fixtures__/reports.ts';

const object = { apiVersion: 'v1', kind: 'Pod', namespace: 'shop', name: 'web' };
const result = buildComplianceReport({
  framework: demoFramework,
  targets: [
    { report: repoReport, checksRun: ['DKR-0001', 'DKR-0002', 'GATE-0001'] },
    { report: report('k8s', [finding('K8S-0001', 'pod.yaml', 4, { location: { path: 'pod.yaml', startLine: 4, object } })]), checksRun: ['K8S-0001', 'scanner:vuln'] },
  ],
  checks: demoChecks,
  generatedAt: '2026-11-27T10:00:00.000Z',
  database,
});

interface Run {
  tool: { driver: { rules: { id: string; properties: { status: string; automation: string; checks: string[] } }[] } };
  results: { ruleId: string; ruleIndex: number; level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region?: { startLine: number } }; logicalLocations?: { fullyQualifiedName: string }[] }[]; suppressions?: { kind: string; justification?: string; properties: Record<string, unknown> }[] }[];
  originalUriBaseIds: Record<string, { description: { text: string } }>;
  properties: { summary: Record<string, number> };
}

function firstRun(text: string): Run {
  // JSON.parse gives `any`; the fields the tests read are asserted one by one below.
  const log: { runs: Run[] } = JSON.parse(text);
  assert.equal(log.runs.length, 1);
  return nullThrows(log.runs[0], 'the SARIF log has a run');
}

describe('renderComplianceSarif', () => {
  const run = firstRun(renderComplianceSarif(result));

  it('has one rule per control, carrying its status, automation and checks', () => {
    assert.deepEqual(
      run.tool.driver.rules.map((rule) => [rule.id, rule.properties.status, rule.properties.automation, rule.properties.checks]),
      [
        ['1.1', 'fail', 'automated', ['DKR-0001', 'K8S-0002']],
        ['1.2', 'waived', 'partial', ['DKR-0002']],
        ['1.3', 'fail', 'automated', ['K8S-0001']],
        ['1.4', 'manual', 'manual', []],
        ['1.5', 'pass', 'partial', ['scanner:vuln']],
        ['1.6', 'manual', 'partial', []],
      ],
    );
    assert.deepEqual(run.properties.summary, { fail: 2, waived: 1, pass: 1, manual: 2, 'not-applicable': 0, total: 6 });
  });

  it('has one result per evidence, located in its target, waived ones suppressed with the exception', () => {
    assert.deepEqual(
      run.results.map((entry) => [entry.ruleId, entry.ruleIndex, entry.level, entry.locations[0]?.physicalLocation.artifactLocation.uri, entry.locations[0]?.physicalLocation.artifactLocation.uriBaseId, entry.locations[0]?.physicalLocation.region?.startLine]),
      [
        ['1.1', 0, 'error', 'Dockerfile', '%SRCROOT%', 5],
        ['1.2', 1, 'error', 'Dockerfile', '%SRCROOT%', 1],
        ['1.3', 2, 'error', 'pod.yaml', 'TARGET1', 4],
      ],
    );
    assert.equal(run.results[0]?.message.text, 'DKR-0001: Message of DKR-0001 at Dockerfile:5.');
    assert.equal(run.results[0]?.suppressions, undefined);
    assert.deepEqual(run.results[1]?.suppressions, [
      { kind: 'external', status: 'accepted', justification: 'Vendor image, fixed in Q3', properties: { kind: 'exception', owner: 'alice', reason: 'Vendor image, fixed in Q3', ticket: 'SEC-42', expires: '2027-01-31', source: '.palisade/exceptions.yaml:4' } },
    ]);
    assert.equal(run.results[2]?.locations[0]?.logicalLocations?.[0]?.fullyQualifiedName, 'Pod/shop/web');
    assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { description: { text: '.' } }, TARGET1: { description: { text: 'k8s' } } });
  });

  it('validates against the official SARIF 2.1.0 schema', { skip: sarifSchemaMissing }, () => {
    assert.deepEqual(officialSarifValidator()(JSON.parse(renderComplianceSarif(result))), []);
  });
});
