// Meta-tests: the catalogue's invariants, and parity between rule folders, lists, docs and tests.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { analyzers, ruleMetas, rules, validateCatalog } from '../src/catalog.ts';
import type { Rule } from '../src/core/index.ts';
import { createSourceDocument } from '../src/core/index.ts';
import { frameworks } from '../src/compliance/index.ts';
import { runProjectRules, runRules } from '../src/scan/run-rules.ts';
import { HADOLINT_COMPATIBILITY_PAGE } from '../scripts/hadolint-compatibility.ts';
import { KUBE_LINTER_COMPATIBILITY_PAGE } from '../scripts/kube-linter-compatibility.ts';
import { REPO_ROOT, checkNarrativeHeadings, exampleOptions, extractExamples, findNarratives, readNarrative, renderRuleDoc, renderRuleIndex } from '../scripts/rule-docs.ts';

/** The file name each target's examples are analysed as (a rule's `.md` examples are fenced code blocks). */
const EXAMPLE_PATHS = { dockerfile: 'Dockerfile', 'kubernetes-object': 'example.yaml', text: 'example.env' } as const;

describe('rule catalogue', () => {
  it('has sound metadata (unique ids and slugs, known compliance ids, remediation sentences)', () => {
    assert.deepEqual(validateCatalog(), []);
  });

  it('catches broken metadata', () => {
    const first = ruleMetas[0];
    assert.ok(first !== undefined);
    const broken = { ...first, id: 'bad', slug: 'Bad_Slug', remediation: 'lowercase and no period', compliance: ['cis-docker-1.6:99.9'], references: ['http://example.com'] };
    assert.equal(validateCatalog([first, broken, first]).length, 7);
  });

  it('lists every area rule file, sorted by slug, in its rules/index.ts', () => {
    for (const narrative of findNarratives().values()) {
      const dir = dirname(narrative);
      if (!existsSync(join(dir, 'index.ts'))) continue;
      const files = readdirSync(dir).filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && file !== 'index.ts').map((file) => file.slice(0, -3)).sort();
      const inList = rules.filter((rule) => existsSync(join(dir, `${rule.meta.slug}.ts`))).map((rule) => rule.meta.slug).sort();
      assert.deepEqual(inList, files, `${dir}: rule files and the catalogue differ`);
    }
  });

  it('gives every rule a source file, a test file and a narrative with the fixed headings', () => {
    const narratives = findNarratives();
    for (const meta of ruleMetas) {
      const narrative = narratives.get(meta.slug);
      assert.ok(narrative !== undefined, `${meta.slug} has no narrative .md`);
      assert.deepEqual(checkNarrativeHeadings(readNarrative(narrative)), [], `${meta.slug}.md headings`);
      if (rules.some((rule) => rule.meta === meta)) {
        // A data-driven rule (a table row compiled into a rule, e.g. src/secrets/providers/) names its table and test instead.
        const dataDriven = /^<!-- data-driven: source=(\S+) test=(\S+) -->/.exec(readNarrative(narrative));
        const source = dataDriven === null ? narrative.replace(/\.md$/, '.ts') : join(REPO_ROOT, dataDriven[1] ?? '');
        const test = dataDriven === null ? narrative.replace(/\.md$/, '.test.ts') : join(REPO_ROOT, dataDriven[2] ?? '');
        assert.ok(existsSync(source), `${meta.slug}: ${source} missing (beside its .md, or named by its data-driven marker)`);
        assert.ok(existsSync(test), `${meta.slug}: ${test} missing`);
      }
    }
  });

  it('keeps docs/rules in step with the metadata (run `npm run docs` after changing a rule)', () => {
    const narratives = findNarratives();
    for (const meta of ruleMetas) {
      const narrative = narratives.get(meta.slug);
      assert.ok(narrative !== undefined);
      const page = join(REPO_ROOT, 'docs', 'rules', `${meta.slug}.md`);
      assert.equal(readFileSync(page, 'utf8'), renderRuleDoc(meta, readNarrative(narrative)), `${page} is stale`);
    }
    assert.equal(readFileSync(join(REPO_ROOT, 'docs', 'rules', 'README.md'), 'utf8'), renderRuleIndex(ruleMetas));
    const pages = readdirSync(join(REPO_ROOT, 'docs', 'rules')).filter((file) => file !== 'README.md' && file !== HADOLINT_COMPATIBILITY_PAGE && file !== KUBE_LINTER_COMPATIBILITY_PAGE).map((file) => basename(file, '.md')).sort();
    assert.deepEqual(pages, ruleMetas.map((meta) => meta.slug).sort(), 'docs/rules has pages for rules that do not exist');
  });
});

/** The rule with the options its narrative's `## Options` section shows (its examples run with them). */
function configuredFor(rule: Rule, options: Readonly<Record<string, unknown>> | undefined): Rule {
  if (options === undefined) return rule;
  const result = rule.configure(options);
  assert.ok(result.ok, `${rule.meta.slug}: the options of its ## Options section are invalid`);
  return result.value;
}

describe('rule docs examples behave as labelled', () => {
  const narratives = findNarratives();
  for (const rule of rules) {
    it(`${rule.meta.slug}: each Fail example gives exactly one finding, each Pass example none`, () => {
      const narrative = narratives.get(rule.meta.slug);
      assert.ok(narrative !== undefined);
      const text = readNarrative(narrative);
      const examples = extractExamples(text);
      const checked = configuredFor(rule, exampleOptions(text, rule.meta.slug));
      assert.ok(examples.fail.length > 0 && examples.pass.length > 0, 'needs at least one Fail and one Pass example');
      const path = EXAMPLE_PATHS[rule.meta.target === 'dockerfile' || rule.meta.target === 'kubernetes-object' ? rule.meta.target : 'text'];
      const analyzer = analyzers.find((candidate) => candidate.produces === rule.meta.target);
      assert.ok(analyzer !== undefined);
      const count = (code: string): number => {
        const output = analyzer.analyze(createSourceDocument(path, code));
        assert.deepEqual(output.errors, [], `example does not parse:\n${code}`);
        return (checked.project ? runProjectRules(output.artifacts, [checked]) : runRules(output.artifacts, [checked])).findings.length;
      };
      for (const code of examples.fail) assert.equal(count(code), 1, `Fail example:\n${code}`);
      for (const code of examples.pass) assert.equal(count(code), 0, `Pass example:\n${code}`);
    });
  }
});

describe('compliance catalogue', () => {
  it('has an automated control only where a rule maps to it', () => {
    const mapped = new Set(ruleMetas.flatMap((meta) => meta.compliance));
    for (const framework of frameworks) {
      for (const control of framework.controls) {
        if (control.automation === 'automated') assert.ok(mapped.has(`${framework.id}:${control.id}`), `${framework.id}:${control.id} is marked automated but no rule maps to it`);
      }
    }
  });

  it('has unique control ids per framework', () => {
    for (const framework of frameworks) {
      const ids = framework.controls.map((control) => control.id);
      assert.equal(new Set(ids).size, ids.length, framework.id);
    }
  });
});
