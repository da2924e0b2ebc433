import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PalisadeError } from '../../core/index.ts';
import { ECOSYSTEM_SCHEMES, SCHEME_IDS, compareVersions, parseVersion, schemeIdFor, tryCompareVersions, versionSchemeFor, versionSchemes } from './index.ts';

describe('versioning: OSV ecosystems', () => {
  const cases: readonly (readonly [string, string])[] = [
    ['npm', 'semver'], ['crates.io', 'semver'], ['Hex', 'semver'], ['Go', 'go'], ['PyPI', 'pep440'], ['Maven', 'maven'], ['RubyGems', 'rubygems'],
    ['NuGet', 'nuget'], ['Packagist', 'packagist'], ['Pub', 'pub'], ['CRAN', 'cran'], ['Hackage', 'hackage'],
    ['Debian', 'dpkg'], ['Debian:12', 'dpkg'], ['Ubuntu:22.04:LTS', 'dpkg'], ['Alpine', 'apk'], ['Alpine:v3.20', 'apk'], ['Wolfi', 'apk'], ['Chainguard', 'apk'],
    ['Red Hat', 'rpm'], ['Red Hat:enterprise_linux:9::appstream', 'rpm'], ['AlmaLinux:9', 'rpm'], ['Rocky Linux:8', 'rpm'], ['openSUSE:Leap 15.5', 'rpm'], ['SUSE:Linux Enterprise Server 15 SP5', 'rpm'],
  ];
  for (const [ecosystem, scheme] of cases) it(`${ecosystem} → ${scheme}`, () => assert.equal(schemeIdFor(ecosystem), scheme));

  it('has no scheme for unknown or case-mangled names, nor for prototype keys', () => {
    for (const name of ['pypi', 'NPM', 'GIT', 'Linux', 'OSS-Fuzz', '', ':', 'constructor', '__proto__', 'toString']) assert.equal(schemeIdFor(name), undefined, name);
  });
  it('maps every ecosystem to a scheme that exists, and every scheme is used', () => {
    const used = new Set(Object.values(ECOSYSTEM_SCHEMES));
    assert.deepEqual([...used].sort(), [...SCHEME_IDS]);
    for (const id of SCHEME_IDS) assert.equal(versionSchemes[id].id, id);
  });
});

describe('versioning: compareVersions', () => {
  const rows: readonly (readonly [string, string, string, number])[] = [
    ['npm', '1.2.3', '1.10.0', -1],
    ['Go', 'v1.2.3', '1.2.3+incompatible', 0],
    ['PyPI', '1.0rc1', '1.0', -1],
    ['Maven', '1.0-SNAPSHOT', '1.0', -1],
    ['RubyGems', '1.0.a', '1.0', -1],
    ['NuGet', '1.0.0-BETA', '1.0.0-beta', 0],
    ['Packagist', 'v1.0.0', '1.0', 0],
    ['Debian:11', '1:1.0-1', '2.0-1', 1],
    ['Ubuntu', '1.0~rc1', '1.0', -1],
    ['Alpine:v3.18', '1.2.3-r1', '1.2.3_p1-r0', -1],
    ['Red Hat', '1.0-1.el8', '1.0-1.el8_2', -1],
    ['Pub', '1.0.0+1', '1.0.0', 1],
    ['CRAN', '1.0-1', '1.0-0', 1],
    ['Hackage', '1.0', '1', 1],
  ];
  for (const [ecosystem, a, b, expected] of rows) it(`${ecosystem}: ${a} vs ${b} = ${expected}`, () => assert.equal(compareVersions(ecosystem, a, b), expected));

  it('throws a coded PalisadeError naming the version and column, with the typed failure as cause', () => {
    assert.throws(() => compareVersions('npm', '1.2.3', 'latest'), (error: unknown) => {
      assert.ok(error instanceof PalisadeError);
      assert.equal(error.code, 'PARSE_FAILED');
      assert.equal(error.message, 'Invalid npm version "latest" at column 1: not a SemVer version (MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]).');
      assert.deepEqual(error.cause, { kind: 'invalid-version', ecosystem: 'npm', scheme: 'semver', text: 'latest', column: 1, message: error.message });
      return true;
    });
  });
  it('throws for an unknown ecosystem', () => {
    assert.throws(() => compareVersions('Cobol', '1', '2'), { name: 'PalisadeError', code: 'PARSE_FAILED', message: 'No version ordering is known for ecosystem "Cobol".' });
  });
});

describe('versioning: typed failures', () => {
  it('tryCompareVersions returns the first failure', () => {
    assert.deepEqual(tryCompareVersions('Cobol', '1', '2'), { ok: false, error: { kind: 'unknown-ecosystem', ecosystem: 'Cobol', message: 'No version ordering is known for ecosystem "Cobol".' } });
    assert.deepEqual(tryCompareVersions('Debian', '1.0', 'a:1'), {
      ok: false,
      error: { kind: 'invalid-version', ecosystem: 'Debian', scheme: 'dpkg', text: 'a:1', column: 1, message: 'Invalid Debian version "a:1" at column 1: epoch is not a number.' },
    });
  });
  it('parseVersion shortens a huge text in the message but keeps it whole in the failure', () => {
    const text = 'x'.repeat(5000);
    const result = parseVersion('npm', text);
    assert.ok(!result.ok && result.error.kind === 'invalid-version');
    assert.equal(result.error.text, text);
    assert.equal(result.error.message, `Invalid npm version "${'x'.repeat(80)}…" at column 1025: version longer than 1024 characters.`);
  });
  it('versions parse once and compare many times', () => {
    const scheme = versionSchemeFor('PyPI');
    assert.ok(scheme.ok);
    const a = scheme.value.parse('1.0');
    const b = scheme.value.parse('1.0.post1');
    assert.ok(a.ok && b.ok);
    assert.deepEqual(a.value, { scheme: 'pep440', text: '1.0' });
    assert.equal(scheme.value.compare(a.value, b.value), -1);
  });
  it('refuses (as a bug) to compare versions of another scheme', () => {
    const npm = parseVersion('npm', '1.0.0');
    const pypi = versionSchemeFor('PyPI');
    assert.ok(npm.ok && pypi.ok);
    assert.throws(() => pypi.value.compare(npm.value, npm.value), { message: 'Invariant failed: version "1.0.0" was not parsed by the pep440 scheme' });
  });
});
