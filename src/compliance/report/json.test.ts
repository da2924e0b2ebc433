import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { Ajv } from 'ajv';
import { buildComplianceReport } from './model.ts';
import { renderComplianceJson } from './json.ts';
import { database, demoChecks, demoFramework, finding, repoReport, report } from './__fixtures__/reports.ts';

const schema: unknown = JSON.parse(readFileSync(new URL('../../../schemas/compliance-report.schema.json', import.meta.url), 'utf8'));
assert.ok(typeof schema === 'object' && schema !== null);
const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);

const object = { apiVersion: 'v1', kind: 'Pod', name: 'web' };
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

describe('renderComplianceJson', () => {
  it('validates against schemas/compliance-report.schema.json', () => {
    const parsed: unknown = JSON.parse(renderComplianceJson(result));
    assert.equal(validate(parsed), true, JSON.stringify(validate.errors));
  });

  it('writes the model exactly, two-space indented, ending with one newline', () => {
    const text = renderComplianceJson(result);
    assert.deepEqual(JSON.parse(text), result);
    assert.ok(text.startsWith('{\n  "schemaVersion": "1.0.0",\n'));
    assert.ok(text.endsWith('}\n') && !text.endsWith('}\n\n'));
  });

  it('rejects a report with an unknown status or a missing control field (the schema is not vacuous)', () => {
    const parsed: unknown = JSON.parse(renderComplianceJson(result));
    assert.ok(typeof parsed === 'object' && parsed !== null);
    const controls: unknown = Reflect.get(parsed, 'controls');
    assert.ok(Array.isArray(controls));
    assert.equal(validate({ ...parsed, controls: [{ ...controls[0], status: 'ok' }] }), false);
    assert.equal(validate({ ...parsed, controls: [{ ...controls[0], automation: undefined }] }), false);
    assert.equal(validate({ ...parsed, generatedAt: 'yesterday' }), false);
    assert.equal(validate({ ...parsed, database: { path: '/db' } }), false);
    assert.equal(validate({ ...parsed, database: undefined }), true);
  });
});
