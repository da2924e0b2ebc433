import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { Version } from '@cyclonedx/cyclonedx-library/Spec';
import { JsonStrictValidator } from '@cyclonedx/cyclonedx-library/Validation';
import { buildSbom } from './build.ts';
import { loadJsonSerialize } from './cyclonedx.ts';
import { FIXED, PROJECTS, buildFixture, collectFixture, listOf, parseObject } from './__fixtures__/load.ts';

/** One line per component: purl, type, group/name@version, scope, hash algorithms, properties. */
function summary(component: Record<string, unknown>): string {
  const hashes = listOf(component['hashes'] ?? []).map((hash) => String(hash['alg']));
  const properties = listOf(component['properties'] ?? []).map((property) => `${String(property['name'])}=${String(property['value'])}`);
  const group = component['group'] === undefined ? '' : `${String(component['group'])}/`;
  const version = component['version'] === undefined ? '' : `@${String(component['version'])}`;
  return [String(component['bom-ref']), String(component['type']), `${group}${String(component['name'])}${version}`, String(component['scope'] ?? '-'), hashes.join('+') || '-', properties.join(' ')].join(' | ');
}

function components(text: string): string[] {
  return listOf(parseObject(text)['components']).map(summary);
}

function dependencies(text: string): string[] {
  return listOf(parseObject(text)['dependencies']).map((entry) => `${String(entry['ref'])} -> ${(Array.isArray(entry['dependsOn']) ? entry['dependsOn'] : []).join(' ')}`);
}

