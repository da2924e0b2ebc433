import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Artifact, Location, ReportTarget } from '../core/index.ts';
import { createSourceDocument, defineRule, locationFromRange } from '../core/index.ts';
import { runRules } from './run-rules.ts';

interface LineArtifact extends Artifact {
  readonly kind: 'dockerfile';
  readonly lines: readonly string[];
}

function artifactOf(path: string, text: string): LineArtifact {
  const source = createSourceDocument(path, text);
  return {
    kind: 'dockerfile',
    source,
    identity: 'file',
    lines: text.split('\n'),
    locate: (target: ReportTarget): Location => ('range' in target ? locationFromRange(path, target.range) : { path, jsonPointer: target.pointer }),
  };
}

const meta = {
  id: 'TST-0001',
  slug: 'no-bad-word',
  title: 'Bad word',
  severity: 'high',
  kind: 'misconfig',
  stability: 'stable',
  since: '0.1.0',
  target: 'dockerfile',
  description: 'd',
  remediation: 'Remove it.',
  references: [],
  aliases: [{ tool: 'other', id: 'X1', relation: 'same' }],
  compliance: ['cis-docker-1.6:4.1'],
  packs: [],
  messages: { bad: 'Found "{word}".' },
} as const;

const noBadWord = defineRule<LineArtifact, 'bad'>({
  meta,
  check(context, artifact) {
    artifact.lines.forEach((line, index) => {
      const column = line.indexOf('bad');
      if (column === -1) return;
      context.report({ messageId: 'bad', at: { range: { start: { line: index + 1, column: column + 1 }, end: { line: index + 1, column: column + 4 } } }, data: { word: 'bad' } });
    });
  },
});

const throwing = defineRule<LineArtifact, 'never'>({
  meta: { ...meta, id: 'TST-0002', slug: 'no-throw', messages: { never: 'never' } },
  check() {
    throw new Error('boom');
  },
});

describe('runRules', () => {
  it('turns reports into findings with locations, aliases, message and evidence', () => {
    const { findings, errors } = runRules([artifactOf('Dockerfile', 'ok\nthis is bad\n')], [noBadWord]);
    assert.deepEqual(errors, []);
    assert.equal(findings.length, 1);
    const [finding] = findings;
    assert.deepEqual(
      { ...finding, fingerprint: finding?.fingerprint.length },
      {
        ruleId: 'TST-0001',
        slug: 'no-bad-word',
        messageId: 'bad',
        aliases: ['other:X1'],
        kind: 'misconfig',
        severity: 'high',
        title: 'Bad word',
        message: 'Found "bad".',
        location: { path: 'Dockerfile', startLine: 2, startColumn: 9, endLine: 2, endColumn: 12 },
        compliance: ['cis-docker-1.6:4.1'],
        fingerprint: 32,
        remediation: 'Remove it.',
        helpUri: 'https://github.com/palisade-dev/palisade/blob/main/docs/rules/no-bad-word.md',
        evidence: 'bad',
      },
    );
  });

  it('keeps fingerprints when lines move, and keeps identical findings distinct', () => {
    const before = runRules([artifactOf('Dockerfile', 'bad\nbad\n')], [noBadWord]).findings.map((finding) => finding.fingerprint);
    const after = runRules([artifactOf('Dockerfile', '\n\nnew line\nbad\nbad\n')], [noBadWord]).findings.map((finding) => finding.fingerprint);
    assert.deepEqual(after, before);
    assert.notEqual(before[0], before[1]);
    const otherFile = runRules([artifactOf('other/Dockerfile', 'bad\n')], [noBadWord]).findings[0]?.fingerprint;
    assert.notEqual(otherFile, before[0]);
  });

  it('turns a rule that throws into a scan error and runs the others', () => {
    const { findings, errors } = runRules([artifactOf('Dockerfile', 'bad')], [throwing, noBadWord]);
    assert.equal(findings.length, 1);
    assert.deepEqual(errors, [{ path: 'Dockerfile', code: 'RULE_FAILED', message: 'Rule TST-0002 (no-throw) failed: boom' }]);
  });
});

const countFiles = defineRule<LineArtifact, 'many'>({
  meta: { ...meta, id: 'TST-0003', slug: 'no-many-files', messages: { many: '{count} files mention bad' } },
  checkProject(context, artifacts) {
    const bad = artifacts.filter((artifact) => artifact.lines.some((line) => line.includes('bad')));
    const [first] = bad;
    if (first === undefined || bad.length < 2) return;
    context.report({ artifact: first, messageId: 'many', at: { range: { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } } }, data: { count: bad.length } });
  },
});

describe('runProjectRules', () => {
  it('sees every artifact at once and reports on the one it names', async () => {
    const { runProjectRules } = await import('./run-rules.ts');
    const artifacts = [artifactOf('a/Dockerfile', 'bad'), artifactOf('b/Dockerfile', 'ok'), artifactOf('c/Dockerfile', 'bad too')];
    assert.deepEqual(runRules(artifacts, [countFiles]).findings, [], 'project rules do not run per artifact');
    const { findings, errors } = runProjectRules(artifacts, [countFiles, noBadWord]);
    assert.deepEqual(errors, []);
    assert.deepEqual(findings.map((finding) => [finding.location.path, finding.message]), [['a/Dockerfile', '2 files mention bad']]);
  });

  it('refuses a rule that defines both check and checkProject, or neither', () => {
    assert.throws(() => defineRule<LineArtifact, 'many'>({ meta: { ...meta, messages: { many: 'x' } } }), /exactly one of check and checkProject/);
  });
});

