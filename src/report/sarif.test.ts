import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { URI_REFERENCE, officialSarifValidator, sarifSchemaMissing } from '../../test/sarif-schema.ts';
import type { Report } from '../core/index.ts';
import { canonicalReport, cleanReport, kubernetesFinding, noLatestTagRule, vulnerabilityFinding } from './__fixtures__/report.ts';
import { SARIF_SCHEMA_URI, encodePath, sarifReportParts, sarifReporter } from './sarif.ts';
import { SARIF_LEVELS, SECURITY_SEVERITY } from './sarif-rules.ts';

const options = { color: false };
/** The parsed SARIF log, read through JSON (so the test sees what a consumer sees). */
function sarifOf(report: Report): SarifLogShape {
  return JSON.parse(sarifReporter(report, options));
}

// The parts of a SARIF log these tests read (JSON.parse gives `any`; this names what is asserted).
interface SarifLogShape {
  $schema: string;
  version: string;
  runs: {
    tool: { driver: { name: string; version: string; semanticVersion: string; informationUri: string; rules: Record<string, unknown>[] } };
    invocations: { executionSuccessful: boolean; toolExecutionNotifications: unknown[] }[];
    columnKind: string;
    results: Record<string, unknown>[];
  }[];
}

function runOf(report: Report): SarifLogShape['runs'][number] {
  const run = sarifOf(report).runs[0];
  assert.ok(run !== undefined);
  return run;
}

