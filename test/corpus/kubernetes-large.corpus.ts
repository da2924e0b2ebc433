// Huge and hostile Kubernetes manifests: 50 MB files, read to the end with positions or refused with
// a coded error, never a crash or a hang. Generated here (nothing committed). Slow (about 15 s, more on
// a busy machine), so not part of `npm test`. Run: node --test test/corpus/kubernetes-large.corpus.ts
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSourceDocument } from '../../src/core/index.ts';
import { decodeText } from '../../src/core/fs.ts';
import { loadManifests } from '../../src/kubernetes/load.ts';

const FIFTY_MB = 50 * 1024 * 1024;

function deployment(index: number): string {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: web-${index}`,
    '  labels: {app: web, tier: "frontend"}',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: web',
    `          image: nginx:1.27.${index % 10}`,
    '          args:',
    '            - --port=8080',
    '          securityContext:',
    '            privileged: true',
    '',
  ].join('\n');
}

function fiftyMegabytes(separator: string): { text: string; count: number } {
  const documents: string[] = [];
  let size = 0;
  while (size < FIFTY_MB) {
    const text = deployment(documents.length);
    documents.push(text);
    size += text.length + separator.length;
  }
  return { text: documents.join(separator), count: documents.length };
}

describe('50 MB manifests', () => {
  it('reads a 50 MB file of Deployments to the end, with positions', () => {
    const { text, count } = fiftyMegabytes('---\n');
    const output = loadManifests(createSourceDocument('big.yaml', text));
    assert.deepEqual(output.errors, []);
    assert.equal(output.objects.length, count);
    const last = output.objects.at(-1);
    const line = (count - 1) * 16 + 15;
    assert.deepEqual(last?.positions.get('/spec/template/spec/containers/0/securityContext/privileged')?.value, { start: { line, column: 25 }, end: { line, column: 29 } });
  });

  it('reads a 50 MB file with a syntax error in its middle: one error with its position, the other documents read', () => {
    const { text, count } = fiftyMegabytes('---\n');
    const middle = text.indexOf('---\n', text.length / 2) + 4;
    const broken = `${text.slice(0, middle)}data: [unclosed\n---\n${text.slice(middle)}`;
    const output = loadManifests(createSourceDocument('broken.yaml', broken));
    assert.equal(output.objects.length, count);
    assert.equal(output.errors.length, 1);
    assert.equal(output.errors[0]?.code, 'PARSE_FAILED');
    assert.equal(output.errors[0]?.path, 'broken.yaml');
    assert.equal(typeof output.errors[0]?.startLine, 'number');
  });

  it('survives 50 MB of one line and 50 MB of invalid UTF-8', () => {
    const line = loadManifests(createSourceDocument('line.yaml', `apiVersion: v1\nkind: ConfigMap\ndata:\n  a: ${'x'.repeat(FIFTY_MB)}\n`));
    assert.equal(line.objects.length, 1);
    const bytes = Buffer.alloc(FIFTY_MB, 0xe9);
    const invalid = loadManifests(createSourceDocument('latin1.yaml', decodeText(bytes)));
    assert.deepEqual(invalid.objects, []);
    for (const error of invalid.errors) assert.equal(error.code, 'PARSE_FAILED');
  });
});
