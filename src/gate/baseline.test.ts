import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dockerfileFinding, kubernetesFinding, vulnerabilityFinding } from './__fixtures__/findings.ts';
import type { Baseline } from './baseline.ts';
import { applyBaseline, createBaseline, loadBaseline } from './baseline.ts';

const NOW = new Date('2027-03-31T12:00:00.000Z');
const PATH = '.palisade/baseline.json';

function failure(text: string): { code: string; message: string; position: unknown } {
  const result = loadBaseline(PATH, text);
  if (result.ok) throw new Error('expected the baseline to be rejected');
  return { code: result.error.code, message: result.error.message, position: result.error.position };
}

describe('createBaseline', () => {
  it('records sorted unique fingerprints of the findings that count, and a review list', () => {
    const findings = [
      kubernetesFinding(),
      dockerfileFinding(),
      dockerfileFinding(),
      vulnerabilityFinding({ suppression: { kind: 'inline', reason: 'ok' } }),
    ];
    assert.equal(
      createBaseline(findings, NOW),
      `{
  "schemaVersion": 1,
  "tool": "palisade",
  "createdAt": "2027-03-31T12:00:00.000Z",
  "fingerprints": [
    "0123456789abcdef0123456789abcdef",
    "fedcba9876543210fedcba9876543210"
  ],
  "findings": [
    {
      "fingerprint": "fedcba9876543210fedcba9876543210",
      "ruleId": "K8S-0001",
      "path": "k8s/web.yaml"
    },
    {
      "fingerprint": "0123456789abcdef0123456789abcdef",
      "ruleId": "DKR-0001",
      "path": "services/api/Dockerfile"
    }
  ]
}
`,
    );
  });

  it('writes an empty baseline for no findings', () => {
    assert.equal(createBaseline([], NOW), '{\n  "schemaVersion": 1,\n  "tool": "palisade",\n  "createdAt": "2027-03-31T12:00:00.000Z",\n  "fingerprints": [],\n  "findings": []\n}\n');
  });

  it('round-trips through loadBaseline', () => {
    const loaded = loadBaseline(PATH, createBaseline([dockerfileFinding(), kubernetesFinding()], NOW));
    assert.deepEqual(loaded, {
      ok: true,
      value: { path: PATH, createdAt: '2027-03-31T12:00:00.000Z', fingerprints: new Set(['0123456789abcdef0123456789abcdef', 'fedcba9876543210fedcba9876543210']) },
    });
  });
});

describe('loadBaseline', () => {
  it('accepts a minimal file and a byte order mark', () => {
    assert.deepEqual(loadBaseline(PATH, '\uFEFF{"schemaVersion": 1, "fingerprints": ["abc"]}'), { ok: true, value: { path: PATH, fingerprints: new Set(['abc']) } });
  });

  const cases: readonly { name: string; text: string; message: string; position: unknown }[] = [
    { name: 'an empty file', text: '', message: '.palisade/baseline.json: not valid JSON (Unexpected end of JSON input)', position: { path: PATH } },
    {
      name: 'truncated JSON',
      text: '{"schemaVersion": 1, "fingerprints": ["a"',
      message: ".palisade/baseline.json:1:42: not valid JSON (Expected ',' or ']' after array element in JSON at position 41 (line 1 column 42))",
      position: { path: PATH, line: 1, column: 42 },
    },
    { name: 'a JSON array', text: '[]', message: '.palisade/baseline.json: a baseline must be a JSON object (found a list)', position: { path: PATH } },
    { name: 'JSON null', text: 'null', message: '.palisade/baseline.json: a baseline must be a JSON object (found nothing)', position: { path: PATH } },
    {
      name: 'another tool’s report (SARIF)',
      text: '{"version": "2.1.0", "runs": []}',
      message: '.palisade/baseline.json: the file is missing the required key "schemaVersion"\n.palisade/baseline.json: the file is missing the required key "fingerprints"',
      position: { path: PATH },
    },
    {
      name: 'a newer schema version',
      text: '{"schemaVersion": 2, "fingerprints": []}',
      message: '.palisade/baseline.json: baseline schemaVersion 2 is not supported (this version of Palisade reads 1); record the baseline again with `palisade baseline`',
      position: { path: PATH },
    },
    {
      name: 'bad fingerprints',
      text: '{"schemaVersion": 1, "fingerprints": ["ok", 7, ""]}',
      message: '.palisade/baseline.json: "fingerprints[1]" must be a string (found an integer)\n.palisade/baseline.json: "fingerprints[2]" must not be empty',
      position: { path: PATH },
    },
    {
      name: 'a string version',
      text: '{"schemaVersion": "1", "fingerprints": {}}',
      message: '.palisade/baseline.json: "schemaVersion" must be an integer (found a string)\n.palisade/baseline.json: "fingerprints" must be a list (found a mapping)',
      position: { path: PATH },
    },
  ];
  for (const testCase of cases) {
    it(`rejects ${testCase.name}`, () => assert.deepEqual(failure(testCase.text), { code: 'BASELINE_INVALID', message: testCase.message, position: testCase.position }));
  }

  it('clips the parser message for a huge broken file', () => {
    const { message } = failure(`{"schemaVersion": 1, "fingerprints": ["${'a'.repeat(1 << 20)}"}`);
    assert.ok(message.length < 260, `message is ${message.length} characters`);
    assert.match(message, /^\.palisade\/baseline\.json(:\d+:\d+)?: not valid JSON \(/);
  });

  it('caps the report of 10,000 bad fingerprints at 20 lines', () => {
    const { message } = failure(JSON.stringify({ schemaVersion: 1, fingerprints: Array.from({ length: 10_000 }, () => 1) }));
    assert.equal(message.split('\n').length, 20);
  });

  it('reads 100,000 fingerprints', () => {
    const fingerprints = Array.from({ length: 100_000 }, (_value, index) => index.toString(16).padStart(32, '0'));
    const loaded = loadBaseline(PATH, JSON.stringify({ schemaVersion: 1, fingerprints }));
    assert.equal(loaded.ok ? loaded.value.fingerprints.size : 0, 100_000);
  });
});

describe('applyBaseline', () => {
  const baseline: Baseline = { path: PATH, fingerprints: new Set(['0123456789abcdef0123456789abcdef']) };

  it('marks findings in the baseline and leaves the others', () => {
    assert.deepEqual(applyBaseline([dockerfileFinding(), kubernetesFinding()], baseline), [
      { ...dockerfileFinding(), suppression: { kind: 'baseline', reason: 'in baseline .palisade/baseline.json' } },
      kubernetesFinding(),
    ]);
  });

  it('keeps an existing suppression', () => {
    const waived = dockerfileFinding({ suppression: { kind: 'exception', reason: 'r', owner: 'o', expires: '2030-01-01' } });
    assert.deepEqual(applyBaseline([waived], baseline), [waived]);
  });
});
