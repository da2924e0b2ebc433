import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OsvAffected, OsvEvent, OsvRecord } from '../osv.ts';
import { isAffected, isVulnerable } from './evaluate.ts';

function ranged(type: 'SEMVER' | 'ECOSYSTEM', events: readonly OsvEvent[], versions?: readonly string[]): OsvAffected {
  return { package: { ecosystem: 'npm', name: 'p' }, ranges: [{ type, events }], ...(versions === undefined ? {} : { versions }) };
}

/** [case name, ecosystem, events, version, affected] */
type Row = readonly [string, string, readonly OsvEvent[], string, boolean];

describe('isAffected: event combinations (ECOSYSTEM ranges)', () => {
  const rows: readonly Row[] = [
    ['introduced only: below', 'npm', [{ introduced: '1.0.0' }], '0.9.9', false],
    ['introduced only: at', 'npm', [{ introduced: '1.0.0' }], '1.0.0', true],
    ['introduced only: above', 'npm', [{ introduced: '1.0.0' }], '99.0.0', true],
    ['introduced "0": every version', 'npm', [{ introduced: '0' }], '0.0.0-alpha', true],
    ['introduced "0" + fixed: below fix', 'npm', [{ introduced: '0' }, { fixed: '4.17.21' }], '4.17.20', true],
    ['introduced "0" + fixed: at fix', 'npm', [{ introduced: '0' }, { fixed: '4.17.21' }], '4.17.21', false],
    ['introduced + fixed: below introduced', 'npm', [{ introduced: '2.0.0' }, { fixed: '2.3.1' }], '1.9.9', false],
    ['introduced + fixed: prerelease of fix is affected', 'npm', [{ introduced: '2.0.0' }, { fixed: '2.3.1' }], '2.3.1-rc.1', true],
    ['last_affected: at', 'npm', [{ introduced: '0' }, { last_affected: '2.1.214' }], '2.1.214', true],
    ['last_affected: above', 'npm', [{ introduced: '0' }, { last_affected: '2.1.214' }], '2.1.215', false],
    ['limit: below limit', 'npm', [{ introduced: '1.0.0' }, { limit: '2.0.0' }], '1.5.0', true],
    ['limit: at limit', 'npm', [{ introduced: '1.0.0' }, { limit: '2.0.0' }], '2.0.0', false],
    ['limit "*": infinity', 'npm', [{ introduced: '1.0.0' }, { limit: '*' }], '900.0.0', true],
    ['two limits: below either', 'npm', [{ introduced: '1.0.0' }, { limit: '1.2.0' }, { limit: '3.0.0' }], '2.5.0', true],
    ['limit with fixed: fixed still applies', 'npm', [{ introduced: '1.0.0' }, { fixed: '1.4.0' }, { limit: '3.0.0' }], '2.0.0', false],
    ['two pairs: in the first', 'npm', [{ introduced: '1.0.0' }, { fixed: '1.0.2' }, { introduced: '3.0.0' }, { fixed: '3.2.5' }], '1.0.1', true],
    ['two pairs: between', 'npm', [{ introduced: '1.0.0' }, { fixed: '1.0.2' }, { introduced: '3.0.0' }, { fixed: '3.2.5' }], '2.0.0', false],
    ['two pairs: in the second', 'npm', [{ introduced: '1.0.0' }, { fixed: '1.0.2' }, { introduced: '3.0.0' }, { fixed: '3.2.5' }], '3.2.4', true],
    ['two pairs: after', 'npm', [{ introduced: '1.0.0' }, { fixed: '1.0.2' }, { introduced: '3.0.0' }, { fixed: '3.2.5' }], '3.2.5', false],
    ['unsorted events are sorted first: between', 'npm', [{ fixed: '3.2.5' }, { introduced: '3.0.0' }, { fixed: '1.0.2' }, { introduced: '1.0.0' }], '2.0.0', false],
    ['unsorted events are sorted first: inside', 'npm', [{ fixed: '3.2.5' }, { introduced: '3.0.0' }, { fixed: '1.0.2' }, { introduced: '1.0.0' }], '3.1.0', true],
    ['"0" written last still sorts first', 'npm', [{ fixed: '1.0.0' }, { introduced: '0' }], '0.5.0', true],
    ['equal versions keep written order: introduced then fixed = empty', 'npm', [{ introduced: '1.0.0' }, { fixed: '1.0.0' }], '1.0.0', false],
    ['equal versions keep written order: fixed then introduced = reintroduced', 'npm', [{ fixed: '1.0.0' }, { introduced: '1.0.0' }], '1.0.0', true],
    ['npm: prerelease below release', 'npm', [{ introduced: '1.0.0' }], '1.0.0-beta.2', false],
    ['npm: prerelease numeric identifiers', 'npm', [{ introduced: '0' }, { fixed: '1.0.0-beta.11' }], '1.0.0-beta.2', true],
    ['PyPI: epoch beats any release', 'PyPI', [{ introduced: '0' }, { fixed: '2.0' }], '1!1.0', false],
    ['PyPI: rc below final', 'PyPI', [{ introduced: '0' }, { fixed: '1.0' }], '1.0rc1', true],
    ['PyPI: normalised forms equal', 'PyPI', [{ introduced: '0' }, { fixed: '1.0.0' }], '1.0', false],
    ['Maven: SNAPSHOT below release', 'Maven', [{ introduced: '0' }, { fixed: '2.15.0' }], '2.15.0-SNAPSHOT', true],
    ['Maven: 1.0 equals 1.0.0', 'Maven', [{ introduced: '1.0.0' }, { fixed: '1.1' }], '1.0', true],
    ['Debian: epoch wins', 'Debian:12', [{ introduced: '0' }, { fixed: '1:1.0-1' }], '2.0-1', true],
    ['Debian: tilde below release', 'Debian:12', [{ introduced: '0' }, { fixed: '3.0.11-1~deb12u2' }], '3.0.11-1~deb12u1', true],
    ['Debian: fixed reached', 'Debian:12', [{ introduced: '0' }, { fixed: '3.0.11-1~deb12u2' }], '3.0.11-1~deb12u2', false],
    ['Alpine: -r suffix', 'Alpine:v3.19', [{ introduced: '0' }, { fixed: '1.2.4_git20230717-r5' }], '1.2.4_git20230717-r4', true],
    ['Alpine: -r suffix reached', 'Alpine:v3.19', [{ introduced: '0' }, { fixed: '1.2.4_git20230717-r5' }], '1.2.4_git20230717-r5', false],
    ['Go: +incompatible ignored', 'Go', [{ introduced: '0' }, { fixed: '17.0.0+incompatible' }], '16.1.0+incompatible', true],
    ['Go: pseudo-version below release', 'Go', [{ introduced: '0' }, { fixed: '0.17.0' }], '0.0.0-20210921155107-089bfa567519', true],
  ];
  for (const [name, ecosystem, events, version, expected] of rows) {
    it(name, () => assert.equal(isAffected(ranged('ECOSYSTEM', events), ecosystem, version).affected, expected));
  }
});