/** Keeps only the line count of files that mention `bad`, and the artifact of the first such file. */
const countFilesByFacts = defineRule<LineArtifact, 'many', { readonly artifact: LineArtifact } | 'other'>({
  meta: { ...meta, id: 'TST-0004', slug: 'no-many-files-facts', messages: { many: '{count} files mention bad' } },
  collect: (artifact) => (artifact.lines.some((line) => line.includes('bad')) ? { artifact } : artifact.lines.includes('other') ? 'other' : undefined),
  checkProject(context, facts) {
    const bad = facts.flatMap((fact) => (fact === 'other' ? [] : [fact.artifact]));
    const [first] = bad;
    if (first === undefined || bad.length < 2) return;
    context.report({ artifact: first, messageId: 'many', at: { range: { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } } }, data: { count: `${bad.length} (+${facts.length - bad.length})` } });
  },
});

const throwingCollect = defineRule<LineArtifact, 'never', number>({
  meta: { ...meta, id: 'TST-0005', slug: 'no-throw-collect', messages: { never: 'never' } },
  collect: () => {
    throw new Error('collect boom');
  },
  checkProject() {},
});

describe('startProjectRules', () => {
  const artifacts = [artifactOf('a/Dockerfile', 'bad'), artifactOf('b/Dockerfile', 'other'), artifactOf('c/Dockerfile', 'bad too'), artifactOf('d/Dockerfile', 'ok')];

  it('gives the findings of runProjectRules, the artifacts fed file by file', async () => {
    const { runProjectRules, startProjectRules } = await import('./run-rules.ts');
    const run = startProjectRules([countFiles, countFilesByFacts, noBadWord]);
    for (const artifact of artifacts) run.add([artifact]);
    const fed = run.finish();
    const atOnce = runProjectRules(artifacts, [countFiles, countFilesByFacts, noBadWord]);
    assert.deepEqual(fed, atOnce);
    assert.deepEqual(
      fed.findings.map((finding) => [finding.ruleId, finding.location.path, finding.message]),
      [
        ['TST-0003', 'a/Dockerfile', '2 files mention bad'],
        ['TST-0004', 'a/Dockerfile', '2 (+1) files mention bad'],
      ],
    );
  });

  it('hands checkProject only the facts collect returned, in scan order', () => {
    const facts: unknown[] = [];
    const spy = defineRule<LineArtifact, 'many', string>({
      meta: { ...meta, id: 'TST-0006', slug: 'spy', messages: { many: 'x' } },
      collect: (artifact) => (artifact.source.path.startsWith('d') ? undefined : artifact.source.path),
      checkProject: (_context, received) => void facts.push(...received),
    });
    spy.checkProject({ report: () => undefined }, artifacts);
    assert.deepEqual(facts, ['a/Dockerfile', 'b/Dockerfile', 'c/Dockerfile']);
  });

  it('turns a per-artifact phase that throws into one scan error; the other rules run', async () => {
    const { runProjectRules, startProjectRules } = await import('./run-rules.ts');
    const run = startProjectRules([throwingCollect, countFilesByFacts]);
    run.add(artifacts.slice(0, 2));
    run.add(artifacts.slice(2));
    const { findings, errors } = run.finish();
    assert.deepEqual(findings.map((finding) => finding.ruleId), ['TST-0004']);
    const expected = [{ path: '.', code: 'RULE_FAILED', message: 'Rule TST-0005 (no-throw-collect) failed: collect boom' }];
    assert.deepEqual(errors, expected);
    assert.deepEqual(runProjectRules(artifacts, [throwingCollect]).errors, expected);
  });

  it('runs a hand-made project rule (no startProject) on every artifact of its target', async () => {
    const { startProjectRules } = await import('./run-rules.ts');
    const { startProject: _unused, ...plain } = countFiles;
    const run = startProjectRules([{ ...plain }]);
    run.add(artifacts);
    assert.deepEqual(run.finish().findings.map((finding) => finding.message), ['2 files mention bad']);
  });
});

describe('rule contexts', () => {
  it('refuses a report made after the check returned', () => {
    let saved: ((descriptor: { messageId: 'late'; at: ReportTarget }) => void) | undefined;
    const late = defineRule<LineArtifact, 'late'>({
      meta: { ...meta, id: 'TST-0007', slug: 'late', messages: { late: 'late' } },
      check(context) {
        saved = (descriptor) => context.report(descriptor);
      },
    });
    assert.deepEqual(runRules([artifactOf('Dockerfile', 'x')], [late]), { findings: [], errors: [] });
    assert.throws(() => saved?.({ messageId: 'late', at: { pointer: '' } }), /TST-0007 reported outside its check/);
  });
});
