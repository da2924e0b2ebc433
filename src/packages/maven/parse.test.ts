import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSourceDocument } from '../../core/index.ts';
import { assertGolden, packageKeys } from '../__fixtures__/golden.ts';
import { isPomFile } from './index.ts';
import { interpolate, parsePom } from './parse.ts';

const parse = (text: string) => parsePom(createSourceDocument('pom.xml', text));

describe('pom.xml golden artifact', () => {
  it('pom.xml', () => assertGolden(parsePom, new URL('__fixtures__/pom.xml', import.meta.url), 'pom.xml'));
});

describe('interpolate', () => {
  const properties = new Map([
    ['a', '1'],
    ['b', '${a}.2'],
    ['loop', '${loop}'],
    ['project.version', '9'],
  ]);
  const table = [
    ['${a}', '1'],
    ['${b}', '1.2'],
    ['x-${a}-${b}', 'x-1-1.2'],
    ['${pom.version}', '9'],
    ['${missing}', undefined],
    ['${loop}', undefined],
    ['plain', 'plain'],
  ] as const;
  for (const [value, expected] of table) it(value, () => assert.equal(interpolate(value, properties), expected));
});

describe('pom.xml quirks', () => {
  it('an XML syntax problem is reported with its position; good dependencies are kept', () => {
    const result = parse('<project>\n  <properties>\n    <${Id}.version>1</${Id}.version>\n  </properties>\n  <dependencies><dependency><groupId>g</groupId><artifactId>a</artifactId><version>1</version></dependency></dependencies>\n</project>\n');
    assert.deepEqual(packageKeys(result), ['g:a@1']);
    assert.deepEqual(result.errors.map((error) => [error.startLine, error.startColumn, error.message]), [[3, 6, 'Invalid XML: Invalid element name "${Id}.version".']]);
  });

  it('a document that is not a POM yields nothing and one error', () => {
    const result = parse('<settings><x/></settings>');
    assert.equal(result.artifact, undefined);
    assert.equal(result.errors[0]?.message, 'Not a Maven POM: the root element is not <project>.');
  });

  it('an empty file yields nothing and no error', () => {
    assert.deepEqual(parse(''), { artifact: undefined, errors: [] });
  });

  it('survives deep nesting and an unterminated document', () => {
    const result = parse(`<project>${'<a>'.repeat(10_000)}`);
    assert.deepEqual(packageKeys(result), []);
    assert.ok(result.errors.length > 0);
  });

  it('matches pom.xml, and *.pom when the content is a project', () => {
    assert.deepEqual(
      [
        ['pom.xml', ''],
        ['lib-1.0.pom', '<?xml version="1.0"?><project>'],
        ['lib-1.0.pom', 'nothing'],
      ].map(([path = '', head = '']) => isPomFile({ path, size: 1 }, () => head)),
      [true, true, false],
    );
  });
});