describe('isAffected: SEMVER ranges compare with SemVer 2.0 whatever the ecosystem', () => {
  const rows: readonly Row[] = [
    ['Go module with SEMVER range', 'Go', [{ introduced: '0' }, { fixed: '1.2.3' }], '1.2.2', true],
    ['PyPI with SEMVER range: 1.0.0-rc1 is a SemVer prerelease', 'PyPI', [{ introduced: '0' }, { fixed: '1.0.0' }], '1.0.0-rc1', true],
    ['build metadata has no precedence', 'npm', [{ introduced: '0' }, { fixed: '1.0.0' }], '1.0.0+build.5', false],
    ['unknown ecosystem: SEMVER still evaluated', 'Nowhere', [{ introduced: '1.0.0' }], '1.5.0', true],
  ];
  for (const [name, ecosystem, events, version, expected] of rows) {
    it(name, () => assert.equal(isAffected(ranged('SEMVER', events), ecosystem, version).affected, expected));
  }
});

describe('isAffected: versions lists, ranges OR-ed, GIT ranges', () => {
  it('a listed version is affected even outside every range', () => {
    assert.equal(isAffected(ranged('ECOSYSTEM', [{ introduced: '2.0.0' }], ['1.0.0']), 'npm', '1.0.0').affected, true);
  });
  it('an unlisted version outside every range is not', () => {
    assert.equal(isAffected(ranged('ECOSYSTEM', [{ introduced: '2.0.0' }], ['1.0.0']), 'npm', '1.5.0').affected, false);
  });
  it('listed versions compare by the ecosystem (PyPI 1.0 = 1.0.0)', () => {
    assert.equal(isAffected({ versions: ['1.0'] }, 'PyPI', '1.0.0').affected, true);
  });
  it('ranges are OR-ed', () => {
    const affected: OsvAffected = {
      ranges: [
        { type: 'ECOSYSTEM', events: [{ introduced: '1.0.0' }, { fixed: '1.1.0' }] },
        { type: 'ECOSYSTEM', events: [{ introduced: '2.0.0' }, { fixed: '2.1.0' }] },
      ],
    };
    assert.deepEqual(['1.0.5', '1.5.0', '2.0.5'].map((version) => isAffected(affected, 'npm', version).affected), [true, false, true]);
  });
  it('GIT ranges are skipped and counted; versions still apply', () => {
    const affected: OsvAffected = { ranges: [{ type: 'GIT', repo: 'https://example.com/r.git', events: [{ introduced: '0' }, { fixed: 'a'.repeat(40) }] }], versions: ['v1.0'] };
    assert.deepEqual(pick(isAffected(affected, 'npm', '1.0.1')), { affected: false, gitRanges: 1, problems: [] });
    assert.equal(isAffected(affected, 'npm', 'v1.0').affected, true);
  });
  it('fixed versions in written order and the nearest one above the version', () => {
    const evaluation = isAffected(ranged('ECOSYSTEM', [{ introduced: '3.0.0' }, { fixed: '3.2.5' }, { introduced: '1.0.0' }, { fixed: '1.0.2' }]), 'npm', '1.0.1');
    assert.deepEqual([evaluation.fixed, evaluation.nearestFixed], [['3.2.5', '1.0.2'], '1.0.2']);
  });
  it('no nearest fixed version above a last_affected range', () => {
    assert.equal(isAffected(ranged('ECOSYSTEM', [{ introduced: '0' }, { last_affected: '1.0.0' }]), 'npm', '0.5.0').nearestFixed, undefined);
  });
});

