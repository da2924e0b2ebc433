import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileCel, fromCelValue, toCelValue } from './index.ts';
import type { CelValueResult } from './index.ts';

const VARIABLES = { object: 'dyn', oldObject: 'dyn', params: 'map' } as const;

function run(source: string, bindings: Readonly<Record<string, unknown>> = {}, costLimit?: number): CelValueResult {
  const compiled = compileCel(source, costLimit === undefined ? { variables: VARIABLES } : { variables: VARIABLES, costLimit });
  assert.ok(compiled.ok, `compile ${source}: ${compiled.ok ? '' : compiled.error.message}`);
  return compiled.program.evaluate({ object: null, oldObject: null, params: {}, ...bindings });
}

function value(source: string, bindings: Readonly<Record<string, unknown>> = {}): unknown {
  const result = run(source, bindings);
  assert.ok(result.ok, `evaluate ${source}: ${result.ok ? '' : result.error.message}`);
  return fromCelValue(result.value);
}

const POD = toCelValue({
  spec: { replicas: 3, ratio: 0.5, containers: [{ name: 'a', image: 'nginx:latest' }, { name: 'b', image: 'busybox:1.36' }] },
});

test('toCelValue: integral numbers become BigInt, others stay; nested; undefined dropped', () => {
  assert.deepEqual(toCelValue({ a: 1, b: 1.5, c: [2, 'x', true, null], d: { e: -0 }, f: undefined, g: 1e300 }), {
    a: 1n,
    b: 1.5,
    c: [2n, 'x', true, null],
    d: { e: 0n },
    g: 1e300,
  });
});

test('fromCelValue: BigInt to number when safe, else string; Map to object', () => {
  assert.deepEqual(fromCelValue({ a: 1n, b: 2n ** 60n, c: new Map([['k', [1n]]]), d: new Uint8Array([104, 105]) }), {
    a: 1,
    b: '1152921504606846976',
    c: { k: [1] },
    d: 'aGk=',
  });
});

test('Kubernetes ints: replicas + 1 is an int, ratios stay doubles', () => {
  assert.equal(value('object.spec.replicas + 1', { object: POD }), 4);
  assert.equal(value('type(object.spec.replicas) == int', { object: POD }), true);
  assert.equal(value('type(object.spec.ratio) == double', { object: POD }), true);
});

const EXPRESSIONS: readonly (readonly [string, unknown])[] = [
  ['object.spec.containers.all(c, !c.image.endsWith(":latest"))', false],
  ['object.spec.containers.exists(c, c.name == "b")', true],
  ['object.spec.containers.map(c, c.name)', ['a', 'b']],
  ['object.spec.containers.filter(c, c.image.contains("busybox")).size()', 1],
  ['object.?spec.?missing.orValue("none")', 'none'],
  ['object.spec.?containers[0].?name.orValue("")', 'a'],
  ['has(object.spec.hostPID)', false],
  ['optional.of(1).hasValue()', true],
  ['[1, "a", true].size()', 3],
  ['cel.bind(n, object.spec.containers.size(), n * 2)', 4],
  ['oldObject == null', true],
];

for (const [source, expected] of EXPRESSIONS) {
  test(`evaluates ${source}`, () => {
    assert.deepEqual(value(source, { object: POD }), expected);
  });
}

const COMPILE_ERRORS: readonly (readonly [string, string, number])[] = [
  ['1 +', 'Unexpected token: EOF', 3],
  ['foo(1)', "found no matching overload for 'foo(int)'", 0],
  ['unknownVariable == 1', "Unknown variable: unknownVariable", 0],
  ['"a" + 1', "no such overload: string + int", 0],
  ['object.spec.replicas ==', 'Unexpected token: EOF', 23],
  ['"abc".matches("(?=a)")', "invalid regular expression '(?=a)': error parsing regexp: invalid or unsupported Perl syntax: `(?=`", 14],
  ['object.name.find("[")', "invalid regular expression '[': error parsing regexp: missing closing ]: `[`", 17],
];

for (const [source, message, offset] of COMPILE_ERRORS) {
  test(`compile error: ${source}`, () => {
    const result = compileCel(source, { variables: VARIABLES });
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.equal(result.error.message, message);
    assert.equal(result.error.offset, offset);
  });
}

