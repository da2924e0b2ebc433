import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { locateJsonError } from './json-error.ts';
import { baseEcosystem, normalizePackageName } from './names.ts';
import { parseOsvRecord } from './record.ts';
import { canonicalTimestamp } from './timestamp.ts';

const RANGE = { type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.0.0' }] };

function record(fields: Readonly<Record<string, unknown>>): string {
  return JSON.stringify({ id: 'GHSA-test', modified: '2024-01-01T00:00:00Z', ...fields });
}

function affected(ranges: readonly unknown[], ecosystem = 'npm'): Record<string, unknown> {
  return { affected: [{ package: { ecosystem, name: 'pkg' }, ranges }] };
}

describe('parseOsvRecord: invalid advisories', () => {
  const cases: readonly { name: string; text: string; message: string; line?: number; column?: number }[] = [
    { name: 'empty text', text: '', message: 'a.json:1:1: invalid JSON: unexpected end of input', line: 1, column: 1 },
    { name: 'trailing comma', text: '{\n  "id": "X",\n}', message: 'a.json:3:1: invalid JSON: unexpected character "}"', line: 3, column: 1 },
    { name: 'bad literal', text: '{"id":\n  tru}', message: 'a.json:2:3: invalid JSON: unexpected character "t"', line: 2, column: 3 },
    { name: 'unterminated string', text: '{"id": "abc', message: 'a.json:1:12: invalid JSON: unterminated string', line: 1, column: 12 },
    { name: 'garbage after value', text: '{"id": "a"} x', message: 'a.json:1:13: invalid JSON: unexpected character "x" after the JSON value', line: 1, column: 13 },
    { name: 'not an object', text: '[1, 2]', message: 'a.json: not an OSV advisory: the JSON value must be an object' },
    { name: 'no id', text: '{"modified": "2024-01-01T00:00:00Z"}', message: 'a.json: not an OSV advisory: id is missing' },
    { name: 'empty id', text: '{"id": "", "modified": "2024-01-01T00:00:00Z"}', message: 'a.json: not an OSV advisory: id must be a non-empty string' },
    { name: 'no modified', text: '{"id": "X-1"}', message: 'a.json: advisory X-1: modified is missing' },
    { name: 'bad modified', text: '{"id": "X-1", "modified": "yesterday"}', message: 'a.json: advisory X-1: modified must be an RFC 3339 timestamp (got "yesterday")' },
    { name: 'bad withdrawn', text: record({ withdrawn: 5 }), message: 'a.json: advisory GHSA-test: withdrawn must be an RFC 3339 timestamp (got 5)' },
    { name: 'aliases not strings', text: record({ aliases: ['CVE-1', 2] }), message: 'a.json: advisory GHSA-test: aliases[1] must be a string' },
    { name: 'package without name', text: record({ affected: [{ package: { ecosystem: 'npm' } }] }), message: 'a.json: advisory GHSA-test: affected[0].package.name is missing' },
    { name: 'unknown range type', text: record(affected([RANGE, { type: 'SEMVAR', events: [{ introduced: '0' }] }])), message: 'a.json: advisory GHSA-test: affected[0].ranges[1].type must be SEMVER, ECOSYSTEM or GIT (got "SEMVAR")' },
    { name: 'event with two keys', text: record(affected([{ type: 'ECOSYSTEM', events: [{ introduced: '0', fixed: '2' }] }])), message: 'a.json: advisory GHSA-test: affected[0].ranges[0].events[0] must hold exactly one of introduced, fixed, last_affected, limit (has "introduced" and "fixed")' },
    { name: 'empty event', text: record(affected([{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, {}] }])), message: 'a.json: advisory GHSA-test: affected[0].ranges[0].events[1] must hold exactly one of introduced, fixed, last_affected, limit (has none)' },
    { name: 'event value not a string', text: record(affected([{ type: 'ECOSYSTEM', events: [{ introduced: 0 }] }])), message: 'a.json: advisory GHSA-test: affected[0].ranges[0].events[0].introduced must be a string' },
    { name: 'no introduced', text: record(affected([{ type: 'ECOSYSTEM', events: [{ fixed: '1' }] }])), message: 'a.json: advisory GHSA-test: affected[0].ranges[0].events has no "introduced" event' },
    { name: 'no events', text: record(affected([{ type: 'ECOSYSTEM', events: [] }])), message: 'a.json: advisory GHSA-test: affected[0].ranges[0].events must not be empty' },
    { name: 'GIT without repo', text: record(affected([{ type: 'GIT', events: [{ introduced: '0' }] }])), message: 'a.json: advisory GHSA-test: affected[0].ranges[0].repo is missing (a GIT range names its repository)' },
    { name: 'ranges not an array', text: record({ affected: [{ ranges: {} }] }), message: 'a.json: advisory GHSA-test: affected[0].ranges must be an array' },
  ];
  for (const { name, text, message, line, column } of cases) {
    it(name, () => {
      const result = parseOsvRecord(text, 'a.json');
      assert.equal(result.ok, false);
      if (result.ok) return;
      assert.equal(result.error.code, 'ADVISORY_INVALID');
      assert.equal(result.error.message, message);
      assert.deepEqual(result.error.position, { path: 'a.json', ...(line === undefined ? {} : { line, column }) });
    });
  }

  it('refuses a record over the size limit without parsing it', () => {
    const result = parseOsvRecord(record({ details: 'x'.repeat(3 * 1024 * 1024) }), 'big.json', { maxBytes: 2 * 1024 * 1024 });
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.equal(result.error.code, 'FILE_TOO_LARGE');
    assert.equal(result.error.message, 'big.json: the advisory is 3.0 MiB; the limit is 2.0 MiB');
  });

  it('survives hostile nesting', () => {
    const deep = `{"id": "X", "modified": "2024-01-01T00:00:00Z", "database_specific": {"a": ${'['.repeat(100_000)}`;
    const result = parseOsvRecord(deep, 'deep.json');
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.equal(result.error.message, `deep.json:1:${deep.length + 1}: invalid JSON: unexpected end of input`);
  });
});

