// OSV records written for Palisade's tests: real advisory ids and ranges where they exist, trimmed
// to the fields the matcher reads. Records named TEST-* are made up to exercise one behaviour.
import type { OsvRecord } from '../../osv.ts';

export const lodashPrototypePollution: OsvRecord = {
  id: 'GHSA-jf85-cpcp-j695',
  modified: '2024-01-01T00:00:00Z',
  aliases: ['CVE-2019-10744'],
  summary: 'Prototype Pollution in lodash',
  severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:H' }],
  affected: [{ package: { ecosystem: 'npm', name: 'lodash' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '4.17.12' }] }] }],
  references: [
    { type: 'WEB', url: 'https://github.com/lodash/lodash/pull/4336' },
    { type: 'ADVISORY', url: 'https://nvd.nist.gov/vuln/detail/CVE-2019-10744' },
  ],
  database_specific: { severity: 'CRITICAL' },
};

export const lodashCommandInjection: OsvRecord = {
  id: 'GHSA-35jh-r3h4-6jhm',
  modified: '2024-01-01T00:00:00Z',
  aliases: ['CVE-2021-23337'],
  summary: 'Command Injection in lodash',
  severity: [
    { type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H' },
    { type: 'CVSS_V4', score: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:H/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N' },
  ],
  affected: [{ package: { ecosystem: 'npm', name: 'lodash' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '4.17.21' }] }] }],
};

/** The NVD's own record for CVE-2021-23337 as an aggregator might hold it: aliases the GHSA. */
export const lodashCommandInjectionCve: OsvRecord = {
  id: 'CVE-2021-23337',
  modified: '2024-01-01T00:00:00Z',
  aliases: ['GHSA-35jh-r3h4-6jhm'],
  affected: [{ package: { ecosystem: 'npm', name: 'lodash' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '4.17.21' }] }] }],
};

export const lodashWithdrawn: OsvRecord = {
  id: 'TEST-WITHDRAWN-1',
  modified: '2024-01-01T00:00:00Z',
  withdrawn: '2024-02-01T00:00:00Z',
  affected: [{ package: { ecosystem: 'npm', name: 'lodash' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }] }],
};

/** A malformed vector (accepted by the CVSS library) and a GHSA rating to fall back on. */
export const lodashMalformedVector: OsvRecord = {
  id: 'TEST-MALFORMED-CVSS',
  modified: '2024-01-01T00:00:00Z',
  severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:X/AC:L' }],
  affected: [{ package: { ecosystem: 'npm', name: 'lodash' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '4.17.0' }, { last_affected: '4.17.15' }] }] }],
  database_specific: { severity: 'MODERATE' },
};

/** PyYAML CVE-2020-14343: the PyPA record and the GitHub record alias each other. */
export const pyyamlPysec: OsvRecord = {
  id: 'PYSEC-2021-142',
  modified: '2024-01-01T00:00:00Z',
  aliases: ['CVE-2020-14343', 'GHSA-8q59-q68h-6hv4'],
  details: 'A vulnerability was discovered in the PyYAML library in versions before 5.4.',
  affected: [{ package: { ecosystem: 'PyPI', name: 'pyyaml' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '5.4' }] }], versions: ['5.3', '5.3.1'] }],
};

export const pyyamlGhsa: OsvRecord = {
  id: 'GHSA-8q59-q68h-6hv4',
  modified: '2024-01-01T00:00:00Z',
  aliases: ['CVE-2020-14343'],
  summary: 'Improper Input Validation in PyYAML',
  severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
  affected: [{ package: { ecosystem: 'PyPI', name: 'PyYAML' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '5.4' }] }] }],
};

export const opensslDebianCve: OsvRecord = {
  id: 'DEBIAN-CVE-2023-5678',
  modified: '2024-01-01T00:00:00Z',
  upstream: ['CVE-2023-5678'],
  affected: [
    { package: { ecosystem: 'Debian:12', name: 'openssl' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '3.0.13-1~deb12u1' }] }] },
    { package: { ecosystem: 'Debian:11', name: 'openssl' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.1.1w-0+deb11u2' }] }] },
  ],
};

/** A Debian notice covering the CVE above: joins its finding as an alias. */
export const opensslDsa: OsvRecord = {
  id: 'DSA-5764-1',
  modified: '2024-01-01T00:00:00Z',
  upstream: ['CVE-2023-5678', 'DEBIAN-CVE-2023-5678'],
  summary: 'openssl - security update',
  affected: [{ package: { ecosystem: 'Debian:12', name: 'openssl' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '3.0.13-1~deb12u1' }] }] }],
};

export const muslAlpine: OsvRecord = {
  id: 'ALPINE-CVE-2025-26519',
  modified: '2024-01-01T00:00:00Z',
  upstream: ['CVE-2025-26519'],
  details: 'musl libc 0.9.13 through 1.2.5 before 1.2.6 has an out-of-bounds write vulnerability.',
  affected: [
    { package: { ecosystem: 'Alpine:v3.19', name: 'musl' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0.9.13' }, { fixed: '1.2.4_git20230717-r5' }] }] },
    { package: { ecosystem: 'Alpine:v3.20', name: 'musl' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0.9.13' }, { fixed: '1.2.5-r1' }] }] },
  ],
};

export const noSeverity: OsvRecord = {
  id: 'TEST-NO-SEVERITY',
  modified: '2024-01-01T00:00:00Z',
  affected: [
    {
      package: { ecosystem: 'npm', name: 'left-pad' },
      ranges: [
        { type: 'GIT', repo: 'https://github.com/left-pad/left-pad', events: [{ introduced: '0' }, { fixed: '0123456789abcdef0123456789abcdef01234567' }] },
        { type: 'ECOSYSTEM', events: [{ introduced: '0' }] },
      ],
    },
  ],
};

export const ALL_RECORDS: readonly OsvRecord[] = [
  lodashPrototypePollution,
  lodashCommandInjection,
  lodashCommandInjectionCve,
  lodashWithdrawn,
  lodashMalformedVector,
  pyyamlPysec,
  pyyamlGhsa,
  opensslDebianCve,
  opensslDsa,
  muslAlpine,
  noSeverity,
];
