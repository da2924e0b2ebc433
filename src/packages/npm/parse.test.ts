import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSourceDocument } from '../../core/index.ts';
import { assertGolden, packageKeys, rangeText } from '../__fixtures__/golden.ts';
import { npmLockAnalyzer } from './index.ts';
import { classifyNpmVersion, parseNpmLock } from './parse.ts';

const parse = (text: string) => parseNpmLock(createSourceDocument('package-lock.json', text));

describe('npm package-lock golden artifacts', () => {
  for (const name of ['package-lock.v1.json', 'package-lock.v2.json', 'package-lock.v3.json']) {
    it(name, () => assertGolden(parseNpmLock, new URL(`__fixtures__/${name}`, import.meta.url), 'package-lock.json'));
  }
});

describe('classifyNpmVersion', () => {
  const table = [
    { version: '1.2.3', resolved: undefined, expected: { version: '1.2.3' } },
    { version: 'npm:string-width@4.2.3', resolved: undefined, expected: { version: '4.2.3', alias: 'string-width' } },
    { version: 'npm:@scope/pkg@1.0.0', resolved: undefined, expected: { version: '1.0.0', alias: '@scope/pkg' } },
    { version: 'github:acme/x#abc1234', resolved: undefined, expected: { version: '', skipReason: 'git', commit: 'abc1234' } },
    { version: '2.0.0', resolved: 'git+ssh://git@github.com/a/b.git#0123456', expected: { version: '2.0.0', skipReason: 'git', commit: '0123456' } },
    { version: 'file:../x', resolved: undefined, expected: { version: '', skipReason: 'local-path' } },
    { version: 'https://example.com/x.tgz', resolved: undefined, expected: { version: '', skipReason: 'url' } },
  ] as const;
  for (const row of table) it(row.version, () => assert.deepEqual(classifyNpmVersion(row.version, row.resolved), row.expected));
});

describe('npm package-lock quirks', () => {
  it('marks direct dependencies of the root (v2+) and scopes', () => {
    const artifact = parse('{"lockfileVersion":3,"packages":{"":{"dependencies":{"a":"1"},"devDependencies":{"b":"1"}},"node_modules/a":{"version":"1.0.0"},"node_modules/b":{"version":"2.0.0","dev":true},"node_modules/a/node_modules/b":{"version":"3.0.0"}}}').artifact;
    assert.deepEqual(
      artifact?.packages.map((entry) => [entry.name, entry.version, entry.direct, entry.scope, rangeText(entry.range)]),
      [
        ['a', '1.0.0', true, 'prod', '1:92-1:128'],
        ['b', '2.0.0', true, 'dev', '1:129-1:176'],
        ['b', '3.0.0', false, 'prod', '1:177-1:228'],
      ],
    );
  });

  it('reports a merge conflict with its position and yields nothing', () => {
    const result = parse('{\n  "lockfileVersion": 2,\n<<<<<<< HEAD\n  "packages": {}\n=======\n  "packages": {"": {}}\n>>>>>>> feature\n}\n');
    assert.equal(result.artifact, undefined);
    assert.deepEqual(result.errors, [{ path: 'package-lock.json', code: 'PARSE_FAILED', message: 'Unresolved merge conflict marker in the file.', startLine: 3, startColumn: 1 }]);
  });

  it('reports invalid JSON with its position', () => {
    const result = parse('{\n  "lockfileVersion": 2,\n  "packages": {,}\n}');
    assert.equal(result.artifact, undefined);
    assert.equal(result.errors[0]?.startLine, 3);
    assert.match(result.errors[0]?.message ?? '', /^Invalid JSON: /);
  });

  it('drops bad entries one at a time with their position', () => {
    const result = parse('{"lockfileVersion":1,"dependencies":{\n"a":{"version":"1.0.0"},\n"b":{},\n"c":5,\n"d":{"version":"2.0.0"}}}');
    assert.deepEqual(packageKeys(result), ['a@1.0.0', 'd@2.0.0']);
    assert.deepEqual(result.errors.map((error) => [error.startLine, error.startColumn, error.message]), [
      [3, 1, 'Dependency "b" has no version; skipped.'],
      [4, 1, 'Dependency "c" has no version; skipped.'],
    ]);
  });

  it('accepts a byte-order mark and a non-object top level yields an error', () => {
    assert.deepEqual(packageKeys(parse('\ufeff{"lockfileVersion":3,"packages":{"node_modules/x":{"version":"1.0.0"}}}')), ['x@1.0.0']);
    assert.equal(parse('[1,2]').errors[0]?.message, 'Expected a JSON object at the top level.');
  });

  it('handles escaped keys and hostile nesting without throwing', () => {
    assert.deepEqual(packageKeys(parse('{"lockfileVersion":3,"packages":{"node_modules/\\u0061b":{"version":"1.0.0"}}}')), ['ab@1.0.0']);
    const deep = `{"lockfileVersion":3,"packages":{"node_modules/x":{"version":"1.0.0","extra":${'['.repeat(5000)}${']'.repeat(5000)}}}}`;
    assert.deepEqual(packageKeys(parse(deep)), ['x@1.0.0']);
  });

  it('parses a 100 MB lockfile', () => {
    const entry = (index: number) => `"node_modules/package-${index}":{"version":"1.0.${index}","resolved":"https://registry.npmjs.org/package-${index}/-/package-${index}-1.0.${index}.tgz","integrity":"sha512-${'A'.repeat(900)}"}`;
    const count = 100_000;
    const parts: string[] = [];
    for (let index = 0; index < count; index++) parts.push(entry(index));
    const text = `{"lockfileVersion":3,"packages":{${parts.join(',\n')}}}`;
    assert.ok(text.length > 100_000_000);
    const result = parse(text);
    assert.equal(result.artifact?.packages.length, count);
    assert.equal(result.artifact?.packages.at(-1)?.range.start.line, count);
  });

  it('matches lockfiles by name, not inside node_modules', () => {
    const matches = (path: string) => npmLockAnalyzer.matches({ path, size: 1 }, () => '');
    assert.deepEqual(['package-lock.json', 'a/npm-shrinkwrap.json', 'node_modules/x/package-lock.json', 'package.json'].map(matches), [true, true, false, false]);
  });
});
