// The kube-linter compatibility page stays in step with the rules' aliases and the check list.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ruleMetas } from '../src/catalog.ts';
import { KUBE_LINTER_CHECKS } from '../src/kubernetes/kube-linter-checks.ts';
import { KUBE_LINTER_COMPATIBILITY_PAGE, renderKubeLinterCompatibility, rulesByKubeLinterCheck } from '../scripts/kube-linter-compatibility.ts';
import { REPO_ROOT } from '../scripts/rule-docs.ts';

describe('kube-linter compatibility', () => {
  it('lists every check once, sorted', () => {
    const ids = KUBE_LINTER_CHECKS.map((check) => check.id);
    assert.deepEqual(ids, [...new Set(ids)].sort());
    assert.equal(KUBE_LINTER_CHECKS.filter((check) => check.status === 'documented').length, 63);
  });

  it('has no rule alias naming an unknown kube-linter check', () => {
    const known = new Set(KUBE_LINTER_CHECKS.map((check) => check.id));
    assert.deepEqual([...rulesByKubeLinterCheck(ruleMetas).keys()].filter((id) => !known.has(id)), []);
  });

  it('gives every check a covering rule or a reason', () => {
    const byCheck = rulesByKubeLinterCheck(ruleMetas);
    assert.deepEqual(KUBE_LINTER_CHECKS.filter((check) => !byCheck.has(check.id) && check.reason === undefined).map((check) => check.id), []);
  });

  it(`keeps docs/rules/${KUBE_LINTER_COMPATIBILITY_PAGE} in step (run \`npm run docs\`)`, () => {
    assert.equal(readFileSync(join(REPO_ROOT, 'docs', 'rules', KUBE_LINTER_COMPATIBILITY_PAGE), 'utf8'), renderKubeLinterCompatibility(ruleMetas));
  });
});
