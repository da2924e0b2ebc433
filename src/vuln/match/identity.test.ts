import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Distribution } from '../../packages/index.ts';
import { normalisePackageName, packageQuery, relatePackage, relateRelease } from './identity.ts';

describe('normalisePackageName', () => {
  const rows: readonly (readonly [string, string, string])[] = [
    ['PyPI', 'Django_REST.framework', 'django-rest-framework'],
    ['PyPI', 'ruamel.yaml', 'ruamel-yaml'],
    ['PyPI', 'a__b--c', 'a-b-c'],
    ['Packagist', 'Symfony/HTTP-Kernel', 'symfony/http-kernel'],
    ['NuGet', 'Newtonsoft.Json', 'newtonsoft.json'],
    ['Maven', 'org.apache.logging.log4j:log4j-core', 'org.apache.logging.log4j:log4j-core'],
    ['Go', 'github.com/Masterminds/semver/v3', 'github.com/Masterminds/semver/v3'],
    ['npm', '@Scope/Name', '@Scope/Name'],
  ];
  for (const [ecosystem, name, expected] of rows) it(`${ecosystem} ${name}`, () => assert.equal(normalisePackageName(ecosystem, name), expected));
});

describe('relateRelease: OSV ecosystem suffix against os-release', () => {
  const debian12: Distribution = { id: 'debian', versionId: '12', versionCodename: 'bookworm' };
  const sid: Distribution = { id: 'debian', versionId: '', versionCodename: 'trixie' };
  const jammy: Distribution = { id: 'ubuntu', versionId: '22.04' };
  const bionic: Distribution = { id: 'ubuntu', versionId: '18.04' };
  const alpine: Distribution = { id: 'alpine', versionId: '3.19.1' };
  const rhel: Distribution = { id: 'rhel', versionId: '9.4' };
  const rocky: Distribution = { id: 'rocky', versionId: '8.10' };
  const rows: readonly (readonly [string, Distribution | undefined, string])[] = [
    ['Debian', debian12, 'same'],
    ['Debian:12', debian12, 'same'],
    ['Debian:11', debian12, 'other-release'],
    ['Debian:12', undefined, 'unknown-release'],
    ['Debian:trixie', sid, 'same'],
    ['Debian:sid', sid, 'same'],
    ['Debian:12', sid, 'other-release'],
    ['Ubuntu:22.04:LTS', jammy, 'same'],
    ['Ubuntu:Pro:18.04:LTS', bionic, 'same'],
    ['Ubuntu:20.04:LTS', jammy, 'other-release'],
    ['Ubuntu:FIPS:22.04:LTS', jammy, 'other-release'],
    ['Alpine:v3.19', alpine, 'same'],
    ['Alpine:v3.1', alpine, 'other-release'],
    ['Alpine:v3.20', alpine, 'other-release'],
    ['Red Hat:enterprise_linux:9::appstream', rhel, 'same'],
    ['Red Hat:enterprise_linux:8::baseos', rhel, 'other-release'],
    ['Red Hat:rhel_eus:9.4::baseos', rhel, 'other-release'],
    ['Rocky Linux:8', rocky, 'same'],
    ['AlmaLinux:9', rocky, 'other-release'],
  ];
  for (const [ecosystem, distribution, expected] of rows) {
    it(`${ecosystem} on ${distribution === undefined ? 'no os-release' : `${distribution.id} ${distribution.versionId || distribution.versionCodename}`}`, () => assert.equal(relateRelease(ecosystem, distribution), expected));
  }
});

describe('packageQuery and relatePackage', () => {
  const range = { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } };
  const base = { purl: 'pkg:x/y', direct: undefined, scope: undefined, range, dependencies: [] };

  it('Debian and Ubuntu use the source package name and version', () => {
    const query = packageQuery('Debian', { ...base, name: 'libc6', version: '2.36-9+deb12u7+b1', sourceName: 'glibc', sourceVersion: '2.36-9+deb12u7' }, { id: 'debian', versionId: '12' });
    assert.deepEqual([query.names, query.version, query.viaSource], [['glibc'], '2.36-9+deb12u7', true]);
  });
  it('Alpine uses the origin and the package version', () => {
    const query = packageQuery('Alpine', { ...base, name: 'libcrypto3', version: '3.3.0-r2', sourceName: 'openssl', sourceVersion: '3.3.0-r2' }, { id: 'alpine', versionId: '3.20.0' });
    assert.deepEqual([query.names, query.version], [['openssl'], '3.3.0-r2']);
  });
  it('RPM distributions look up the binary and the source RPM with the full EVR', () => {
    const query = packageQuery('Red Hat', { ...base, name: 'openssl-libs', version: '1:3.0.7-27.el9', sourceName: 'openssl', sourceVersion: '3.0.7-27.el9' }, { id: 'rhel', versionId: '9.4' });
    assert.deepEqual([query.names, query.version, query.viaSource], [['openssl-libs', 'openssl'], '1:3.0.7-27.el9', false]);
  });
  it('PyPI looks up the written and the normalised name', () => {
    const query = packageQuery('PyPI', { ...base, name: 'PyYAML', version: '5.3' }, undefined);
    assert.deepEqual(query.names, ['PyYAML', 'pyyaml']);
    assert.equal(relatePackage({ ecosystem: 'PyPI', name: 'pyyaml' }, query), 'same');
    assert.equal(relatePackage({ ecosystem: 'PyPI', name: 'py-yaml' }, query), 'other-package');
  });
  it('another ecosystem is another package', () => {
    const query = packageQuery('npm', { ...base, name: 'jquery', version: '1.0.0' }, undefined);
    assert.deepEqual([relatePackage({ ecosystem: 'RubyGems', name: 'jquery' }, query), relatePackage(undefined, query)], ['other-package', 'other-package']);
  });
});
