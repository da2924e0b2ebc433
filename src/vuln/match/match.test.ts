import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSourceDocument, fingerprint } from '../../core/index.ts';
import type { Distribution, PackageEcosystem, PackageEntry, PackageInventoryArtifact } from '../../packages/index.ts';
import { createPackageInventory } from '../../packages/index.ts';
import { ALL_RECORDS } from './__fixtures__/records.ts';
import { createMemorySource } from './memory-source.ts';
import { vulnerabilityFindings } from './match.ts';

const source = createMemorySource(ALL_RECORDS);

type EntryInput = Pick<PackageEntry, 'name' | 'version' | 'purl'> & Partial<Pick<PackageEntry, 'sourceName' | 'sourceVersion' | 'skipReason' | 'scope'>>;

function inventory(path: string, ecosystem: PackageEcosystem, entries: readonly EntryInput[], distribution?: Distribution): PackageInventoryArtifact {
  const packages: PackageEntry[] = entries.map((entry, index) => ({
    direct: undefined,
    scope: undefined,
    dependencies: [],
    range: { start: { line: index + 2, column: 5 }, end: { line: index + 2, column: 20 } },
    ...entry,
  }));
  return createPackageInventory(createSourceDocument(path, '\n'.repeat(entries.length + 2)), {
    ecosystem,
    format: 'test',
    packages,
    ...(distribution === undefined ? {} : { distribution }),
  });
}

