import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { kubernetesRules } from '../../kubernetes/index.ts';
import { compareOne, manifestLiterals, objectsOfText, yamlBlocks } from './parity.ts';
import type { Disagreement, FixtureObject } from './parity.ts';
import { compileTwin } from './twin.ts';

const RULES_DIR = join(import.meta.dirname, '../../kubernetes/rules');

/** Every object of every Kubernetes rule's tests and docs examples: each twin is checked on all of them. */
function fixtureObjects(): FixtureObject[] {
  const objects: FixtureObject[] = [];
  for (const file of readdirSync(RULES_DIR).sort()) {
    const text = readFileSync(join(RULES_DIR, file), 'utf8');
    const snippets = file.endsWith('.test.ts') ? manifestLiterals(text) : file.endsWith('.md') ? yamlBlocks(text) : [];
    snippets.forEach((snippet, index) => objects.push(...objectsOfText(`${file}#${index + 1}`, snippet)));
  }
  return objects;
}

const objects = fixtureObjects();
const withTwins = kubernetesRules.filter((rule) => rule.meta.cel !== undefined);

test('parity: the fixtures hold enough objects to mean something', () => {
  assert.ok(objects.length > 300, `${objects.length} objects`);
});

for (const rule of withTwins) {
  test(`parity: ${rule.meta.id} ${rule.meta.slug} and its CEL twin agree on every fixture object`, () => {
    const twin = rule.meta.cel;
    assert.ok(twin !== undefined);
    const compiled = compileTwin(twin);
    assert.ok(compiled.ok, compiled.ok ? '' : compiled.error);
    const disagreements: Disagreement[] = [];
    const badMessages: string[] = [];
    let rejected = 0;
    for (const object of objects) {
      const disagreement = compareOne(rule, compiled.twin, object);
      if (disagreement !== undefined) disagreements.push(disagreement);
      const verdict = compiled.twin.evaluate(object.celObject);
      if (!verdict.matched || verdict.accepted) continue;
      rejected += 1;
      if (verdict.error !== undefined || verdict.message.trim() === '' || verdict.message.includes(' + ')) badMessages.push(`${object.origin}: ${verdict.error ?? verdict.message}`);
    }
    assert.deepEqual(disagreements, []);
    assert.deepEqual(badMessages, [], 'every rejection has a message and no evaluation error');
    assert.ok(rejected > 0, 'no fixture object is rejected: the twin is not exercised');
  });
}
