import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Ajv } from 'ajv';
import type { Finding, Report } from '../core/index.ts';
import { gitlabSastReporter } from './gitlab-sast.ts';

const NOW = new Date('2026-11-27T12:34:56.789Z');

function finding(overrides: Partial<Finding>): Finding {
  return {
    ruleId: 'DKR-0002', slug: 'no-latest-tag', messageId: 'latestTag', aliases: ['hadolint:DL3007', 'trivy:DS001'], kind: 'misconfig', severity: 'medium',
    title: 'Base image uses the latest tag', message: 'Base image "node:latest" uses the mutable tag "latest".', location: { path: 'Dockerfile', startLine: 1, startColumn: 6, endLine: 1, endColumn: 17 },
    compliance: [], fingerprint: 'fp-1', remediation: 'Replace `latest` with a version tag.', helpUri: 'https://github.com/palisade-dev/palisade/blob/main/docs/rules/no-latest-tag.md', ...overrides,
  };
}

/** A finding with no remediation and no help link (advisories without them). */
function bare(value: Finding): Finding {
  const { helpUri: _helpUri, remediation: _remediation, ...rest } = value;
  return rest;
}

const REPORT: Report = {
  schemaVersion: '1.0.0', tool: { name: 'palisade', version: '0.1.0' }, target: '.',
  findings: [
    finding({}),
    bare(finding({
      ruleId: 'GHSA-35jh-r3h4-6jhm', slug: 'GHSA-35jh-r3h4-6jhm', aliases: [], kind: 'vulnerability', severity: 'high', fingerprint: 'fp-2',
      location: { path: 'package-lock.json', startLine: 252, endLine: 256 },
      vulnerability: { id: 'GHSA-35jh-r3h4-6jhm', aliases: ['CVE-2021-23337'], fixedVersions: ['4.17.21'] },
    })),
    finding({ fingerprint: 'fp-3', location: { path: 'k8s/app.yaml' }, aliases: [] }),
    finding({ fingerprint: 'fp-4', suppression: { kind: 'inline', reason: 'test image' } }),
  ],
  errors: [], summary: { bySeverity: { critical: 0, high: 1, medium: 2, low: 0, info: 0 }, total: 3, suppressed: 1, failOn: 'high', failing: 1, filesScanned: 3 }, rules: [],
};

// The parts of GitLab's SAST report schema (security-report-schemas 15.x) a report must satisfy.
const SCHEMA = {
  type: 'object', required: ['version', 'scan', 'vulnerabilities'],
  properties: {
    version: { type: 'string', pattern: '^15\\.\\d+\\.\\d+$' },
    scan: {
      type: 'object', required: ['analyzer', 'scanner', 'type', 'start_time', 'end_time', 'status'],
      properties: {
        analyzer: { $ref: '#/definitions/tool' }, scanner: { $ref: '#/definitions/tool' }, type: { const: 'sast' }, status: { enum: ['success', 'failure'] },
        start_time: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}$' }, end_time: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}$' },
      },
    },
    vulnerabilities: {
      type: 'array',
      items: {
        type: 'object', required: ['id', 'identifiers', 'location'], additionalProperties: false,
        properties: {
          id: { type: 'string', minLength: 1 }, name: { type: 'string', maxLength: 255 }, description: { type: 'string', maxLength: 1048576 }, solution: { type: 'string' },
          severity: { enum: ['Info', 'Unknown', 'Low', 'Medium', 'High', 'Critical'] },
          identifiers: { type: 'array', minItems: 1, maxItems: 20, items: { type: 'object', required: ['type', 'name', 'value'], properties: { type: { type: 'string', minLength: 1 }, name: { type: 'string', minLength: 1 }, value: { type: 'string', minLength: 1 }, url: { type: 'string' } } } },
          links: { type: 'array', items: { type: 'object', required: ['url'] } },
          location: { type: 'object', additionalProperties: false, properties: { file: { type: 'string', minLength: 1 }, start_line: { type: 'integer', minimum: 1 }, end_line: { type: 'integer', minimum: 1 }, class: { type: 'string' }, method: { type: 'string' } } },
        },
      },
    },
  },
  definitions: { tool: { type: 'object', required: ['id', 'name', 'version', 'vendor'], properties: { vendor: { type: 'object', required: ['name'] } } } },
} as const;

describe('gitlabSastReporter', () => {
  const text = gitlabSastReporter(REPORT, { color: false }, NOW);
  const document: unknown = JSON.parse(text);

  it('satisfies the required parts of the GitLab SAST schema', () => {
    const validate = new Ajv({ strict: false }).compile(SCHEMA);
    assert.ok(validate(document), JSON.stringify(validate.errors));
  });

  it('maps each finding that is not waived, rule first among the identifiers', () => {
    assert.ok(typeof document === 'object' && document !== null && 'vulnerabilities' in document && Array.isArray(document.vulnerabilities));
    const [misconfig, vulnerability, lineless, ...rest] = document.vulnerabilities;
    assert.equal(rest.length, 0, 'the waived finding is left out');
    assert.deepEqual(misconfig, {
      id: misconfig.id, name: 'Base image uses the latest tag', description: 'Base image "node:latest" uses the mutable tag "latest".', severity: 'Medium',
      solution: 'Replace `latest` with a version tag.',
      identifiers: [
        { type: 'palisade_rule_id', name: 'Palisade DKR-0002 (no-latest-tag)', value: 'DKR-0002', url: 'https://github.com/palisade-dev/palisade/blob/main/docs/rules/no-latest-tag.md' },
        { type: 'hadolint_id', name: 'hadolint:DL3007', value: 'DL3007' },
        { type: 'trivy_id', name: 'trivy:DS001', value: 'DS001' },
      ],
      links: [{ url: 'https://github.com/palisade-dev/palisade/blob/main/docs/rules/no-latest-tag.md' }],
      location: { file: 'Dockerfile', start_line: 1, end_line: 1 },
    });
    assert.match(misconfig.id, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.deepEqual(vulnerability.identifiers.map((identifier: { type: string; value: string }) => `${identifier.type}:${identifier.value}`), ['palisade_rule_id:GHSA-35jh-r3h4-6jhm', 'ghsa:GHSA-35jh-r3h4-6jhm', 'cve:CVE-2021-23337']);
    assert.deepEqual(vulnerability.location, { file: 'package-lock.json', start_line: 252, end_line: 256 });
    assert.equal(vulnerability.severity, 'High');
    assert.deepEqual(lineless.location, { file: 'k8s/app.yaml' });
  });

  it('gives stable ids and second-precision times', () => {
    assert.equal(gitlabSastReporter(REPORT, { color: false }, NOW), text);
    assert.match(text, /"start_time": "2026-11-27T12:34:56",\n/);
    const ids = JSON.stringify(document).match(/"id":"[0-9a-f-]{36}"/g) ?? [];
    assert.equal(new Set(ids).size, 3);
  });

  it('writes an empty list for a clean report', () => {
    assert.match(gitlabSastReporter({ ...REPORT, findings: [] }, { color: false }, NOW), /"vulnerabilities": \[\]\n}\n$/);
  });
});
