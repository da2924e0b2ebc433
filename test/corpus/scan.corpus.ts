// Corpus suite: real Dockerfiles and manifests written by others (../shared/corpora), scanned
// through the library. Run: npm run test:corpus. Skips with a message where ../shared is absent.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyzers, rules } from '../../src/catalog.ts';
import type { Artifact, Finding, ScanError } from '../../src/core/index.ts';
import { createSourceDocument } from '../../src/core/index.ts';
import { runProjectRules, runRules } from '../../src/scan/run-rules.ts';
import { REPO_ROOT } from '../cli-helpers.ts';

const CORPORA = join(REPO_ROOT, '..', 'shared', 'corpora');
const skip = existsSync(CORPORA) ? false : `corpus not found at ${CORPORA} (needs ../shared beside the clone)`;

interface CorpusResult {
  readonly files: number;
  readonly findings: Finding[];
  readonly errors: ScanError[];
  readonly texts: Map<string, string>;
}

/** Runs the analyzers for each corpus file and every rule, project rules over all files at the end, as the scan does. */
function scanCorpus(folder: string, pathFor: (name: string) => string): CorpusResult {
  const findings: Finding[] = [];
  const errors: ScanError[] = [];
  const texts = new Map<string, string>();
  const artifacts: Artifact[] = [];
  const names = readdirSync(join(CORPORA, folder)).filter((name) => !name.endsWith('.md') && name !== 'index.json');
  for (const name of names) {
    const text = readFileSync(join(CORPORA, folder, name), 'utf8');
    const path = pathFor(name);
    texts.set(path, text);
    for (const analyzer of analyzers.filter((candidate) => candidate.matches({ path, size: text.length }, () => text.slice(0, 4096)))) {
      const output = analyzer.analyze(createSourceDocument(path, text));
      errors.push(...output.errors);
      const result = runRules(output.artifacts, rules);
      findings.push(...result.findings);
      errors.push(...result.errors);
      artifacts.push(...output.artifacts);
    }
  }
  const project = runProjectRules(artifacts, rules);
  findings.push(...project.findings);
  errors.push(...project.errors);
  return { files: names.length, findings, errors, texts };
}

/** Every finding's range lies inside its file. */
function assertLocationsInside(result: CorpusResult): void {
  for (const finding of result.findings) {
    const text = result.texts.get(finding.location.path);
    assert.ok(text !== undefined, finding.location.path);
    const lines = text.split('\n');
    const { startLine, startColumn, endLine, endColumn } = finding.location;
    assert.ok(startLine !== undefined && startColumn !== undefined && endLine !== undefined && endColumn !== undefined, `${finding.slug} in ${finding.location.path} has no full range`);
    assert.ok(startLine >= 1 && endLine <= lines.length && (startLine < endLine || startColumn <= endColumn), `${finding.slug} range out of order in ${finding.location.path}`);
    assert.ok(endColumn <= (lines[endLine - 1] ?? '').length + 1, `${finding.slug} ends past its line in ${finding.location.path}:${endLine}`);
  }
}

describe('corpus: Dockerfiles', { skip }, () => {
  it('parses every Dockerfile; no rule fails; every finding lies inside its file', () => {
    const result = scanCorpus('dockerfiles', (name) => `${name}/Dockerfile`);
    assert.ok(result.files > 300);
    assert.deepEqual(result.errors.filter((error) => error.code === 'RULE_FAILED'), []);
    assert.ok(result.errors.length <= 5, `unexpected parse errors: ${JSON.stringify(result.errors.slice(0, 5))}`);
    assert.ok(result.findings.length > 100);
    assertLocationsInside(result);
  });
});

describe('corpus: Kubernetes manifests', { skip }, () => {
  it('loads every manifest; no rule fails; every finding lies inside its file and names its object', () => {
    const result = scanCorpus('k8s', (name) => (name.endsWith('.json') ? name : name.replace(/\.yml$/, '.yaml')));
    assert.ok(result.files > 200);
    assert.deepEqual(result.errors.filter((error) => error.code === 'RULE_FAILED'), []);
    for (const error of result.errors) assert.equal(error.code, 'PARSE_FAILED');
    assert.ok(result.findings.length > 100);
    const objectRules = new Set(rules.filter((rule) => rule.meta.target === 'kubernetes-object').map((rule) => rule.meta.id));
    for (const finding of result.findings.filter((candidate) => objectRules.has(candidate.ruleId))) {
      assert.ok(finding.location.object !== undefined && finding.location.jsonPointer !== undefined, finding.slug);
    }
    assertLocationsInside(result);
  });
});

describe('corpus: reports of a whole corpus scan', { skip }, () => {
  it('JSON validates against the report schema and SARIF against the official SARIF 2.1.0 schema', async () => {
    const { palisade } = await import('../cli-helpers.ts');
    const { validateReport } = await import('../../src/report/index.ts');
    const target = join(CORPORA, 'k8s');
    const json = await palisade(['scan', target, '--format', 'json', '--fail-on', 'none']);
    assert.equal(json.code, 0, json.stderr);
    assert.deepEqual(validateReport(JSON.parse(json.stdout)), []);
    const sarif = await palisade(['scan', target, '--format', 'sarif', '--fail-on', 'none']);
    const { officialSarifValidator } = await import('../sarif-schema.ts');
    assert.deepEqual(officialSarifValidator()(JSON.parse(sarif.stdout)), []);
  });
});
