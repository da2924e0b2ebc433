// The configuration validator is generated ahead of time (ajv standalone code, decision 0034-g):
// it must be in step with the schema and validate exactly as a run-time compilation does.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { VALIDATOR_MODULES, renderValidatorModule } from '../../scripts/schema-validators.ts';
import { validateConfig } from './config-validator.generated.ts';
import { configSchema } from './schema.ts';
import { compileValidator } from './validator.ts';

const REPO_ROOT = join(import.meta.dirname, '..', '..');
const GENERATED = 'src/config/config-validator.generated.ts';

/** Valid and invalid configurations touching every keyword of the schema. */
const INPUTS: readonly unknown[] = [
  {},
  { failOn: 'high', scanners: ['misconfig', 'secret'], rules: ['DKR-0001'], maxFileSize: 10 },
  { databaseMaxAge: '7d', ruleOptions: { 'pod-security': { level: 'baseline' } }, severityOverrides: { 'no-latest-tag': 'low' } },
  null,
  [],
  'failOn: high',
  { failOn: 'loud', fail_on: 'high', scanners: ['misconfig', 'misconfig', 'nope'], rules: [''], maxFileSize: 0 },
  { maxFileSize: 1.5, databaseMaxAge: '7 days', ruleOptions: { x: 1 }, severityOverrides: { a: 'urgent' }, ignorePaths: 'vendor/' },
  { exceptions: '', baseline: 3, advisories: [1], vex: [''], policies: null, vulnerabilityDatabase: [], format: 'xml', skipRules: [{}] },
  { rules: ['\ud83d\ude00'], scanners: 'misconfig', failOn: ['high'] },
];

describe('generated configuration validator', () => {
  it('is what `npm run docs` writes from the schema (run it after changing src/config/schema.ts)', () => {
    const spec = VALIDATOR_MODULES.find((candidate) => candidate.path === GENERATED);
    assert.ok(spec !== undefined);
    assert.equal(readFileSync(join(REPO_ROOT, GENERATED), 'utf8'), renderValidatorModule(spec));
  });

  it('accepts and rejects as a run-time compilation of the schema does, with the same errors', () => {
    const compiled = compileValidator<unknown>(configSchema);
    for (const input of INPUTS) {
      const label = JSON.stringify(input);
      assert.equal(validateConfig(input), compiled(input), label);
      assert.deepEqual(validateConfig.errors, compiled.errors, label);
    }
  });
});