describe('CycloneDX JSON', () => {
  it('writes one component per purl of an npm lockfile, with scope, hashes, properties and edges', async () => {
    const text = await buildFixture('npm-app', 'cyclonedx-json');
    assert.deepEqual(components(text), [
      'pkg:npm/%40babel/helper@7.22.5 | library | @babel/helper@7.22.5 | required | SHA-512 | palisade:direct=true palisade:source-file=package-lock.json',
      'pkg:npm/debug@2.6.9 | library | debug@2.6.9 | required | SHA-512 | palisade:direct=false palisade:source-file=package-lock.json',
      'pkg:npm/debug@4.3.4 | library | debug@4.3.4 | excluded | SHA-512 | palisade:direct=false palisade:source-file=package-lock.json',
      'pkg:npm/express@4.18.2 | library | express@4.18.2 | required | SHA-512 | palisade:direct=true palisade:source-file=package-lock.json',
      'pkg:npm/fsevents@2.3.3 | library | fsevents@2.3.3 | optional | SHA-512 | palisade:direct=false palisade:source-file=package-lock.json',
      'pkg:npm/local-lib | library | local-lib | required | - | palisade:direct=false palisade:skip-reason=local-path palisade:source-file=package-lock.json',
      'pkg:npm/mocha@10.2.0 | library | mocha@10.2.0 | excluded | SHA-512 | palisade:direct=true palisade:source-file=package-lock.json',
      'pkg:npm/ms@2.0.0 | library | ms@2.0.0 | required | SHA-512 | palisade:direct=false palisade:source-file=package-lock.json',
      'pkg:npm/ms@2.1.2 | library | ms@2.1.2 | excluded | SHA-1 | palisade:direct=false palisade:source-file=package-lock.json',
    ]);
    assert.deepEqual(dependencies(text), [
      'palisade:subject -> pkg:npm/%40babel/helper@7.22.5 pkg:npm/express@4.18.2 pkg:npm/mocha@10.2.0',
      'pkg:npm/%40babel/helper@7.22.5 -> ',
      'pkg:npm/debug@2.6.9 -> pkg:npm/ms@2.0.0',
      'pkg:npm/debug@4.3.4 -> pkg:npm/ms@2.1.2',
      'pkg:npm/express@4.18.2 -> pkg:npm/debug@2.6.9',
      'pkg:npm/fsevents@2.3.3 -> ',
      'pkg:npm/local-lib -> ',
      'pkg:npm/mocha@10.2.0 -> pkg:npm/debug@4.3.4',
      'pkg:npm/ms@2.0.0 -> ',
      'pkg:npm/ms@2.1.2 -> ',
    ]);
  });

  it('turns base64 integrity into hex digests', async () => {
    const [babel, , , , , , , , ms] = listOf(parseObject(await buildFixture('npm-app', 'cyclonedx-json'))['components']);
    assert.deepEqual(babel?.['hashes'], [{ alg: 'SHA-512', content: createHash('sha512').update('babel').digest('hex') }]);
    assert.deepEqual(ms?.['hashes'], [{ alg: 'SHA-1', content: createHash('sha1').update('ms21').digest('hex') }]);
  });

  it('writes the header: spec 1.6, serial number, timestamp, tool and the subject', async () => {
    const document = parseObject(await buildFixture('npm-app', 'cyclonedx-json'));
    assert.equal(document['specVersion'], '1.6');
    assert.equal(document['serialNumber'], 'urn:uuid:00000000-0000-4000-8000-000000000000');
    assert.deepEqual(document['metadata'], {
      timestamp: '2026-01-02T03:04:05.678Z',
      tools: { components: [{ type: 'application', name: 'palisade', version: '0.1.0' }] },
      component: { type: 'application', name: 'npm-app', 'bom-ref': 'palisade:subject' },
    });
  });

  it('writes Poetry, go.mod and dpkg inventories', async () => {
    assert.deepEqual(components(await buildFixture('poetry-app', 'cyclonedx-json')), [
      'pkg:pypi/asgiref@3.7.2 | library | asgiref@3.7.2 | - | - | palisade:source-file=poetry.lock',
      'pkg:pypi/django@4.2.7 | library | Django@4.2.7 | - | - | palisade:source-file=poetry.lock',
      'pkg:pypi/pytest@7.4.3 | library | pytest@7.4.3 | excluded | - | palisade:source-file=poetry.lock',
      'pkg:pypi/sqlparse@0.4.4 | library | sqlparse@0.4.4 | - | - | palisade:source-file=poetry.lock',
    ]);
    assert.deepEqual(components(await buildFixture('go-app', 'cyclonedx-json')), [
      'pkg:golang/github.com/gin-gonic/gin@v1.9.1 | library | github.com/gin-gonic/gin@1.9.1 | - | - | palisade:direct=true palisade:source-file=go.mod',
      'pkg:golang/github.com/pkg/errors@v0.9.1 | library | github.com/pkg/errors@0.9.1 | - | - | palisade:direct=true palisade:source-file=go.mod',
      'pkg:golang/golang.org/x/text@v0.14.0 | library | golang.org/x/text@0.14.0 | - | - | palisade:direct=false palisade:source-file=go.mod',
      'pkg:golang/stdlib@1.21.5 | library | stdlib@1.21.5 | - | - | palisade:source-file=go.mod',
    ]);
    assert.deepEqual(components(await buildFixture('rootfs', 'cyclonedx-json')), [
      'palisade:os:debian | operating-system | debian@12 | - | - | ',
      'pkg:deb/debian/bash@5.2.15-2%2Bb2?arch=amd64&distro=debian-12 | library | bash@5.2.15-2+b2 | - | - | palisade:source-file=var/lib/dpkg/status palisade:source-name=bash palisade:source-version=5.2.15-2+b2',
      'pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12 | library | libc6@2.36-9+deb12u4 | - | - | palisade:source-file=var/lib/dpkg/status palisade:source-name=glibc palisade:source-version=2.36-9+deb12u4',
      'pkg:deb/debian/libgcc-s1@12.2.0-14?arch=amd64&distro=debian-12 | library | libgcc-s1@12.2.0-14 | - | - | palisade:source-file=var/lib/dpkg/status palisade:source-name=gcc-12 palisade:source-version=12.2.0-14',
      'pkg:deb/debian/removed-pkg@1.0-1?arch=amd64&distro=debian-12 | library | removed-pkg@1.0-1 | - | - | palisade:skip-reason=not-installed palisade:source-file=var/lib/dpkg/status palisade:source-name=removed-pkg palisade:source-version=1.0-1',
    ]);
  });

  it('is accepted by the CycloneDX 1.6 JSON schema (library validator) for every fixture', async () => {
    const validator = new JsonStrictValidator(Version.v1dot6);
    for (const project of PROJECTS) assert.equal(await validator.validate(await buildFixture(project, 'cyclonedx-json')), null, project);
  });

  it('serialises with the library’s own JsonSerializer (loaded without its XML half)', async () => {
    const full = await import('@cyclonedx/cyclonedx-library/Serialize');
    assert.equal(loadJsonSerialize().JsonSerializer, full.JsonSerializer);
    assert.equal(loadJsonSerialize().JSON.Normalize.Factory, full.JSON.Normalize.Factory);
  });

  it('writes the same document for the same inventories in any order', async () => {
    const collected = await collectFixture('npm-app');
    const subject = { name: 'npm-app', kind: 'directory' } as const;
    const first = await buildSbom(collected.inventories, subject, 'cyclonedx-json', FIXED);
    const reversed = collected.inventories.map((inventory) => ({ ...inventory, packages: [...inventory.packages].reverse() }));
    assert.equal(await buildSbom(reversed, subject, 'cyclonedx-json', FIXED), first);
    assert.equal(await buildSbom(collected.inventories, subject, 'cyclonedx-json', FIXED), first);
  });

  it('merges the same purl found in two files: strongest scope, direct if either says so, both files', async () => {
    const [inventory] = (await collectFixture('npm-app')).inventories;
    assert.ok(inventory !== undefined);
    const copy = { ...inventory, source: { ...inventory.source, path: 'other/package-lock.json' }, packages: inventory.packages.map((entry) => ({ ...entry, scope: 'prod' as const, direct: true })) };
    const text = await buildSbom([inventory, copy], { name: 'two', kind: 'directory' }, 'cyclonedx-json', FIXED);
    assert.equal(components(text)[2], 'pkg:npm/debug@4.3.4 | library | debug@4.3.4 | required | SHA-512 | palisade:direct=true palisade:source-file=other/package-lock.json palisade:source-file=package-lock.json');
  });

  it('describes an image subject as a container, and an empty inventory list as a BOM without components', async () => {
    const document = parseObject(await buildSbom([], { name: 'alpine', version: '3.20', kind: 'image' }, 'cyclonedx-json', FIXED));
    assert.deepEqual(parseObject(JSON.stringify(document['metadata']))['component'], { type: 'container', name: 'alpine', version: '3.20', 'bom-ref': 'palisade:subject' });
    assert.deepEqual(document['components'], []);
    assert.equal(await new JsonStrictValidator(Version.v1dot6).validate(JSON.stringify(document)), null);
  });
});

