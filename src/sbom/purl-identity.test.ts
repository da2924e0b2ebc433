import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { identifyPurl } from './purl-identity.ts';

describe('identifyPurl', () => {
  const cases = [
    { purl: 'pkg:npm/%40babel/core@7.23.0', want: 'npm @babel/core 7.23.0' },
    { purl: 'pkg:npm/lodash@4.17.21', want: 'npm lodash 4.17.21' },
    { purl: 'pkg:pypi/Django_Rest@3.0', want: 'PyPI django-rest 3.0' },
    { purl: 'pkg:golang/github.com/pkg/errors@v0.9.1', want: 'Go github.com/pkg/errors 0.9.1' },
    { purl: 'pkg:golang/stdlib@1.21.5', want: 'Go stdlib 1.21.5' },
    { purl: 'pkg:cargo/serde@1.0.190', want: 'crates.io serde 1.0.190' },
    { purl: 'pkg:gem/rails@7.1.2', want: 'RubyGems rails 7.1.2' },
    { purl: 'pkg:composer/laravel/framework@v10.0.0', want: 'Packagist laravel/framework v10.0.0' },
    { purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1?type=jar', want: 'Maven org.apache.logging.log4j:log4j-core 2.14.1' },
    { purl: 'pkg:nuget/Newtonsoft.Json@13.0.1', want: 'NuGet Newtonsoft.Json 13.0.1' },
    { purl: 'pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12', want: 'Debian libc6 2.36-9+deb12u4 debian/12' },
    { purl: 'pkg:deb/ubuntu/openssl@3.0.2-0ubuntu1.10?distro=ubuntu-22.04', want: 'Ubuntu openssl 3.0.2-0ubuntu1.10 ubuntu/22.04' },
    { purl: 'pkg:deb/debian/bash@5.2.15-2?distro=bookworm', want: 'Debian bash 5.2.15-2 debian/(bookworm)' },
    { purl: 'pkg:apk/alpine/musl@1.2.4-r2?arch=x86_64&distro=alpine-3.18.4', want: 'Alpine musl 1.2.4-r2 alpine/3.18.4' },
    { purl: 'pkg:rpm/redhat/openssl@3.0.7-24.el9?distro=rhel-9.3', want: 'Red Hat openssl 3.0.7-24.el9 redhat/(rhel-9.3)' },
    { purl: 'pkg:rpm/rocky/bash@5.1.8-6.el9_1?distro=rocky-9.3', want: 'Rocky Linux bash 5.1.8-6.el9_1 rocky/9.3' },
    { purl: 'pkg:rpm/almalinux/curl@7.76.1', want: 'AlmaLinux curl 7.76.1' },
    { purl: 'pkg:npm/unversioned', want: 'npm unversioned ' },
  ] as const;
  for (const { purl, want } of cases) {
    it(`reads ${purl}`, () => {
      const reading = identifyPurl(purl);
      assert.ok(reading.ok, purl);
      const { ecosystem, name, version, distribution } = reading.identity;
      const distro = distribution === undefined ? '' : ` ${distribution.id}/${distribution.versionId === '' ? `(${distribution.versionCodename ?? ''})` : distribution.versionId}`;
      assert.equal(`${ecosystem} ${name} ${version}${distro}`, want);
    });
  }

  it('reads the upstream qualifier as the source package', () => {
    const reading = identifyPurl('pkg:deb/debian/libgcc-s1@12.2.0-14?upstream=gcc-12%4012.2.0-14');
    assert.ok(reading.ok);
    assert.deepEqual([reading.identity.sourceName, reading.identity.sourceVersion], ['gcc-12', '12.2.0-14']);
  });

  it('takes the version from the component when the purl has none', () => {
    const reading = identifyPurl('pkg:npm/left-pad', '1.3.0');
    assert.ok(reading.ok);
    assert.equal(reading.identity.version, '1.3.0');
  });

  const refused = [
    { purl: 'not a purl', reason: /^malformed purl "not a purl": / },
    { purl: 'pkg:npm/', reason: /^malformed purl "pkg:npm\/": Invalid purl: "name" is a required component$/ },
    { purl: 'pkg:github/actions/checkout@v4', reason: /^no advisory ecosystem for purl type "github" and namespace "actions"$/ },
    { purl: 'pkg:deb/raspbian/bash@5.0', reason: /^no advisory ecosystem for purl type "deb" and namespace "raspbian"$/ },
    { purl: 'pkg:generic/openssl@3.0.0', reason: /^no advisory ecosystem for purl type "generic"$/ },
  ] as const;
  for (const { purl, reason } of refused) {
    it(`refuses ${purl}`, () => {
      const reading = identifyPurl(purl);
      assert.ok(!reading.ok);
      assert.match(reading.reason, reason);
    });
  }
});
