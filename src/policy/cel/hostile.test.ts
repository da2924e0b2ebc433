import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileCel, fromCelValue } from './index.ts';
import { parseCidr, parseIp } from './ip-address.ts';
import { parseQuantity } from './lib-quantity.ts';
import { parseSemver } from './lib-semver.ts';
import { parseUrl } from './lib-url.ts';

const HUGE = 'a'.repeat(1024 * 1024);

test('hostile: parsers refuse malformed input without throwing', () => {
  const ips = ['', '1.2.3', '1.2.3.4.5', '256.1.1.1', '01.2.3.4', ':::', '1::2::3', '[::1]', '::ffff:1.2.3.4', 'fe80::1%eth0', '1:2:3:4:5:6:7:8:9', 'g::1', HUGE, `${'1:'.repeat(1000)}1`];
  assert.deepEqual(ips.map((text) => parseIp(text).ok), ips.map(() => false));
  const cidrs = ['1.2.3.4', '1.2.3.4/', '1.2.3.4/33', '1.2.3.4/08', '::1/129', '/24', `${HUGE}/8`];
  assert.deepEqual(cidrs.map((text) => parseCidr(text).ok), cidrs.map(() => false));
  const quantities = ['', '.', '-', '1..2', '1.2.3', '1Kib', '1 Ki', '1e999999', 'e3', '--1', HUGE];
  assert.deepEqual(quantities.map((text) => parseQuantity(text) === undefined), quantities.map(() => true));
  const versions = ['', '1', '1.2', '01.2.3', '1.2.3-', '1.2.3+', '1.2.3-01', 'v1.2.3', HUGE, `1.2.3-${'a.'.repeat(10_000)}a!`];
  assert.deepEqual(versions.map((text) => parseSemver(text) === undefined), versions.map(() => true));
  const urls = ['', 'example.com', 'http://[::1', 'http://host:port/', 'http://ho st/', '/a%zz', ':no-scheme', '\u0000http://x/'];
  assert.deepEqual(urls.map((text) => parseUrl(text) === undefined), urls.map(() => true));
});

test('hostile: library functions on a 1 MiB string answer (or fail cleanly) within the cost budget', () => {
  const cases: readonly (readonly [string, unknown])[] = [
    ['isIP(s)', false],
    ['isCIDR(s)', false],
    ['isQuantity(s)', false],
    ['isSemver(s)', false],
    ['isURL("https://example.com/" + s)', true],
    ['format.dns1123Label().validate(s).hasValue()', true],
    ['s.reverse().size()', 1024 * 1024],
    ['s.charAt(1048575)', 'a'],
    ['s.replace("a", "bb", 3).size()', 1024 * 1024 + 3],
    ['s.find("a+b")', ''],
    ['s.matches("^(a+)+$")', true],
    ['strings.quote(s).size()', 1024 * 1024 + 2],
  ];
  for (const [source, expected] of cases) {
    const compiled = compileCel(source, { variables: { s: 'string' } });
    assert.ok(compiled.ok, source);
    const result = compiled.program.evaluate({ s: HUGE });
    assert.ok(result.ok, `${source}: ${result.ok ? '' : result.error.message}`);
    assert.deepEqual(fromCelValue(result.value), expected, source);
  }
});

test('hostile: building a string beyond 4 Mi characters is a cost error', () => {
  const compiled = compileCel('s + s + s + s + s', { variables: { s: 'string' } });
  assert.ok(compiled.ok);
  const result = compiled.program.evaluate({ s: HUGE });
  assert.equal(result.ok, false);
  assert.deepEqual(!result.ok && [result.kind, result.error.message], ['cost', 'value of size 5242880 exceeds the maximum of 4194304']);
});

test('hostile: a replace that would explode is a cost error', () => {
  const compiled = compileCel('s.replace("", s).size()', { variables: { s: 'string' } });
  assert.ok(compiled.ok);
  const result = compiled.program.evaluate({ s: 'a'.repeat(5_000) });
  assert.equal(result.ok, false);
  assert.equal(!result.ok && result.kind, 'cost');
});
