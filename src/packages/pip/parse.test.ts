import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSourceDocument } from '../../core/index.ts';
import { assertGolden, packageKeys } from '../__fixtures__/golden.ts';
import { isRequirementsFile } from './index.ts';
import { parseRequirements, pinnedVersion } from './parse.ts';

const parse = (text: string) => parseRequirements(createSourceDocument('requirements.txt', text));

describe('requirements.txt golden artifact', () => {
  it('requirements.txt', () => assertGolden(parseRequirements, new URL('__fixtures__/requirements.txt', import.meta.url), 'requirements.txt'));
});

describe('pinnedVersion', () => {
  const table = [
    ['==1.0', '1.0'],
    ['== 1.0', '1.0'],
    ['===1.0+local', '1.0+local'],
    ['==1.*', undefined],
    ['>=1.0', undefined],
    ['==1.0,<2', undefined],
    ['', undefined],
  ] as const;
  for (const [specifiers, expected] of table) it(JSON.stringify(specifiers), () => assert.equal(pinnedVersion(specifiers), expected));
});

describe('requirements.txt quirks', () => {
  it('joins continuation lines and keeps the entry range over them', () => {
    const artifact = parse('foo \\\n  == 0.1\nbar==2 --hash=sha256:abc\n').artifact;
    assert.deepEqual(artifact?.packages.map((entry) => [entry.name, entry.version, entry.range.start, entry.range.end]), [
      ['foo', '0.1', { line: 1, column: 1 }, { line: 2, column: 9 }],
      ['bar', '2', { line: 3, column: 1 }, { line: 3, column: 25 }],
    ]);
  });

  it('notes -r and -c includes with their position, without following them', () => {
    const artifact = parse('-r base.txt\n--requirement=dev.txt\n-c constraints.txt\n').artifact;
    assert.deepEqual(artifact?.includes.map((include) => [include.path, include.range.start.line]), [
      ['base.txt', 1],
      ['dev.txt', 2],
      ['constraints.txt', 3],
    ]);
  });

  it('keeps unpinned, URL, git and path requirements with a skip reason', () => {
    assert.deepEqual(packageKeys(parse('a>=1\nb @ https://x.org/b-1.0.tar.gz\n-e git+https://g.org/c.git#egg=c\n./d-2.0.tar.gz\n')), ['a@ (unpinned)', 'b@ (url)', 'c@ (git)', 'd@2.0 (local-path)']);
  });

  it('drops a line that is not a requirement, with its position', () => {
    const result = parse('ok==1\n  ==1.0\n');
    assert.deepEqual(packageKeys(result), ['ok@1']);
    assert.deepEqual(result.errors.map((error) => [error.startLine, error.startColumn, error.message]), [[2, 1, 'Not a requirement: "==1.0"; skipped.']]);
  });

  it('reports a merge conflict with its position', () => {
    assert.deepEqual(parse('a==1\n<<<<<<< HEAD\nb==1\n=======\nb==2\n>>>>>>> x\n').errors.map((error) => error.startLine), [2]);
  });

  it('survives hostile input', () => {
    assert.deepEqual(packageKeys(parse(`${'\\\n'.repeat(10_000)}x==1`)), ['x@1']);
    assert.equal(parse(`${'a'.repeat(100_000)}==1`).artifact?.packages.length, 1);
    assert.deepEqual(packageKeys(parse('\u0000\u0001==1\n')), []);
  });

  it('matches requirements files by name', () => {
    const names = ['requirements.txt', 'requirements-dev.txt', 'app/requirements/prod.txt', 'requirement.txt', 'venv/lib/site-packages/x/requirements.txt'];
    assert.deepEqual(names.map((path) => isRequirementsFile({ path, size: 1 })), [true, true, true, false, false]);
  });
});