test('compile errors: hostile inputs never throw', () => {
  const hostile = ['', '('.repeat(5_000), '"unterminated', '[' + '1,'.repeat(5_000) + '1]', 'a'.repeat(70_000), '\u0000', '{}.'];
  for (const source of hostile) {
    const result = compileCel(source, { variables: VARIABLES });
    assert.equal(result.ok, false, JSON.stringify(source.slice(0, 20)));
  }
});

test('runtime errors carry the offset and kind runtime', () => {
  assert.deepEqual(run('1 / 0'), { ok: false, kind: 'runtime', error: { message: 'division by zero', offset: 0 } });
  assert.deepEqual(run('true && url("x y") == url("/")'), { ok: false, kind: 'runtime', error: { message: 'URL parse error during conversion from string: x y', offset: 8 } });
  assert.deepEqual(run('"ab".charAt(9)'), { ok: false, kind: 'runtime', error: { message: 'index out of range: 9', offset: 0 } });
  assert.deepEqual(run('"a".matches(object.p)', { object: { p: '(' } }), {
    ok: false,
    kind: 'runtime',
    error: { message: "invalid regular expression '(': error parsing regexp: missing closing ): `(`", offset: 0 },
  });
  const missing = run('object.spec.nothing == 1', { object: POD });
  assert.equal(missing.ok, false);
  assert.equal(!missing.ok && missing.kind, 'runtime');
});

const RANGE10 = '[1,2,3,4,5,6,7,8,9,10]';
const nested = (depth: number, macro: string, body: string): string =>
  depth === 0 ? body : `${RANGE10}.${macro}(v${depth}, ${nested(depth - 1, macro, body)})`;

const nestedFilter = (depth: number): string =>
  depth === 0 ? 'true' : `${RANGE10}.filter(v${depth}, ${nestedFilter(depth - 1)}).size() >= 0`;

const EXPLOSIONS: readonly (readonly [string, string])[] = [
  ['nested map', nested(7, 'map', 'v1')],
  ['nested exists (errors swallowed per iteration)', nested(7, 'exists', 'v1 == 11')],
  ['nested all', nested(7, 'all', 'v1 > 0')],
  ['nested filter', nestedFilter(7)],
  ['nested exists_one', nested(7, 'exists_one', 'v1 == 1')],
  ['string doubling', `cel.bind(s0, "${'x'.repeat(1_000)}", ${Array.from({ length: 14 }, (_, i) => `cel.bind(s${i + 1}, s${i} + s${i}, `).join('')}size(s14)${')'.repeat(15)}`],
];

for (const [name, source] of EXPLOSIONS) {
  test(`cost: ${name} stops with kind cost`, () => {
    const result = run(source);
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.kind, 'cost');
  });
}

test('cost: the limit is per evaluation and configurable', () => {
  const source = `${RANGE10}.map(a, ${RANGE10}.map(b, a * b)).size()`;
  assert.deepEqual(run(source, {}, 200), { ok: true, value: 10n });
  const small = run(source, {}, 50);
  assert.equal(small.ok, false);
  assert.deepEqual(!small.ok && small.error, { message: 'evaluation cost 51 exceeds the limit of 50' });
  assert.deepEqual(run(source, {}, 200), { ok: true, value: 10n });
});

test('regex: RE2 semantics, no catastrophic backtracking, bad patterns are runtime errors', () => {
  assert.equal(value(`"${'a'.repeat(40)}!".matches("^(a+)+$")`), false);
  assert.equal(value('"abc".matches("^a.c$")'), true);
  assert.equal(value('matches("abc", "b")'), true);
  const bad = run('"abc".matches(object.pattern)', { object: { pattern: '(?=a)' } });
  assert.equal(bad.ok, false);
  assert.equal(!bad.ok && bad.kind, 'runtime');
});

test('lowerAscii and upperAscii change ASCII letters only', () => {
  assert.equal(value('"ÀBC-é".lowerAscii()'), 'Àbc-é');
  assert.equal(value('"àbc-É".upperAscii()'), 'àBC-É');
});

test('compiling the same source twice gives independent programs', () => {
  const a = compileCel('object.x', { variables: { object: 'dyn' } });
  const b = compileCel('object.x', { variables: { object: 'dyn' } });
  assert.ok(a.ok && b.ok);
  assert.deepEqual(a.program.evaluate({ object: { x: 1n } }), { ok: true, value: 1n });
  assert.deepEqual(b.program.evaluate({ object: { x: 'y' } }), { ok: true, value: 'y' });
});