describe('parseOsvRecord: valid advisories', () => {
  it('keeps unknown ecosystems and reports them', () => {
    const text = JSON.stringify({
      id: 'X-1',
      modified: '2024-01-01T00:00:00.5+02:00',
      affected: [
        { package: { ecosystem: 'Debian:12', name: 'openssl' }, ranges: [RANGE] },
        { package: { ecosystem: 'Haiku:r1', name: 'x' }, versions: ['1'] },
        { package: { ecosystem: 'Haiku', name: 'y' } },
        { package: { ecosystem: 'OSS-Fuzz', name: 'z' } },
        { ranges: [{ type: 'GIT', repo: 'https://example.com/r.git', events: [{ introduced: '0' }, { limit: 'abc' }] }] },
      ],
    });
    const result = parseOsvRecord(text, 'x.json');
    assert.equal(result.ok, true);
    if (!result.ok) return;
    assert.deepEqual(result.value.unknownEcosystems, ['Haiku', 'OSS-Fuzz']);
    assert.equal(result.value.modified, '2023-12-31T22:00:00.500000000Z');
    assert.deepEqual(result.value.record, JSON.parse(text));
  });

  it('keeps withdrawn records and extra fields, and accepts a byte-order mark', () => {
    const text = `\ufeff${record({ withdrawn: '2024-02-01T00:00:00Z', credits: [{ name: 'someone' }], ...affected([RANGE]) })}`;
    const result = parseOsvRecord(text, 'w.json');
    assert.equal(result.ok, true);
    if (!result.ok) return;
    assert.equal(result.value.record.withdrawn, '2024-02-01T00:00:00Z');
    assert.deepEqual(result.value.unknownEcosystems, []);
  });

  it('reads a huge advisory (50,000 versions)', () => {
    const versions = Array.from({ length: 50_000 }, (_, index) => `1.0.${index}`);
    const result = parseOsvRecord(record({ affected: [{ package: { ecosystem: 'PyPI', name: 'big' }, versions }] }), 'huge.json');
    assert.equal(result.ok, true);
    if (!result.ok) return;
    assert.equal(result.value.record.affected?.[0]?.versions?.length, 50_000);
  });
});

describe('canonicalTimestamp', () => {
  const cases: readonly [string, string | undefined][] = [
    ['2024-01-01T00:00:00Z', '2024-01-01T00:00:00.000000000Z'],
    ['2026-07-08T04:32:24.548042624Z', '2026-07-08T04:32:24.548042624Z'],
    ['0001-01-01T00:00:00Z', '0001-01-01T00:00:00.000000000Z'],
    ['2024-03-01T01:30:00+02:00', '2024-02-29T23:30:00.000000000Z'],
    ['2024-03-01T01:30:00-00:30', '2024-03-01T02:00:00.000000000Z'],
    ['2024-02-30T00:00:00Z', undefined],
    ['2024-01-01T24:00:00Z', undefined],
    ['2024-01-01', undefined],
    ['2024-01-01T00:00:00', undefined],
  ];
  for (const [text, expected] of cases) it(text, () => assert.equal(canonicalTimestamp(text), expected));
});

describe('names', () => {
  const cases: readonly [string, string, string, string][] = [
    ['PyPI', 'Django', 'PyPI', 'django'],
    ['PyPI', 'zope.interface', 'PyPI', 'zope-interface'],
    ['PyPI', 'Foo__Bar-.baz', 'PyPI', 'foo-bar-baz'],
    ['npm', '@Scope/Pkg', 'npm', '@Scope/Pkg'],
    ['Debian:12', 'OpenSSL', 'Debian', 'OpenSSL'],
    ['Red Hat:enterprise_linux:9::appstream', 'curl', 'Red Hat', 'curl'],
  ];
  for (const [ecosystem, name, base, normalized] of cases) {
    it(`${ecosystem} ${name}`, () => {
      assert.equal(baseEcosystem(ecosystem), base);
      assert.equal(normalizePackageName(ecosystem, name), normalized);
    });
  }
});

describe('locateJsonError', () => {
  const valid = ['{}', '[]', '"x"', '0', '-1.5e3', ' {"a": [1, true, null, {"b": "\\u00e9\\n"}]} ', '[[[]]]'];
  for (const text of valid) it(`accepts ${text}`, () => assert.equal(locateJsonError(text), undefined));
  const invalid: readonly [string, number, string][] = [
    ['{"a" 1}', 5, 'unexpected character "1"'],
    ['[1 2]', 3, 'unexpected character "2"'],
    ['{"a":1,}', 7, 'unexpected character "}"'],
    ['"\\x"', 1, 'invalid escape in string'],
    ['"a\nb"', 2, 'control character in string'],
    ['01', 1, 'unexpected character "1" after the JSON value'],
    ['[', 1, 'unexpected end of input'],
  ];
  for (const [text, offset, reason] of invalid) it(`rejects ${JSON.stringify(text)}`, () => assert.deepEqual(locateJsonError(text), { offset, reason }));
});
