import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSourceDocument } from '../core/index.ts';
import { runRules } from '../scan/run-rules.ts';
import { dockerfileAnalyzer } from './analyzer.ts';
import { dockerfileRules } from './rules/index.ts';

const MATCHES: readonly (readonly [string, boolean])[] = [
  ['Dockerfile', true],
  ['services/api/Dockerfile', true],
  ['dockerfile', true],
  ['Containerfile', true],
  ['api.Dockerfile', true],
  ['deploy/api.dockerfile', true],
  ['Dockerfile.prod', true],
  ['Dockerfile.debug', true],
  ['Containerfile.fedora', true],
  ['Dockerfile.dockerignore', true],
  ['api.Dockerfile.dockerignore', true],
  ['.dockerignore', true],
  ['sub/.dockerignore', true],
  ['.dockerignore.bak', false],
  ['Dockerfile.md', false],
  ['docs/Dockerfile.md', false],
  ['Dockerfile.', false],
  ['Dockerfiles', false],
  ['MyDockerfile', false],
  ['Dockerfile/README', false],
  ['docker-compose.yaml', false],
];

describe('dockerfileAnalyzer.matches', () => {
  for (const [path, expected] of MATCHES) {
    it(`${expected ? 'matches' : 'skips'} ${path}`, () => {
      assert.equal(
        dockerfileAnalyzer.matches({ path, size: 10 }, () => ''),
        expected,
      );
    });
  }
});

describe('dockerfileAnalyzer.analyze', () => {
  it('yields one artifact per file', () => {
    const source = createSourceDocument('app/Dockerfile', 'FROM alpine:3.20\nUSER app\n');
    const output = dockerfileAnalyzer.analyze(source);
    assert.deepEqual(output.errors, []);
    assert.equal(output.artifacts.length, 1);
    const [artifact] = output.artifacts;
    assert.ok(artifact && artifact.variant === 'dockerfile');
    assert.deepEqual([artifact.kind, artifact.identity, artifact.source, artifact.stages.length], ['dockerfile', 'dockerfile', source, 1]);
  });

  it('yields the dockerignore variant for .dockerignore files, patterns with positions', () => {
    const source = createSourceDocument('app/.dockerignore', '# build output\n  node_modules  \n\n!keep.txt\r\n');
    const [artifact] = dockerfileAnalyzer.analyze(source).artifacts;
    assert.ok(artifact && artifact.variant === 'dockerignore');
    assert.deepEqual([artifact.kind, artifact.directory, artifact.dockerfileName], ['dockerfile', 'app', undefined]);
    assert.deepEqual(artifact.patterns, [
      { pattern: 'node_modules', negated: false, range: { start: { line: 2, column: 3 }, end: { line: 2, column: 15 } } },
      { pattern: 'keep.txt', negated: true, range: { start: { line: 4, column: 1 }, end: { line: 4, column: 10 } } },
    ]);
    const [own] = dockerfileAnalyzer.analyze(createSourceDocument('api.Dockerfile.dockerignore', '*\n')).artifacts;
    assert.ok(own && own.variant === 'dockerignore');
    assert.deepEqual([own.directory, own.dockerfileName], ['', 'api.Dockerfile']);
  });

  it('keeps .dockerignore artifacts away from per-file rules (dockerfilesOnly)', () => {
    const [ignore] = dockerfileAnalyzer.analyze(createSourceDocument('.dockerignore', '\u0000binary\n')).artifacts;
    assert.ok(ignore);
    const result = runRules([ignore], dockerfileRules);
    assert.deepEqual(result, { findings: [], errors: [] });
  });

  it('locates a range and, for a pointer, the file alone', () => {
    const [artifact] = dockerfileAnalyzer.analyze(createSourceDocument('app/Dockerfile', 'FROM alpine:3.20\n')).artifacts;
    assert.ok(artifact);
    const range = { start: { line: 1, column: 6 }, end: { line: 1, column: 12 } };
    assert.deepEqual(artifact.locate({ range }), { path: 'app/Dockerfile', startLine: 1, startColumn: 6, endLine: 1, endColumn: 12 });
    assert.deepEqual(artifact.locate({ pointer: '/spec' }), { path: 'app/Dockerfile' });
  });

  it('reports an error naming the file and position instead of an artifact', () => {
    assert.deepEqual(dockerfileAnalyzer.analyze(createSourceDocument('bin/Dockerfile.x', 'FR\u0000OM')), {
      artifacts: [],
      errors: [{ path: 'bin/Dockerfile.x', code: 'PARSE_FAILED', message: 'Binary content (a NUL byte) is not a Dockerfile.', startLine: 1, startColumn: 3 }],
    });
    assert.deepEqual(dockerfileAnalyzer.analyze(createSourceDocument('Dockerfile', 'RUN make\n')), {
      artifacts: [],
      errors: [{ path: 'Dockerfile', code: 'PARSE_FAILED', message: 'No FROM instruction: a Dockerfile needs at least one build stage.', startLine: 1, startColumn: 1 }],
    });
  });

  it('returns the artifact and the error for a FROM without an image', () => {
    const output = dockerfileAnalyzer.analyze(createSourceDocument('Dockerfile', 'FROM alpine:3.20\nFROM\n'));
    assert.deepEqual(
      [output.artifacts.length, output.errors.map((error) => [error.code, error.startLine, error.startColumn])],
      [1, [['PARSE_FAILED', 2, 1]]],
    );
  });
});