function pick(evaluation: ReturnType<typeof isAffected>): object {
  return { affected: evaluation.affected, gitRanges: evaluation.gitRanges, problems: evaluation.problems };
}

describe('isAffected: bad input is reported, never a crash', () => {
  it('an unparsable installed version: not matched, with the reason and column', () => {
    assert.deepEqual(pick(isAffected(ranged('ECOSYSTEM', [{ introduced: '0' }]), 'PyPI', '1.0-eevee')), {
      affected: false,
      gitRanges: 0,
      problems: [{ kind: 'invalid-version', scheme: 'pep440', text: '1.0-eevee', reason: 'not a PEP 440 version', column: 1 }],
    });
  });
  it('an unparsable event: the range is not evaluated', () => {
    assert.deepEqual(pick(isAffected(ranged('ECOSYSTEM', [{ introduced: '0' }, { fixed: 'not a version!' }]), 'npm', '1.0.0')), {
      affected: false,
      gitRanges: 0,
      problems: [{ kind: 'invalid-event', scheme: 'semver', text: 'not a version!', reason: 'not a SemVer version (MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD])' }],
    });
  });
  it('an event with two keys makes the range malformed', () => {
    const evaluation = isAffected(ranged('ECOSYSTEM', [{ introduced: '1.0.0', fixed: '1.0.2' }]), 'npm', '1.0.1');
    assert.deepEqual([evaluation.affected, evaluation.problems[0]?.kind], [false, 'malformed-range']);
  });
  it('a range without events is malformed', () => {
    assert.deepEqual(isAffected(ranged('ECOSYSTEM', []), 'npm', '1.0.0').problems, [{ kind: 'malformed-range', reason: 'a range without events' }]);
  });
  it('an unknown ecosystem: ECOSYSTEM ranges are not evaluated', () => {
    assert.deepEqual(pick(isAffected(ranged('ECOSYSTEM', [{ introduced: '0' }]), 'Nowhere', '1.0.0')), { affected: false, gitRanges: 0, problems: [{ kind: 'unknown-ecosystem', ecosystem: 'Nowhere' }] });
  });
  it('a huge version is rejected quickly', () => {
    const evaluation = isAffected(ranged('ECOSYSTEM', [{ introduced: '0' }]), 'npm', '1'.repeat(100_000));
    assert.deepEqual([evaluation.affected, evaluation.problems[0]?.kind], [false, 'invalid-version']);
  });
  it('10,000 events evaluate', () => {
    const events: OsvEvent[] = Array.from({ length: 5000 }, (_, i) => [{ introduced: `${i}.0.0` }, { fixed: `${i}.0.1` }]).flat();
    assert.deepEqual(['2500.0.0', '2500.0.1'].map((version) => isAffected(ranged('ECOSYSTEM', events), 'npm', version).affected), [true, false]);
  });
});

describe('isVulnerable: the record-level function', () => {
  const record: OsvRecord = {
    id: 'DSA-0000-1',
    modified: '2024-01-01T00:00:00Z',
    affected: [
      { package: { ecosystem: 'Debian:11', name: 'openssl' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.1.1w-0+deb11u2' }] }] },
      { package: { ecosystem: 'PyPI', name: 'PyYAML' }, versions: ['5.3'] },
    ],
  };
  const rows: readonly (readonly [string, string, string, boolean])[] = [
    ['Debian:11', 'openssl', '1.1.1w-0+deb11u1', true],
    ['Debian:11', 'openssl', '1.1.1w-0+deb11u2', false],
    ['Debian:12', 'openssl', '1.1.1w-0+deb11u1', false],
    ['Debian:11', 'libssl1.1', '1.1.1w-0+deb11u1', false],
    ['PyPI', 'pyyaml', '5.3', true],
    ['PyPI', 'py_yaml', '5.3', false],
  ];
  for (const [ecosystem, name, version, expected] of rows) it(`${ecosystem} ${name} ${version}`, () => assert.equal(isVulnerable(record, ecosystem, name, version), expected));
  it('a withdrawn record never matches', () => assert.equal(isVulnerable({ ...record, withdrawn: '2024-02-01T00:00:00Z' }, 'PyPI', 'pyyaml', '5.3'), false));
});
