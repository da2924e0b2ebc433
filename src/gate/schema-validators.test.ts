// The exceptions and baseline validators are generated ahead of time (ajv standalone code, decision
// 0034-g): they must be in step with the schemas and validate exactly as run-time compilations do.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { VALIDATOR_MODULES, renderValidatorModule } from '../../scripts/schema-validators.ts';
import type { SchemaValidator } from '../config/index.ts';
import { compileValidator } from '../config/index.ts';
import { validateBaseline, validateExceptionEntry, validateExceptionsEnvelope } from './gate-validators.generated.ts';
import { baselineSchema, exceptionEntrySchema, exceptionsEnvelopeSchema } from './schema.ts';

const REPO_ROOT = join(import.meta.dirname, '..', '..');
const GENERATED = 'src/gate/gate-validators.generated.ts';

const ENTRY = { rule: 'DKR-0001', reason: 'accepted', owner: 'team', expires: '2027-01-31' };

const CASES: readonly { name: string; generated: SchemaValidator<unknown>; schema: object; inputs: readonly unknown[] }[] = [
  {
    name: 'exceptions envelope',
    generated: validateExceptionsEnvelope,
    schema: exceptionsEnvelopeSchema,
    inputs: [{ exceptions: [] }, { exceptions: [1, 'x'] }, {}, null, [], 'text', { exceptions: {}, extra: 1 }],
  },
  {
    name: 'exception entry',
    generated: validateExceptionEntry,
    schema: exceptionEntrySchema,
    inputs: [
      ENTRY,
      { ...ENTRY, paths: ['a/**'], object: { kind: 'Pod', name: 'web' }, package: 'pkg:npm/x', ticket: 'T-1' },
      {},
      { ...ENTRY, paths: [], object: {}, reason: '', owner: 3, expire: 'x' },
      { ...ENTRY, object: { kind: '', colour: 'red' }, paths: [''], vulnerability: null },
      'DKR-0001',
    ],
  },
  {
    name: 'baseline',
    generated: validateBaseline,
    schema: baselineSchema,
    inputs: [
      { schemaVersion: 1, fingerprints: ['a'] },
      { schemaVersion: 1, tool: 'palisade', createdAt: 'x', fingerprints: [], findings: [{ fingerprint: 'a', ruleId: 'b', path: 'c', extra: 1 }] },
      { schemaVersion: 1.5, fingerprints: [''], findings: [1, { path: 2 }] },
      { fingerprints: 'a' },
      [],
      null,
    ],
  },
];

describe('generated exceptions and baseline validators', () => {
  it('are what `npm run docs` writes from the schemas (run it after changing src/gate/schema.ts)', () => {
    const spec = VALIDATOR_MODULES.find((candidate) => candidate.path === GENERATED);
    assert.ok(spec !== undefined);
    assert.equal(readFileSync(join(REPO_ROOT, GENERATED), 'utf8'), renderValidatorModule(spec));
  });

  for (const { name, generated, schema, inputs } of CASES) {
    it(`validate the ${name} as a run-time compilation of its schema does, with the same errors`, () => {
      const compiled = compileValidator<unknown>(schema);
      for (const input of inputs) {
        const label = JSON.stringify(input);
        assert.equal(generated(input), compiled(input), label);
        assert.deepEqual(generated.errors, compiled.errors, label);
      }
    });
  }
});
