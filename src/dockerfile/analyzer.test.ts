import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSourceDocument } from '../core/index.ts';
import { dockerfileAnalyzer } from './analyzer.ts';

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
  ['Dockerfile.dockerignore', false],
  ['api.Dockerfile.dockerignore', false],
  ['.dockerignore', false],
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
    assert.ok(artifact);
    assert.deepEqual([artifact.kind, artifact.identity, artifact.source, artifact.stages.length], ['dockerfile', 'dockerfile', source, 1]);
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
