import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSourceDocument } from '../../core/index.ts';
import { createImageConfigAnalyzer, imageConfigAnalyzer } from './config-artifact.ts';

describe('image config analyzer', () => {
  it('matches no file of a directory scan', () => {
    assert.equal(imageConfigAnalyzer.matches({ path: 'config.json', size: 10 }, () => '{}'), false);
  });

  it('reads the fields the rules use, ignoring fields of the wrong type', () => {
    const text = JSON.stringify({ created: '2024-01-01T00:00:00Z', config: { User: 5, Env: ['A=1', 'B', 7, 'C=x=y'], Labels: { team: 'a', n: 1 }, ExposedPorts: { '80/tcp': {} }, Healthcheck: { Test: ['CMD', 1, 'true'] } } });
    const [artifact] = createImageConfigAnalyzer({ inspectedAt: '2024-02-01T00:00:00Z' }).analyze(createSourceDocument('img', text)).artifacts;
    assert.deepEqual(artifact?.config, {
      created: '2024-01-01T00:00:00Z',
      user: undefined,
      env: [
        { name: 'A', value: '1', pointer: '/config/Env/0' },
        { name: 'B', value: '', pointer: '/config/Env/1' },
        { name: 'C', value: 'x=y', pointer: '/config/Env/3' },
      ],
      labels: [{ name: 'team', value: 'a', pointer: '/config/Labels/team' }],
      exposedPorts: [{ port: '80/tcp', pointer: '/config/ExposedPorts/80~1tcp' }],
      healthcheck: { test: ['CMD', 'true'], pointer: '/config/Healthcheck/Test' },
    });
    assert.equal(artifact?.inspectedAt, '2024-02-01T00:00:00Z');
  });

  it('reports invalid JSON and non-object documents with their position', () => {
    assert.deepEqual(imageConfigAnalyzer.analyze(createSourceDocument('img', '{\n  "config": [1,\n}')).errors, [
      { path: 'img', code: 'PARSE_FAILED', message: 'Image config is not valid JSON: Unexpected character "}"', startLine: 3, startColumn: 1 },
    ]);
    assert.deepEqual(imageConfigAnalyzer.analyze(createSourceDocument('img', '[]')).errors, [{ path: 'img', code: 'PARSE_FAILED', message: 'Image config is not a JSON object', startLine: 1, startColumn: 1 }]);
  });

  it('locates a missing field at its nearest existing ancestor key', () => {
    const [artifact] = imageConfigAnalyzer.analyze(createSourceDocument('img', '{\n  "config": {\n    "Labels": {}\n  }\n}')).artifacts;
    assert.deepEqual(artifact?.locate({ pointer: '/config/Labels/team' }), { path: 'img', startLine: 3, startColumn: 5, endLine: 3, endColumn: 13, jsonPointer: '/config/Labels/team' });
    assert.deepEqual(artifact?.locate({ pointer: '/nothing/here' }), { path: 'img', startLine: 1, startColumn: 1, endLine: 1, endColumn: 2, jsonPointer: '/nothing/here' });
    assert.equal(artifact?.keyRange('/config/Labels/team'), undefined);
  });
});