describe('CycloneDX XML', () => {
  it('writes the same components as XML elements in the 1.6 namespace', async () => {
    const text = await buildFixture('npm-app', 'cyclonedx-xml');
    assert.match(text, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<bom xmlns="http:\/\/cyclonedx\.org\/schema\/bom\/1\.6" version="1" serialNumber="urn:uuid:00000000-0000-4000-8000-000000000000">\n/);
    assert.equal(text.match(/<component type="library"/g)?.length, 9);
    assert.ok(text.includes('<component type="library" bom-ref="pkg:npm/%40babel/helper@7.22.5">\n      <group>@babel</group>\n      <name>helper</name>\n      <version>7.22.5</version>\n      <scope>required</scope>'));
    assert.ok(text.includes(`<hash alg="SHA-512">${createHash('sha512').update('babel').digest('hex')}</hash>`));
    assert.ok(text.includes('<dependency ref="pkg:npm/express@4.18.2">\n      <dependency ref="pkg:npm/debug@2.6.9"/>\n    </dependency>'));
  });

  it('escapes purls with & in attributes and text', async () => {
    const text = await buildFixture('rootfs', 'cyclonedx-xml');
    assert.ok(text.includes('<purl>pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&amp;distro=debian-12</purl>'));
    assert.ok(text.includes('<component type="operating-system" bom-ref="palisade:os:debian">'));
  });
});
