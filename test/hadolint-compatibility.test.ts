import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ruleMetas } from '../src/catalog.ts';
import { HADOLINT_NOT_IMPLEMENTED, HADOLINT_RULES } from '../src/dockerfile/hadolint-rules.ts';
import { HADOLINT_COMPATIBILITY_PAGE, renderHadolintCompatibility, uncoveredHadolintRules } from '../scripts/hadolint-compatibility.ts';
import { REPO_ROOT } from '../scripts/rule-docs.ts';

describe('hadolint compatibility', () => {
  it('gives every hadolint DL rule a Palisade rule or a reason', () => {
    assert.deepEqual(uncoveredHadolintRules(ruleMetas), []);
  });

  it('lists each DL id once, in order, and has no reason for an unknown id', () => {
    const ids = HADOLINT_RULES.map((rule) => rule.id);
    assert.deepEqual(ids, [...new Set(ids)].sort());
    for (const id of Object.keys(HADOLINT_NOT_IMPLEMENTED)) assert.ok(ids.includes(id), id);
  });

  it('only aliases hadolint ids that exist', () => {
    const ids = new Set(HADOLINT_RULES.map((rule) => rule.id));
    for (const meta of ruleMetas) for (const alias of meta.aliases) if (alias.tool === 'hadolint') assert.ok(ids.has(alias.id), `${meta.slug}: ${alias.id}`);
  });

  it('catches a DL rule with neither (the drift this test exists for)', () => {
    assert.ok(uncoveredHadolintRules([]).length > 0);
  });

  it('keeps docs/rules/hadolint-compatibility.md in step (run `npm run docs`)', () => {
    const page = readFileSync(join(REPO_ROOT, 'docs', 'rules', HADOLINT_COMPATIBILITY_PAGE), 'utf8');
    assert.equal(page, renderHadolintCompatibility(ruleMetas));
  });
});
