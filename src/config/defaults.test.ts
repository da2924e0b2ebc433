import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CONFIG_DEFAULTS, resolveConfig } from './defaults.ts';
import { SCANNERS, THRESHOLDS, configSchema } from './schema.ts';
import { compileValidator } from './validator.ts';

describe('resolveConfig', () => {
  it('fills in every default', () => {
    assert.deepEqual(resolveConfig({}), {
      scanners: ['misconfig', 'secret', 'vuln', 'policy'],
      failOn: 'high',
      format: 'table',
      rules: [],
      skipRules: [],
      exceptions: '.palisade/exceptions.yaml',
      ignorePaths: [],
      maxFileSize: 16_777_216,
      maxLayerBytes: 8_589_934_592,
      maxImageBytes: 34_359_738_368,
      advisories: [],
      vex: [],
      policies: [],
    });
  });

  it('keeps what the file sets', () => {
    const resolved = resolveConfig({ failOn: 'none', baseline: 'b.json', scanners: ['secret'] });
    assert.deepEqual([resolved.failOn, resolved.baseline, resolved.scanners, resolved.format], ['none', 'b.json', ['secret'], 'table']);
  });

  it('has frozen defaults', () => {
    assert.ok(Object.isFrozen(CONFIG_DEFAULTS) && Object.isFrozen(CONFIG_DEFAULTS.scanners));
  });
});

describe('configSchema', () => {
  it('lists exactly the documented keys, closed to others', () => {
    assert.deepEqual(Object.keys(configSchema.properties), ['scanners', 'failOn', 'format', 'rules', 'skipRules', 'exceptions', 'baseline', 'ignorePaths', 'maxFileSize', 'maxLayerBytes', 'maxImageBytes', 'severityOverrides', 'ruleOptions', 'advisories', 'vulnerabilityDatabase', 'databaseMaxAge', 'vex', 'policies']);
    assert.equal(configSchema.additionalProperties, false);
  });

  it('takes its enums from the shared lists', () => {
    assert.deepEqual(configSchema.properties.scanners.items.enum, SCANNERS);
    assert.deepEqual(THRESHOLDS, ['critical', 'high', 'medium', 'low', 'info', 'none']);
  });
});

describe('compileValidator', () => {
  it('compiles a schema with an $id more than once', () => {
    assert.equal(compileValidator<unknown>(configSchema)({ failOn: 'high' }), true);
    assert.equal(compileValidator<unknown>(configSchema)({ failOn: 'loud' }), false);
  });
});
