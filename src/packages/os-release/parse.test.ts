import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSourceDocument } from '../../core/index.ts';
import { parseDpkgStatus } from '../dpkg/parse.ts';
import { parseApkInstalled } from '../apk/parse.ts';
import { applyDistribution } from './apply.ts';
import { distroQualifier, parseOsRelease } from './parse.ts';

describe('parseOsRelease', () => {
  const table = [
    ['debian', 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\nID=debian\n', { id: 'debian', versionId: '12', versionCodename: 'bookworm', prettyName: 'Debian GNU/Linux 12 (bookworm)' }],
    ['alpine', 'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.20.3\n', { id: 'alpine', versionId: '3.20.3' }],
    ['single quotes and escapes', "ID='rhel'\nVERSION_ID=\"9.\\\"4\\\"\"\n", { id: 'rhel', versionId: '9."4"' }],
    ['distroless without VERSION_ID', 'ID=debian\n# comment\n', { id: 'debian', versionId: '' }],
  ] as const;
  for (const [name, text, expected] of table) it(name, () => assert.deepEqual(parseOsRelease(text), expected));

  it('no ID: undefined', () => {
    assert.equal(parseOsRelease('NAME=x\n'), undefined);
  });

  it('distro qualifier', () => {
    assert.deepEqual([distroQualifier({ id: 'debian', versionId: '12' }), distroQualifier({ id: 'wolfi', versionId: '' })], ['debian-12', 'wolfi']);
  });
});

describe('applyDistribution', () => {
  it('sets the OSV ecosystem, purl namespace and distro qualifier of a dpkg inventory', () => {
    const parsed = parseDpkgStatus(createSourceDocument('var/lib/dpkg/status', 'Package: curl\nVersion: 8.5.0-2ubuntu10.1\nArchitecture: amd64\n'));
    const artifact = parsed.artifact;
    assert.ok(artifact !== undefined);
    const applied = applyDistribution(artifact, { id: 'ubuntu', versionId: '24.04' });
    assert.deepEqual([applied.ecosystem, applied.packages[0]?.purl, applied.distribution?.id], ['Ubuntu', 'pkg:deb/ubuntu/curl@8.5.0-2ubuntu10.1?arch=amd64&distro=ubuntu-24.04', 'ubuntu']);
  });

  it('keeps apk purls sorted by qualifier', () => {
    const artifact = parseApkInstalled(createSourceDocument('lib/apk/db/installed', 'P:musl\nV:1.2.5-r0\nA:x86_64\n')).artifact;
    assert.ok(artifact !== undefined);
    assert.equal(applyDistribution(artifact, { id: 'alpine', versionId: '3.20.3' }).packages[0]?.purl, 'pkg:apk/alpine/musl@1.2.5-r0?arch=x86_64&distro=alpine-3.20.3');
  });
});
