import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PurlParts } from './purl.ts';
import { formatPurl, golangPurl, npmPurl, splitPurl, withPurlNamespace, withPurlQualifier } from './purl.ts';

describe('formatPurl (examples from the purl specification and its type list)', () => {
  const table: readonly (readonly [PurlParts, string])[] = [
    [{ type: 'npm', namespace: '@angular', name: 'animation', version: '12.3.1' }, 'pkg:npm/%40angular/animation@12.3.1'],
    [{ type: 'npm', name: 'foobar', version: '12.3.1' }, 'pkg:npm/foobar@12.3.1'],
    [{ type: 'pypi', name: 'Django_allauth', version: '12.23' }, 'pkg:pypi/django-allauth@12.23'],
    [{ type: 'deb', namespace: 'debian', name: 'curl', version: '7.50.3-1', qualifiers: { arch: 'i386', distro: 'jessie' } }, 'pkg:deb/debian/curl@7.50.3-1?arch=i386&distro=jessie'],
    [{ type: 'deb', namespace: 'debian', name: 'dpkg', version: '1.19.0.4', qualifiers: { arch: 'amd64', distro: 'stretch' } }, 'pkg:deb/debian/dpkg@1.19.0.4?arch=amd64&distro=stretch'],
    [{ type: 'rpm', namespace: 'fedora', name: 'curl', version: '7.50.3-1.fc25', qualifiers: { arch: 'i386', distro: 'fedora-25' } }, 'pkg:rpm/fedora/curl@7.50.3-1.fc25?arch=i386&distro=fedora-25'],
    [{ type: 'rpm', namespace: 'centerim', name: 'centerim', version: '4.22.10-1.el6', qualifiers: { epoch: '1', arch: 'i686' } }, 'pkg:rpm/centerim/centerim@4.22.10-1.el6?arch=i686&epoch=1'],
    [{ type: 'maven', namespace: 'org.apache.xmlgraphics', name: 'batik-anim', version: '1.9.1', qualifiers: { packaging: 'sources' } }, 'pkg:maven/org.apache.xmlgraphics/batik-anim@1.9.1?packaging=sources'],
    [{ type: 'gem', name: 'jruby-launcher', version: '1.1.2', qualifiers: { platform: 'java' } }, 'pkg:gem/jruby-launcher@1.1.2?platform=java'],
    [{ type: 'golang', namespace: 'google.golang.org', name: 'genproto', version: 'abcdedf', subpath: 'googleapis/api/annotations' }, 'pkg:golang/google.golang.org/genproto@abcdedf#googleapis/api/annotations'],
    [{ type: 'nuget', name: 'EnterpriseLibrary.Common', version: '6.0.1304' }, 'pkg:nuget/EnterpriseLibrary.Common@6.0.1304'],
    [{ type: 'cargo', name: 'rand', version: '0.7.2' }, 'pkg:cargo/rand@0.7.2'],
    [{ type: 'composer', namespace: 'Laravel', name: 'Laravel', version: '5.5.0' }, 'pkg:composer/laravel/laravel@5.5.0'],
    [{ type: 'apk', namespace: 'alpine', name: 'curl', version: '7.83.0-r0', qualifiers: { arch: 'x86' } }, 'pkg:apk/alpine/curl@7.83.0-r0?arch=x86'],
    [{ type: 'NPM', name: 'x', version: '', qualifiers: { Empty: '', Arch: 'a b' } }, 'pkg:npm/x?arch=a%20b'],
    [{ type: 'generic', name: 'openssl', version: '1.1.10g', subpath: './a/../b//c' }, 'pkg:generic/openssl@1.1.10g#a/b/c'],
    [{ type: 'deb', namespace: 'debian', name: 'bsdutils', version: '1:2.38.1-5+deb12u1' }, 'pkg:deb/debian/bsdutils@1:2.38.1-5%2Bdeb12u1'],
  ];
  for (const [parts, expected] of table) it(expected, () => assert.equal(formatPurl(parts), expected));
});

describe('purl helpers', () => {
  it('npm scopes, Go module paths, separators', () => {
    assert.deepEqual(
      [npmPurl('@babel/core', '7.24.0'), npmPurl('left-pad', '1.3.0'), golangPurl('github.com/gin-gonic/gin', 'v1.9.1'), golangPurl('stdlib', '1.22'), splitPurl('maven', 'org.slf4j:slf4j-api', ':', '2.0.13')],
      ['pkg:npm/%40babel/core@7.24.0', 'pkg:npm/left-pad@1.3.0', 'pkg:golang/github.com/gin-gonic/gin@v1.9.1', 'pkg:golang/stdlib@1.22', 'pkg:maven/org.slf4j/slf4j-api@2.0.13'],
    );
  });

  it('adds or replaces a qualifier, keeping the order and the subpath', () => {
    assert.deepEqual(
      [withPurlQualifier('pkg:deb/debian/curl@1?arch=amd64', 'distro', 'debian-12'), withPurlQualifier('pkg:apk/alpine/x@1?distro=old', 'distro', 'alpine-3.20'), withPurlQualifier('pkg:generic/x@1#sub', 'arch', 'arm64')],
      ['pkg:deb/debian/curl@1?arch=amd64&distro=debian-12', 'pkg:apk/alpine/x@1?distro=alpine-3.20', 'pkg:generic/x@1?arch=arm64#sub'],
    );
  });

  it('sets or inserts a namespace', () => {
    assert.deepEqual([withPurlNamespace('pkg:deb/debian/curl@1', 'Ubuntu', true), withPurlNamespace('pkg:rpm/bash@5', 'rhel', false)], ['pkg:deb/ubuntu/curl@1', 'pkg:rpm/rhel/bash@5']);
  });
});
