import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createSourceDocument } from '../core/index.ts';
import { kubernetesRules } from '../kubernetes/index.ts';
import { secretRules, textAnalyzer } from '../secrets/index.ts';
import { runRules } from '../scan/run-rules.ts';
import { rulesForArtifacts } from './text-rules.ts';

const ROOT = join(import.meta.dirname, '..', '..');
/** An engine's list: per-object Kubernetes rules and every secret rule. */
const RULES = [...kubernetesRules, ...secretRules];

/** The text artifact of a file as the text analyzer makes it (with its keywords). */
function textArtifacts(path: string, text: string): ReturnType<typeof textAnalyzer.analyze>['artifacts'] {
  return textAnalyzer.analyze(createSourceDocument(path, text)).artifacts;
}

const TEXTS: readonly (readonly [string, string])[] = [
  ['the insecure Deployment (a password in env)', readFileSync(join(ROOT, 'examples', 'insecure-app', 'k8s', 'deployment.yaml'), 'utf8')],
  ['the insecure Secret', readFileSync(join(ROOT, 'examples', 'insecure-app', 'k8s', 'secret.yaml'), 'utf8')],
  ['tokens of several providers', 'token: "xoxb-2486137958-3018472658302-Wq8ZrT4nLp9KcX2vBm7HsJ3D"\npassword: "Zr8#kLq2!mW9vX4p"\nstripe: sk_live_4eC39HqLyjWDarjtT1zdp7dc\n'],
  ['no keyword at all', 'kind: ConfigMap\ndata:\n  colour: blue\n'],
];

test('the text rules an object\'s keywords select give the findings, in their order, that every rule gives', () => {
  const findings: string[] = [];
  for (const [name, text] of TEXTS) {
    const artifacts = textArtifacts('admission/shop/deployment.app.yaml', text);
    const selected = rulesForArtifacts(RULES, artifacts);
    assert.ok(selected.length < RULES.length, name);
    const all = runRules(artifacts, RULES);
    assert.deepEqual(runRules(artifacts, selected), all, name);
    findings.push(...all.findings.map((finding) => finding.slug));
  }
  assert.deepEqual(findings, ['no-generic-password-assignment', 'no-generic-secret-assignment', 'no-slack-bot-token', 'no-stripe-secret-key']);
});

test('a selection that recurs is the same list; anything but one text artifact runs every rule', () => {
  const first = textArtifacts('a.yaml', TEXTS[2]?.[1] ?? '');
  const second = textArtifacts('b.yaml', TEXTS[2]?.[1] ?? '');
  assert.equal(rulesForArtifacts(RULES, first), rulesForArtifacts(RULES, second));
  assert.equal(rulesForArtifacts(RULES, []), RULES);
  assert.equal(rulesForArtifacts(RULES, [...first, ...second]), RULES);
});