describe('sarifReporter', () => {
  it('validates against the official SARIF 2.1.0 schema', { skip: sarifSchemaMissing }, () => {
    const validate = officialSarifValidator();
    assert.deepEqual(validate(sarifOf(canonicalReport)), []);
    assert.deepEqual(validate(sarifOf(cleanReport)), []);
    assert.deepEqual(validate(sarifOf({ ...canonicalReport, rules: [] })), []);
  });

  it('the schema check itself rejects a broken log', { skip: sarifSchemaMissing }, () => {
    const validate = officialSarifValidator();
    const log = sarifOf(canonicalReport);
    assert.notDeepEqual(validate({ ...log, version: '2.0.0' }), []);
    assert.notDeepEqual(validate({ ...log, runs: [{ results: [] }] }), []);
  });

  it('writes the log header, one run and the driver', () => {
    const log = sarifOf(canonicalReport);
    assert.equal(log.$schema, SARIF_SCHEMA_URI);
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs.length, 1);
    const run = runOf(canonicalReport);
    assert.deepEqual(
      { ...run.tool.driver, rules: run.tool.driver.rules.map((rule) => rule['id']) },
      {
        name: 'palisade',
        version: '0.1.0',
        semanticVersion: '0.1.0',
        informationUri: 'https://github.com/palisade-dev/palisade',
        rules: ['DKR-0001', 'DKR-0002', 'K8S-0001', 'VLN-0001'],
      },
    );
    assert.equal(run.columnKind, 'utf16CodeUnits');
  });

  it('describes each rule as GitHub code scanning reads it', () => {
    assert.deepEqual(runOf(canonicalReport).tool.driver.rules[0], {
      id: 'DKR-0001',
      name: 'no-latest-tag',
      shortDescription: { text: 'Base image uses a mutable tag' },
      fullDescription: { text: 'A FROM line without a tag, or with `latest`, can resolve to a different image on every build.' },
      help: {
        text:
          'A FROM line without a tag, or with `latest`, can resolve to a different image on every build.\n\n' +
          'Remediation: Pin the base image to a version tag or, better, to a digest.\n\n' +
          'References:\n- https://docs.docker.com/reference/dockerfile/#from',
        markdown:
          'A FROM line without a tag, or with `latest`, can resolve to a different image on every build.\n\n' +
          '**Remediation:** Pin the base image to a version tag or, better, to a digest.\n\n' +
          '**References:**\n\n- <https://docs.docker.com/reference/dockerfile/#from>\n\n' +
          '**Compliance:** `cis-docker-1.6:4.2`, `nist-800-190:4.1.5`',
      },
      helpUri: 'https://github.com/palisade-dev/palisade/blob/main/docs/rules/no-latest-tag.md',
      defaultConfiguration: { level: 'error' },
      properties: {
        tags: ['security', 'misconfig', 'cis-docker-1.6:4.2', 'nist-800-190:4.1.5'],
        'security-severity': '8.0',
        precision: 'high',
        compliance: ['cis-docker-1.6:4.2', 'nist-800-190:4.1.5'],
        aliases: ['hadolint:DL3007'],
      },
    });
  });

  it('maps severities to levels and GitHub security-severity scores', () => {
    assert.deepEqual(SARIF_LEVELS, { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' });
    assert.deepEqual(SECURITY_SEVERITY, { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '0.0' });
    const rules = runOf(canonicalReport).tool.driver.rules;
    assert.deepEqual(
      rules.map((rule) => [rule['id'], rule['defaultConfiguration'], Reflect.get(Object(rule['properties']), 'security-severity')]),
      [
        ['DKR-0001', { level: 'error' }, '8.0'],
        ['DKR-0002', { level: 'warning' }, '5.5'],
        ['K8S-0001', { level: 'error' }, '9.5'],
        ['VLN-0001', { level: 'error' }, '8.0'],
      ],
    );
  });

  it('writes one result per finding with rule index, level, message, region and fingerprint', () => {
    const results = runOf(canonicalReport).results;
    assert.deepEqual(
      results.map((result) => [result['ruleId'], result['ruleIndex'], result['level'], result['partialFingerprints']]),
      [
        ['DKR-0001', 0, 'error', { 'palisadeFingerprint/v1': '3f2a9c1e5b7d4e8f9a0b1c2d3e4f5a6b' }],
        ['K8S-0001', 2, 'error', { 'palisadeFingerprint/v1': '9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b' }],
        ['VLN-0001', 3, 'error', { 'palisadeFingerprint/v1': 'a1b2c3d4e5f60718293a4b5c6d7e8f90' }],
        ['DKR-0002', 1, 'warning', { 'palisadeFingerprint/v1': 'ffeeddccbbaa99887766554433221100' }],
        ['DKR-0001', 0, 'error', { 'palisadeFingerprint/v1': '0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f' }],
      ],
    );
    assert.deepEqual(results[0], {
      ruleId: 'DKR-0001',
      ruleIndex: 0,
      level: 'error',
      message: { text: 'Image "node:latest" resolves to the mutable tag "latest".' },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'services/caf%C3%A9%20api/Dockerfile', uriBaseId: '%SRCROOT%' },
            region: { startLine: 1, startColumn: 11, endLine: 1, endColumn: 17 },
          },
        },
      ],
      partialFingerprints: { 'palisadeFingerprint/v1': '3f2a9c1e5b7d4e8f9a0b1c2d3e4f5a6b' },
      properties: { severity: 'high', kind: 'misconfig', messageId: 'mutableTag', evidence: 'latest' },
    });
  });

  it('puts the Kubernetes object in logicalLocations and the JSON pointer in properties', () => {
    assert.deepEqual(runOf(canonicalReport).results[1]?.['locations'], [
      {
        physicalLocation: {
          artifactLocation: { uri: 'deploy/app.yaml', uriBaseId: '%SRCROOT%' },
          region: { startLine: 21, startColumn: 25, endLine: 21, endColumn: 29 },
        },
        logicalLocations: [{ name: 'web', fullyQualifiedName: 'apps/v1 Deployment prod/web', kind: 'resource' }],
        properties: {
          kubernetesObject: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'prod', name: 'web' },
          jsonPointer: '/spec/template/spec/containers/0/securityContext/privileged',
        },
      },
    ]);
  });

  it('carries package and vulnerability data in the result properties', () => {
    assert.deepEqual(runOf(canonicalReport).results[2]?.['properties'], {
      severity: 'high',
      kind: 'vulnerability',
      messageId: 'vulnerable',
      package: vulnerabilityFinding.package,
      vulnerability: vulnerabilityFinding.vulnerability,
    });
  });

  it('marks waived findings with an accepted suppression', () => {
    assert.deepEqual(runOf(canonicalReport).results[3]?.['suppressions'], [
      {
        kind: 'external',
        status: 'accepted',
        justification: 'Build stage only | final image is "distroless" & <nonroot>',
        location: {
          physicalLocation: {
            artifactLocation: { uri: '.palisade/exceptions.yaml', uriBaseId: '%SRCROOT%' },
            region: { startLine: 4, startColumn: 3, endLine: 8, endColumn: 1 },
          },
        },
        properties: { palisadeKind: 'exception', owner: 'platform-team', ticket: 'SEC-123', expires: '2026-12-31' },
      },
    ]);
    const unwaived = runOf(canonicalReport).results.filter((result) => result['suppressions'] === undefined);
    assert.equal(unwaived.length, 4);
  });

  const suppressionKinds = [
    { kind: 'inline', sarif: 'inSource', justification: 'inline' },
    { kind: 'baseline', sarif: 'external', justification: 'baseline' },
    { kind: 'exception', sarif: 'external', justification: 'exception' },
  ] as const;
  for (const { kind, sarif, justification } of suppressionKinds) {
    it(`maps a ${kind} suppression to kind ${sarif}`, () => {
      const report: Report = { ...cleanReport, findings: [{ ...kubernetesFinding, suppression: { kind } }], rules: [] };
      assert.deepEqual(runOf(report).results[0]?.['suppressions'], [{ kind: sarif, status: 'accepted', justification, properties: { palisadeKind: kind } }]);
    });
  }

  it('reports scan errors as tool execution notifications with their file location', () => {
    assert.deepEqual(runOf(canonicalReport).invocations, [
      {
        executionSuccessful: false,
        toolExecutionNotifications: [
          {
            level: 'error',
            message: { text: 'Unexpected "<" & "\u001b[31m" in a block mapping\u202e: bad indentation' },
            descriptor: { id: 'PARSE_FAILED' },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: 'deploy/broken.yaml', uriBaseId: '%SRCROOT%' },
                  region: { startLine: 3, startColumn: 5 },
                },
              },
            ],
          },
        ],
      },
    ]);
    assert.deepEqual(runOf(cleanReport).invocations, [{ executionSuccessful: true, toolExecutionNotifications: [] }]);
  });

  it('omits region fields that are unknown, and the region without a start line', () => {
    const located = (location: Report['findings'][number]['location']): unknown => {
      const report: Report = { ...cleanReport, findings: [{ ...vulnerabilityFinding, location }], rules: [] };
      return Reflect.get(Object(runOf(report).results[0]?.['locations']), 0);
    };
    assert.deepEqual(located({ path: 'usr/lib/os-release' }), {
      physicalLocation: { artifactLocation: { uri: 'usr/lib/os-release', uriBaseId: '%SRCROOT%' } },
    });
    assert.deepEqual(located({ path: 'a.json', startLine: 7 }), {
      physicalLocation: { artifactLocation: { uri: 'a.json', uriBaseId: '%SRCROOT%' }, region: { startLine: 7 } },
    });
    assert.deepEqual(located({ path: 'a.json', startLine: 7, startColumn: 2, endLine: 9 }), {
      physicalLocation: { artifactLocation: { uri: 'a.json', uriBaseId: '%SRCROOT%' }, region: { startLine: 7, startColumn: 2, endLine: 9 } },
    });
  });

  it('describes a rule from the finding when the report lacks its metadata', () => {
    const run = runOf({ ...canonicalReport, rules: [noLatestTagRule] });
    assert.deepEqual(
      run.tool.driver.rules.map((rule) => rule['id']),
      ['DKR-0001', 'DKR-0002', 'K8S-0001', 'VLN-0001'],
    );
    assert.deepEqual(run.tool.driver.rules[3], {
      id: 'VLN-0001',
      name: 'no-vulnerable-packages',
      shortDescription: { text: 'Package has a known vulnerability' },
      fullDescription: { text: 'Package has a known vulnerability' },
      help: {
        text: 'Package has a known vulnerability\n\nRemediation: Upgrade the package to a fixed version.',
        markdown: 'Package has a known vulnerability\n\n**Remediation:** Upgrade the package to a fixed version.\n\n**Compliance:** `nist-800-190:4.1.1`, `pci-dss-4.0:6.3.3`',
      },
      helpUri: 'https://osv.dev/vulnerability/GHSA-35jh-r3h4-6jhm',
      defaultConfiguration: { level: 'error' },
      properties: {
        tags: ['security', 'vulnerability', 'nist-800-190:4.1.1', 'pci-dss-4.0:6.3.3'],
        'security-severity': '8.0',
        precision: 'high',
        compliance: ['nist-800-190:4.1.1', 'pci-dss-4.0:6.3.3'],
      },
    });
    assert.deepEqual(run.results.map((result) => result['ruleIndex']), [0, 2, 3, 1, 0]);
  });

  it('respects GitHub limits: 10 distinct tags, 1024-character descriptions, 255-character names', () => {
    const compliance = Array.from({ length: 12 }, (_, index) => `hipaa:control-${index}`);
    const rule = { ...noLatestTagRule, slug: 'x'.repeat(300), title: 't'.repeat(2000), description: 'd'.repeat(2000), compliance: ['hipaa:a', 'hipaa:a', ...compliance] };
    const descriptor = runOf({ ...cleanReport, rules: [rule] }).tool.driver.rules[0] ?? {};
    const tags: unknown = Reflect.get(Object(descriptor['properties']), 'tags');
    assert.ok(Array.isArray(tags));
    assert.deepEqual(tags.slice(0, 4), ['security', 'misconfig', 'hipaa:a', 'hipaa:control-0']);
    assert.equal(tags.length, 10);
    assert.equal(String(descriptor['name']).length, 255);
    assert.equal(String(Reflect.get(Object(descriptor['shortDescription']), 'text')).length, 1024);
    assert.equal(String(Reflect.get(Object(descriptor['fullDescription']), 'text')).length, 1024);
  });
});

describe('sarifReportParts', () => {
  it('gives, piece by piece, exactly the text of sarifReporter', () => {
    for (const report of [canonicalReport, cleanReport, { ...canonicalReport, findings: [] }, { ...canonicalReport, errors: [] }]) {
      const parts = [...sarifReportParts(report)];
      assert.equal(parts.join(''), sarifReporter(report, options));
      assert.equal(parts.length, report.findings.length === 0 ? 1 : report.findings.length + 2);
    }
  });
});

describe('encodePath', () => {
  const cases = [
    ['Dockerfile', 'Dockerfile'],
    ['deploy/app.yaml', 'deploy/app.yaml'],
    ['services/café api/Dockerfile', 'services/caf%C3%A9%20api/Dockerfile'],
    ['a#b?c%d/e:f', 'a%23b%3Fc%25d/e%3Af'],
    ['weird\u0000\ud800name', 'weird%00%EF%BF%BDname'],
  ] as const;
  for (const [path, uri] of cases) {
    it(`${JSON.stringify(path)} → ${uri}`, () => {
      assert.equal(encodePath(path), uri);
      assert.match(encodePath(path), URI_REFERENCE);
    });
  }
});
