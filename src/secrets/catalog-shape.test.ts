// The catalogue meta-tests (test/catalog.test.ts) applied to the secret rules before they are wired
// into src/catalog.ts: metadata, narratives beside a source and a test, docs examples that behave.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { validateCatalog } from '../catalog.ts';
import { createSourceDocument } from '../core/index.ts';
import { kubernetesAnalyzer } from '../kubernetes/index.ts';
import { runRules } from '../scan/run-rules.ts';
import { REPO_ROOT, checkNarrativeHeadings, extractExamples, findNarratives, readNarrative } from '../../scripts/rule-docs.ts';
import { secretRules, textAnalyzer } from './index.ts';

const DATA_DRIVEN = /^<!-- data-driven: source=(\S+) test=(\S+) -->/;

describe('secret rules catalogue shape', () => {
  const narratives = findNarratives();

  it('has sound metadata', () => {
    assert.deepEqual(validateCatalog(secretRules.map((rule) => rule.meta)), []);
  });

  it('is sorted by slug, and lists every hand-written rule file of src/secrets/rules', () => {
    const slugs = secretRules.map((rule) => rule.meta.slug);
    assert.deepEqual(slugs, [...slugs].sort());
    const dir = join(import.meta.dirname, 'rules');
    const files = readdirSync(dir).filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && file !== 'index.ts').map((file) => file.slice(0, -3));
    assert.deepEqual(files, slugs.filter((slug) => existsSync(join(dir, `${slug}.ts`))));
  });

  it('gives every rule a narrative with the fixed headings, and a source and a test (beside it, or named by the data-driven marker)', () => {
    for (const rule of secretRules) {
      const narrative = narratives.get(rule.meta.slug);
      assert.ok(narrative !== undefined, `${rule.meta.slug} has no narrative`);
      const text = readNarrative(narrative);
      assert.deepEqual(checkNarrativeHeadings(text), [], rule.meta.slug);
      const marker = DATA_DRIVEN.exec(text);
      const source = marker === null ? narrative.replace(/\.md$/, '.ts') : join(REPO_ROOT, marker[1] ?? '');
      const test = marker === null ? narrative.replace(/\.md$/, '.test.ts') : join(REPO_ROOT, marker[2] ?? '');
      assert.ok(existsSync(source), `${rule.meta.slug}: ${source}`);
      assert.ok(existsSync(test), `${rule.meta.slug}: ${test}`);
      assert.equal(dirname(narrative), join(import.meta.dirname, 'rules'));
    }
  });

  it('has docs examples that behave as labelled (one finding per Fail block, none per Pass block)', () => {
    for (const rule of secretRules) {
      const narrative = narratives.get(rule.meta.slug);
      assert.ok(narrative !== undefined);
      const examples = extractExamples(readFileSync(narrative, 'utf8'));
      assert.ok(examples.fail.length > 0 && examples.pass.length > 0, rule.meta.slug);
      const kubernetes = rule.meta.target === 'kubernetes-object';
      const analyzer = kubernetes ? kubernetesAnalyzer : textAnalyzer;
      const count = (code: string): number => runRules(analyzer.analyze(createSourceDocument(kubernetes ? 'example.yaml' : 'example.env', code)).artifacts, [rule]).findings.length;
      for (const code of examples.fail) assert.equal(count(code), 1, `${rule.meta.slug} Fail example:\n${code}`);
      for (const code of examples.pass) assert.equal(count(code), 0, `${rule.meta.slug} Pass example:\n${code}`);
    }
  });
});
