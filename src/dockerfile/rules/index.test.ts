import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { exampleOptions } from '../../../scripts/rule-docs.ts';
import { findingsOf, projectFindingsOf } from '../../../test/rule-tester.ts';
import type { Rule } from '../../core/index.ts';
import { dockerfileAnalyzer } from '../analyzer.ts';
import { dockerfileRules } from './index.ts';

const HERE = import.meta.dirname;
const OPTIONS = { analyzer: dockerfileAnalyzer, path: 'Dockerfile' };
const HEADINGS = ['## Rationale', '## Examples', '### Fail', '### Pass', '## When not to use'];

/** The fenced `dockerfile` blocks between a heading and the next heading of level 2 or 3. */
function examples(markdown: string, heading: string): string[] {
  const start = markdown.indexOf(`\n${heading}\n`);
  assert.notEqual(start, -1, `missing ${heading}`);
  const rest = markdown.slice(start + heading.length + 2);
  const section = rest.slice(0, rest.search(/^##/m) === -1 ? rest.length : rest.search(/^##/m));
  return [...section.matchAll(/```dockerfile\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
}

/** Findings of the rule, configured with its doc's `## Options`, on one example (project rules see it as the only file). */
function exampleFindings(rule: Rule, markdown: string, code: string): number {
  const options = exampleOptions(markdown, rule.meta.slug);
  let checked = rule;
  if (options !== undefined) {
    const configured = rule.configure(options);
    assert.ok(configured.ok, `${rule.meta.slug}: invalid ## Options`);
    checked = configured.value;
  }
  return checked.project ? projectFindingsOf(checked, dockerfileAnalyzer, { Dockerfile: code }).length : findingsOf(checked, OPTIONS, code).length;
}

describe('dockerfileRules', () => {
  it('is frozen and sorted by slug', () => {
    const slugs = dockerfileRules.map((rule) => rule.meta.slug);
    assert.ok(Object.isFrozen(dockerfileRules));
    assert.deepEqual(slugs, [...slugs].sort());
  });

  it('lists every rule module of the folder, each with its test and doc', () => {
    const files = readdirSync(HERE);
    const modules = files.filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && file !== 'index.ts');
    assert.deepEqual(
      modules.map((file) => file.slice(0, -3)),
      dockerfileRules.map((rule) => rule.meta.slug),
    );
    for (const module of modules) {
      assert.ok(files.includes(module.replace(/\.ts$/, '.test.ts')), `${module} has no test`);
      assert.ok(files.includes(module.replace(/\.ts$/, '.md')), `${module} has no doc`);
    }
  });

  it('gives each rule a unique DKR id and the metadata of this first pack', () => {
    const ids = dockerfileRules.map((rule) => rule.meta.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const { meta } of dockerfileRules) {
      assert.match(meta.id, /^DKR-\d{4}$/);
      assert.deepEqual([meta.target, meta.kind, meta.stability, meta.since], ['dockerfile', 'misconfig', 'stable', '0.1.0'], meta.slug);
      assert.match(meta.remediation, /^[A-Z].*\.$/s, meta.slug);
      for (const reference of meta.references) assert.match(reference, /^https:\/\//, meta.slug);
    }
  });
});

describe('dockerfile rule docs', () => {
  for (const rule of dockerfileRules) {
    const { slug } = rule.meta;
    const markdown = readFileSync(join(HERE, `${slug}.md`), 'utf8');

    it(`${slug}.md has the fixed headings in order`, () => {
      const headings = markdown.match(/^#{2,3} .+$/gm);
      assert.deepEqual(headings?.filter((heading) => heading !== '## Options'), HEADINGS);
    });

    it(`${slug}.md: each Fail example yields exactly one finding`, () => {
      const fail = examples(markdown, '### Fail');
      assert.ok(fail.length > 0);
      for (const code of fail) assert.equal(exampleFindings(rule, markdown, code), 1, code);
    });

    it(`${slug}.md: each Pass example yields none`, () => {
      const pass = examples(markdown, '### Pass');
      assert.ok(pass.length > 0);
      for (const code of pass) assert.equal(exampleFindings(rule, markdown, code), 0, code);
    });
  }
});