describe('vulnerabilityFindings: npm', () => {
  const result = vulnerabilityFindings(inventory('package-lock.json', 'npm', [{ name: 'lodash', version: '4.17.11', purl: 'pkg:npm/lodash@4.17.11' }]), source);

  it('one finding per vulnerability, aliases de-duplicated, GHSA preferred over the CVE record', () => {
    assert.deepEqual(
      result.findings.map((finding) => [finding.ruleId, finding.vulnerability?.aliases, finding.severity]),
      [
        ['GHSA-jf85-cpcp-j695', ['CVE-2019-10744'], 'critical'],
        ['GHSA-35jh-r3h4-6jhm', ['CVE-2021-23337'], 'high'],
        ['TEST-MALFORMED-CVSS', [], 'medium'],
      ],
    );
  });

  it('builds the complete finding', () => {
    assert.deepEqual(result.findings[0], {
      ruleId: 'GHSA-jf85-cpcp-j695',
      slug: 'ghsa-jf85-cpcp-j695',
      messageId: 'affected',
      aliases: [],
      kind: 'vulnerability',
      severity: 'critical',
      title: 'Prototype Pollution in lodash',
      message: 'lodash 4.17.11 is affected by GHSA-jf85-cpcp-j695 (Prototype Pollution in lodash); fixed in 4.17.12.',
      location: { path: 'package-lock.json', startLine: 2, startColumn: 5, endLine: 2, endColumn: 20 },
      compliance: ['nist-800-190:4.1.1', 'pci-dss-4.0:6.3.3'],
      fingerprint: fingerprint(['GHSA-jf85-cpcp-j695', 'pkg:npm/lodash@4.17.11']),
      remediation: 'Upgrade lodash to 4.17.12 or later.',
      helpUri: 'https://nvd.nist.gov/vuln/detail/CVE-2019-10744',
      package: { name: 'lodash', version: '4.17.11', ecosystem: 'npm', purl: 'pkg:npm/lodash@4.17.11' },
      vulnerability: {
        id: 'GHSA-jf85-cpcp-j695',
        aliases: ['CVE-2019-10744'],
        fixedVersions: ['4.17.12'],
        cvss: { version: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:H', score: 9.1 },
      },
    });
  });

  it('prefers the CVSS v4 vector and falls back to the osv.dev page for help', () => {
    const finding = result.findings[1];
    assert.deepEqual([finding?.vulnerability?.cvss, finding?.helpUri], [
      { version: '4.0', vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:H/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', score: 8.6 },
      'https://osv.dev/vulnerability/GHSA-35jh-r3h4-6jhm',
    ]);
  });

  it('notes the withdrawn advisory and the malformed vector', () => {
    assert.deepEqual(result.notes, [
      'withdrawn advisories ignored: TEST-WITHDRAWN-1',
      'malformed CVSS vectors ignored: TEST-MALFORMED-CVSS: "CVSS:3.1/AV:X/AC:L": invalid value "X" for metric AV (expected N, A, L, P) at column 13',
    ]);
  });

  it('last_affected and a malformed vector: the database rating is used, the vector noted', () => {
    const other = vulnerabilityFindings(inventory('package-lock.json', 'npm', [{ name: 'lodash', version: '4.17.15', purl: 'pkg:npm/lodash@4.17.15' }]), source);
    const finding = other.findings.find((item) => item.ruleId === 'TEST-MALFORMED-CVSS');
    assert.deepEqual([finding?.severity, finding?.message, finding?.remediation], [
      'medium',
      'lodash 4.17.15 is affected by TEST-MALFORMED-CVSS; no fixed version is known.',
      'No fixed version of lodash is known for TEST-MALFORMED-CVSS: remove or replace the package, or record an exception with a reason.',
    ]);
    assert.deepEqual(other.notes, ['withdrawn advisories ignored: TEST-WITHDRAWN-1', 'malformed CVSS vectors ignored: TEST-MALFORMED-CVSS: "CVSS:3.1/AV:X/AC:L": invalid value "X" for metric AV (expected N, A, L, P) at column 13']);
  });

  it('a fixed version is not affected; the fingerprint ignores lines', () => {
    const fixed = vulnerabilityFindings(inventory('package-lock.json', 'npm', [{ name: 'lodash', version: '4.17.21', purl: 'pkg:npm/lodash@4.17.21' }]), source);
    assert.deepEqual(fixed.findings, []);
  });

  it('GIT ranges are skipped with a note; no severity gives medium with a note', () => {
    const other = vulnerabilityFindings(inventory('package-lock.json', 'npm', [{ name: 'left-pad', version: '1.3.0', purl: 'pkg:npm/left-pad@1.3.0' }]), source);
    assert.deepEqual([other.findings.map((finding) => [finding.ruleId, finding.severity, finding.title]), other.notes], [
      [['TEST-NO-SEVERITY', 'medium', 'TEST-NO-SEVERITY']],
      ['GIT ranges skipped (commit ranges need the repository; versions lists still apply): TEST-NO-SEVERITY', 'advisories without a usable severity, reported as medium: TEST-NO-SEVERITY'],
    ]);
  });

  it('skipped and excluded packages are counted, not matched', () => {
    const other = vulnerabilityFindings(
      inventory('package-lock.json', 'npm', [
        { name: 'lodash', version: '', purl: 'pkg:npm/lodash', skipReason: 'git' },
        { name: 'lodash', version: '', purl: 'pkg:npm/lodash', skipReason: 'git' },
        { name: 'lodash', version: '4.17.11', purl: 'pkg:npm/lodash@4.17.11', scope: 'dev' },
      ]),
      source,
      { excludeScopes: ['dev'] },
    );
    assert.deepEqual([other.findings, other.notes], [[], ['package-lock.json: packages not matched (git) (2 times): lodash', 'package-lock.json: packages not matched (scope dev excluded)']]);
  });

  it('an invalid installed version is noted, not matched', () => {
    const other = vulnerabilityFindings(inventory('package-lock.json', 'npm', [{ name: 'left-pad', version: 'latest!', purl: 'pkg:npm/left-pad' }]), source);
    assert.deepEqual(other.findings, []);
    assert.deepEqual(other.notes.slice(1), ['npm left-pad latest!: not a valid semver version (not a SemVer version (MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]) at column 1); not matched: TEST-NO-SEVERITY']);
  });
});

describe('vulnerabilityFindings: PyPI', () => {
  it('matches normalised names and groups PYSEC with GHSA under the PYSEC id', () => {
    const result = vulnerabilityFindings(inventory('requirements.txt', 'PyPI', [{ name: 'PyYAML', version: '5.3.1', purl: 'pkg:pypi/pyyaml@5.3.1' }]), source);
    assert.deepEqual(
      result.findings.map((finding) => [finding.ruleId, finding.vulnerability?.aliases, finding.severity, finding.title, finding.remediation]),
      [['PYSEC-2021-142', ['CVE-2020-14343', 'GHSA-8q59-q68h-6hv4'], 'critical', 'Improper Input Validation in PyYAML', 'Upgrade PyYAML to 5.4 or later.']],
    );
  });
});

describe('vulnerabilityFindings: Debian (source packages, releases, notices)', () => {
  const status = [{ name: 'libssl3', version: '3.0.11-1~deb12u2', purl: 'pkg:deb/debian/libssl3@3.0.11-1~deb12u2', sourceName: 'openssl', sourceVersion: '3.0.11-1~deb12u2' }];

  it('matches the source package of the image release; the DSA joins as an alias', () => {
    const result = vulnerabilityFindings(inventory('var/lib/dpkg/status', 'Debian', status, { id: 'debian', versionId: '12' }), source);
    assert.deepEqual(
      result.findings.map((finding) => [finding.ruleId, finding.vulnerability?.aliases, finding.vulnerability?.fixedVersions, finding.message, finding.remediation]),
      [
        [
          'DEBIAN-CVE-2023-5678',
          ['CVE-2023-5678', 'DSA-5764-1'],
          ['3.0.13-1~deb12u1'],
          'libssl3 3.0.11-1~deb12u2 (source package openssl 3.0.11-1~deb12u2) is affected by DEBIAN-CVE-2023-5678; fixed in 3.0.13-1~deb12u1.',
          'Upgrade libssl3 (source package openssl) to 3.0.13-1~deb12u1 or later.',
        ],
      ],
    );
  });

  it('advisories of another release do not match', () => {
    const result = vulnerabilityFindings(inventory('var/lib/dpkg/status', 'Debian', status, { id: 'debian', versionId: '13' }), source);
    assert.deepEqual([result.findings, result.notes], [[], []]);
  });

  it('without os-release, release-scoped advisories are skipped with notes', () => {
    const result = vulnerabilityFindings(inventory('var/lib/dpkg/status', 'Debian', status), source);
    assert.deepEqual([result.findings, result.notes], [
      [],
      [
        'var/lib/dpkg/status: no os-release was found, so only advisories without a release (no "Debian:<release>" suffix) were matched',
        'advisories for a specific release skipped (release unknown) (3 times): DEBIAN-CVE-2023-5678, DSA-5764-1',
      ],
    ]);
  });
});

describe('vulnerabilityFindings: Alpine', () => {
  const installed = [{ name: 'musl-utils', version: '1.2.4_git20230717-r4', purl: 'pkg:apk/alpine/musl-utils@1.2.4_git20230717-r4', sourceName: 'musl', sourceVersion: '1.2.4_git20230717-r4' }];
  it('matches the origin on Alpine:v3.19 for VERSION_ID 3.19.1', () => {
    const result = vulnerabilityFindings(inventory('lib/apk/db/installed', 'Alpine', installed, { id: 'alpine', versionId: '3.19.1' }), source);
    assert.deepEqual(
      result.findings.map((finding) => [finding.ruleId, finding.severity, finding.title, finding.remediation]),
      [['ALPINE-CVE-2025-26519', 'medium', 'ALPINE-CVE-2025-26519', 'Upgrade musl-utils (source package musl) to 1.2.4_git20230717-r5 or later.']],
    );
  });
  it('the same version on 3.20 is matched against the 3.20 entry', () => {
    const result = vulnerabilityFindings(inventory('lib/apk/db/installed', 'Alpine', installed, { id: 'alpine', versionId: '3.20.3' }), source);
    assert.deepEqual(result.findings.map((finding) => finding.remediation), ['Upgrade musl-utils (source package musl) to 1.2.5-r1 or later.']);
  });
});
