import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding } from '../core/index.ts';
import { fingerprint } from '../core/index.ts';
import { dockerfileFinding, kubernetesFinding, vulnerabilityFinding } from './__fixtures__/findings.ts';
import type { ExceptionSet } from './exceptions.ts';
import { applyExceptions, loadExceptions } from './exceptions.ts';

const PATH = '.palisade/exceptions.yaml';
/** The last instant of 2027-03-31 (UTC), and the first of the next day. */
const LAST_VALID = new Date('2027-03-31T23:59:59.999Z');
const FIRST_EXPIRED = new Date('2027-04-01T00:00:00.000Z');

const FULL = `exceptions:
  - rule: hadolint:DL3007          # pinned by digest in CI
    paths: ["services/*/Dockerfile", ./ops/Dockerfile]
    reason: "Base image pinned by digest in CI"
    owner: platform-team@example.com
    ticket: SEC-123
    expires: 2027-03-31
  - vulnerability: CVE-2021-23337
    package: lodash
    object: { kind: Deployment, namespace: shop, name: web }
    reason: Not reachable
    owner: app-team
    expires: "2026-12-31"
`;

function load(text: string): ExceptionSet {
  const result = loadExceptions(PATH, text);
  if (!result.ok) throw result.error;
  return result.value;
}

function failure(text: string): { code: string; message: string; line: number | undefined; column: number | undefined } {
  const result = loadExceptions(PATH, text);
  if (result.ok) throw new Error('expected the exceptions file to be rejected');
  return { code: result.error.code, message: result.error.message, line: result.error.position?.line, column: result.error.position?.column };
}

describe('loadExceptions', () => {
  it('reads every field, keeps `expires` as written and locates each entry from its "- "', () => {
    assert.deepEqual(load(FULL), {
      path: PATH,
      entries: [
        {
          selector: { kind: 'rule', rule: 'hadolint:DL3007' },
          paths: ['services/*/Dockerfile', 'ops/Dockerfile'],
          reason: 'Base image pinned by digest in CI',
          owner: 'platform-team@example.com',
          ticket: 'SEC-123',
          expires: '2027-03-31',
          source: { path: PATH, startLine: 2, startColumn: 3, endLine: 7, endColumn: 24 },
        },
        {
          selector: { kind: 'vulnerability', vulnerability: 'CVE-2021-23337' },
          object: { kind: 'Deployment', namespace: 'shop', name: 'web' },
          package: 'lodash',
          reason: 'Not reachable',
          owner: 'app-team',
          expires: '2026-12-31',
          source: { path: PATH, startLine: 8, startColumn: 3, endLine: 13, endColumn: 26 },
        },
      ],
    });
  });

  it('locates a flow-style entry at its mapping', () => {
    assert.deepEqual(load('exceptions: [{rule: DKR-0001, reason: r, owner: o, expires: 2030-01-01}]\n').entries[0]?.source, {
      path: PATH,
      startLine: 1,
      startColumn: 14,
      endLine: 1,
      endColumn: 72,
    });
  });

  const empty: readonly (readonly [string, string])[] = [
    ['an empty file', ''],
    ['a comment only', '# no exceptions yet\n'],
    ['an empty list', 'exceptions: []\n'],
  ];
  for (const [name, text] of empty) {
    it(`reads ${name} as no exceptions`, () => assert.deepEqual(load(text), { path: PATH, entries: [] }));
  }

  it('reports every problem of every entry in one error, in file order', () => {
    const text = `exceptions:
  - rule: DKR-0001
    reasons: x
    owner: me
    expires: 2027-3-31
  - vulnerability: CVE-2021-23337
    rule: DKR-0002
    reason: "  "
    owner: me
    expires: 2027-02-30
    paths: [/abs/Dockerfile, ok]
  - owner: me
    reason: r
    expires: 2027-01-01
  - DKR-0001
  - rule: x
    object: {}
    paths: []
    expires: !!timestamp 2027-01-01
`;
    assert.deepEqual(failure(text), {
      code: 'EXCEPTIONS_INVALID',
      message: [
        '.palisade/exceptions.yaml:2:5: exceptions[0] is missing the required key "reason"',
        '.palisade/exceptions.yaml:3:5: unknown key "reasons" in exceptions[0] (did you mean "reason"?)',
        '.palisade/exceptions.yaml:6:5: exceptions[1] names both "rule" and "vulnerability"; write one entry for each',
        '.palisade/exceptions.yaml:8:13: "exceptions[1].reason" must not be blank',
        '.palisade/exceptions.yaml:10:14: "exceptions[1].expires" must be a date written YYYY-MM-DD (found "2027-02-30")',
        '.palisade/exceptions.yaml:11:13: "exceptions[1].paths[0]" must be relative to the scan root (found "/abs/Dockerfile")',
        '.palisade/exceptions.yaml:12:5: exceptions[2] needs a "rule" or a "vulnerability" to waive',
        '.palisade/exceptions.yaml:15:5: "exceptions[3]" must be a mapping (found a string)',
        '.palisade/exceptions.yaml:16:5: exceptions[4] is missing the required key "reason"',
        '.palisade/exceptions.yaml:16:5: exceptions[4] is missing the required key "owner"',
        '.palisade/exceptions.yaml:17:13: "exceptions[4].object" must not be empty',
        '.palisade/exceptions.yaml:18:12: "exceptions[4].paths" must not be empty',
        '.palisade/exceptions.yaml:19:26: "exceptions[4].expires" must be a string (found a date)',
      ].join('\n'),
      line: 2,
      column: 5,
    });
  });

  const single: readonly { name: string; text: string; message: string }[] = [
    {
      name: 'an unparseable date',
      text: 'exceptions:\n  - rule: x\n    reason: r\n    owner: o\n    expires: next week\n',
      message: '.palisade/exceptions.yaml:5:14: "exceptions[0].expires" must be a date written YYYY-MM-DD (found "next week")',
    },
    {
      name: 'a date without zero padding',
      text: 'exceptions:\n  - rule: x\n    reason: r\n    owner: o\n    expires: 2027-3-31\n',
      message: '.palisade/exceptions.yaml:5:14: "exceptions[0].expires" must be a date written YYYY-MM-DD (found "2027-3-31")',
    },
    {
      name: 'an unknown object field',
      text: 'exceptions:\n  - rule: x\n    object: { kind: Pod, namespce: shop }\n    reason: r\n    owner: o\n    expires: 2027-01-01\n',
      message: '.palisade/exceptions.yaml:3:26: unknown key "namespce" in exceptions[0].object (did you mean "namespace"?)',
    },
    {
      name: 'a number as ticket',
      text: 'exceptions:\n  - rule: x\n    reason: r\n    owner: o\n    ticket: 123\n    expires: 2027-01-01\n',
      message: '.palisade/exceptions.yaml:5:13: "exceptions[0].ticket" must be a string (found an integer)',
    },
    { name: 'a null list', text: 'exceptions:\n', message: '.palisade/exceptions.yaml:1:12: "exceptions" must be a list (found nothing)' },
    { name: 'a top-level list', text: '- rule: x\n', message: '.palisade/exceptions.yaml:1:1: the file must be a mapping of keys to values (found a list)' },
    {
      name: 'a misspelt top-level key',
      text: 'exception: []\n',
      message: '.palisade/exceptions.yaml:1:1: the file is missing the required key "exceptions"\n.palisade/exceptions.yaml:1:1: unknown key "exception" (did you mean "exceptions"?)',
    },
    { name: 'a YAML syntax error', text: 'exceptions:\n  - rule: "DKR-0001\n', message: '.palisade/exceptions.yaml:3:1: YAML syntax error: Missing closing "quote' },
    {
      name: 'a duplicate key in an entry',
      text: 'exceptions:\n  - rule: x\n    rule: y\n    reason: r\n    owner: o\n    expires: 2027-01-01\n',
      message: '.palisade/exceptions.yaml:3:5: duplicate key "rule"',
    },
  ];
  for (const testCase of single) {
    it(`rejects ${testCase.name}`, () => assert.equal(failure(testCase.text).message, testCase.message));
  }

  it('refuses a "billion laughs" document', () => {
    const text = [
      'anchors:',
      '  a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]',
      '  b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
      '  c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
      '  d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
      '  e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]',
      '  f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]',
      'exceptions: *f',
      '',
    ].join('\n');
    assert.deepEqual(failure(text), {
      code: 'EXCEPTIONS_INVALID',
      message: '.palisade/exceptions.yaml:3:10: aliases expand to too many nodes (a "billion laughs" document?); the file was not loaded',
      line: 3,
      column: 10,
    });
  });

  it('rejects 1 MiB of garbage with at most 20 positioned problems and a count of the rest', () => {
    const chars: string[] = [];
    for (let seed = 1; chars.length < 1 << 20; ) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      chars.push(seed % 37 === 0 ? '\n' : String.fromCharCode(32 + (seed % 95)));
    }
    const { code, message } = failure(chars.join(''));
    const lines = message.split('\n');
    assert.equal(code, 'EXCEPTIONS_INVALID');
    assert.equal(lines.length, 21);
    for (const line of lines.slice(0, 20)) assert.match(line, /^\.palisade\/exceptions\.yaml:\d+:\d+: YAML syntax error: /);
    assert.match(lines[20] ?? '', /^\.palisade\/exceptions\.yaml: … and \d+ more problems$/);
  });

  it('rejects a thousand bad entries with a capped report', () => {
    const text = `exceptions:\n${'  - rule: x\n'.repeat(1000)}`;
    const lines = failure(text).message.split('\n');
    assert.equal(lines.length, 21);
    assert.equal(lines[0], '.palisade/exceptions.yaml:2:5: exceptions[0] is missing the required key "reason"');
    assert.equal(lines[20], '.palisade/exceptions.yaml: … and 2980 more problems');
  });
});

describe('applyExceptions', () => {
  const set = load(FULL);

  it('waives matching findings with the entry’s details, through the whole expiry day', () => {
    const matching = dockerfileFinding();
    const { findings, expired, unused } = applyExceptions([matching], set, LAST_VALID);
    assert.deepEqual(findings, [
      {
        ...matching,
        suppression: {
          kind: 'exception',
          reason: 'Base image pinned by digest in CI',
          owner: 'platform-team@example.com',
          ticket: 'SEC-123',
          expires: '2027-03-31',
          source: { path: PATH, startLine: 2, startColumn: 3, endLine: 7, endColumn: 24 },
        },
      },
    ]);
    assert.equal(expired.length, 1, 'the lodash entry (2026-12-31) has expired');
    assert.deepEqual(unused, []);
  });

  it('leaves a ticket out of the suppression when the entry has none', () => {
    const onDeployment = vulnerabilityFinding({ location: kubernetesFinding().location });
    const waived = applyExceptions([onDeployment], load(FULL.replace('"2026-12-31"', '2028-01-01')), LAST_VALID).findings[0];
    assert.deepEqual(waived?.suppression, {
      kind: 'exception',
      reason: 'Not reachable',
      owner: 'app-team',
      expires: '2028-01-01',
      source: { path: PATH, startLine: 8, startColumn: 3, endLine: 13, endColumn: 24 },
    });
  });

  it('waives nothing once expired, and reports each expired entry as a GATE-0001 finding', () => {
    const { findings, expired, unused } = applyExceptions([dockerfileFinding()], set, FIRST_EXPIRED);
    assert.deepEqual(findings, [dockerfileFinding()]);
    assert.deepEqual(unused, []);
    assert.deepEqual(expired, [
      {
        ruleId: 'GATE-0001',
        slug: 'no-expired-exceptions',
        messageId: 'expired',
        aliases: [],
        kind: 'policy',
        severity: 'medium',
        title: 'Exception has expired',
        message: 'The exception for rule "hadolint:DL3007" in services/*/Dockerfile, ops/Dockerfile (owner platform-team@example.com) expired on 2027-03-31; it no longer waives anything.',
        location: { path: PATH, startLine: 2, startColumn: 3, endLine: 7, endColumn: 24 },
        compliance: [],
        fingerprint: fingerprint(['GATE-0001', 'rule', 'hadolint:DL3007', 'services/*/Dockerfile\nops/Dockerfile', '', '']),
        remediation: 'Fix the findings the exception waived and delete the entry, or review it and set a new expiry date with a current reason.',
        helpUri: 'https://github.com/palisade-dev/palisade/blob/main/docs/rules/no-expired-exceptions.md',
      },
      {
        ruleId: 'GATE-0001',
        slug: 'no-expired-exceptions',
        messageId: 'expired',
        aliases: [],
        kind: 'policy',
        severity: 'medium',
        title: 'Exception has expired',
        message: 'The exception for vulnerability CVE-2021-23337 on Deployment shop/web in package lodash (owner app-team) expired on 2026-12-31; it no longer waives anything.',
        location: { path: PATH, startLine: 8, startColumn: 3, endLine: 13, endColumn: 26 },
        compliance: [],
        fingerprint: fingerprint(['GATE-0001', 'vulnerability', 'CVE-2021-23337', '', '\nDeployment\nshop\nweb', 'lodash']),
        remediation: 'Fix the findings the exception waived and delete the entry, or review it and set a new expiry date with a current reason.',
        helpUri: 'https://github.com/palisade-dev/palisade/blob/main/docs/rules/no-expired-exceptions.md',
      },
    ]);
  });

  it('gives an expired entry the same fingerprint when it moves in the file', () => {
    const moved = load(`# moved down\n\n${FULL}`);
    const before = applyExceptions([], set, FIRST_EXPIRED).expired.map((finding) => finding.fingerprint);
    const after = applyExceptions([], moved, FIRST_EXPIRED).expired.map((finding) => finding.fingerprint);
    assert.deepEqual(after, before);
    assert.notEqual(before[0], before[1]);
  });

  it('lists valid entries that matched nothing as unused', () => {
    const { unused } = applyExceptions([kubernetesFinding()], set, LAST_VALID);
    assert.deepEqual(unused.map((entry) => entry.selector), [{ kind: 'rule', rule: 'hadolint:DL3007' }]);
  });

  it('keeps an existing suppression, but counts the entry as used', () => {
    const inline = dockerfileFinding({ suppression: { kind: 'inline', reason: 'checked' } });
    const { findings, unused } = applyExceptions([inline], set, LAST_VALID);
    assert.deepEqual(findings, [inline]);
    assert.deepEqual(unused, []);
  });

  it('uses the first matching entry', () => {
    const two = load(`exceptions:
  - rule: DKR-0001
    reason: first
    owner: a
    expires: 2030-01-01
  - rule: no-latest-tag
    reason: second
    owner: b
    expires: 2030-01-01
`);
    const { findings, unused } = applyExceptions([dockerfileFinding()], two, LAST_VALID);
    assert.equal(findings[0]?.suppression?.reason, 'first');
    assert.deepEqual(unused, []);
  });
});

describe('applyExceptions: matching', () => {
  const entry = (fields: string): string => `exceptions:\n  - ${fields.replaceAll('\n', '\n    ')}\n    reason: r\n    owner: o\n    expires: 2030-01-01\n`;
  const cases: readonly { name: string; fields: string; finding: Finding; waived: boolean }[] = [
    { name: 'rule id', fields: 'rule: DKR-0001', finding: dockerfileFinding(), waived: true },
    { name: 'rule id, other case', fields: 'rule: dkr-0001', finding: dockerfileFinding(), waived: true },
    { name: 'slug', fields: 'rule: no-latest-tag', finding: dockerfileFinding(), waived: true },
    { name: 'tool:id alias', fields: 'rule: hadolint:DL3007', finding: dockerfileFinding(), waived: true },
    { name: 'bare alias id (not an alias string)', fields: 'rule: DL3007', finding: dockerfileFinding(), waived: false },
    { name: 'other rule', fields: 'rule: DKR-0002', finding: dockerfileFinding(), waived: false },
    { name: 'vulnerability id', fields: 'vulnerability: GHSA-35jh-r3h4-6jhm', finding: vulnerabilityFinding(), waived: true },
    { name: 'vulnerability alias', fields: 'vulnerability: cve-2021-23337', finding: vulnerabilityFinding(), waived: true },
    { name: 'vulnerability on a finding without one', fields: 'vulnerability: CVE-2021-23337', finding: dockerfileFinding(), waived: false },
    { name: 'rule selector naming a vulnerability', fields: 'rule: CVE-2021-23337', finding: vulnerabilityFinding(), waived: true },
    { name: 'glob with *', fields: 'rule: DKR-0001\npaths: ["services/*/Dockerfile"]', finding: dockerfileFinding(), waived: true },
    { name: '* does not cross /', fields: 'rule: DKR-0001\npaths: ["services/*"]', finding: dockerfileFinding(), waived: false },
    { name: 'glob with **', fields: 'rule: DKR-0001\npaths: ["**/Dockerfile"]', finding: dockerfileFinding(), waived: true },
    { name: '** matches no directory', fields: 'rule: DKR-0001\npaths: ["**/Dockerfile"]', finding: dockerfileFinding({ location: { path: 'Dockerfile' } }), waived: true },
    { name: 'any of several globs', fields: 'rule: DKR-0001\npaths: [ops/Dockerfile, "services/api/*"]', finding: dockerfileFinding(), waived: true },
    { name: 'leading ./ ignored', fields: 'rule: DKR-0001\npaths: [./services/api/Dockerfile]', finding: dockerfileFinding(), waived: true },
    { name: 'glob elsewhere', fields: 'rule: DKR-0001\npaths: ["web/**"]', finding: dockerfileFinding(), waived: false },
    { name: 'globs are case-sensitive', fields: 'rule: DKR-0001\npaths: [Services/api/Dockerfile]', finding: dockerfileFinding(), waived: false },
    { name: 'whole object', fields: 'rule: K8S-0001\nobject: { kind: Deployment, namespace: shop, name: web }', finding: kubernetesFinding(), waived: true },
    { name: 'object by name only', fields: 'rule: K8S-0001\nobject: { name: web }', finding: kubernetesFinding(), waived: true },
    { name: 'object with apiVersion', fields: 'rule: K8S-0001\nobject: { apiVersion: apps/v1, kind: Deployment }', finding: kubernetesFinding(), waived: true },
    { name: 'object in another namespace', fields: 'rule: K8S-0001\nobject: { namespace: prod, name: web }', finding: kubernetesFinding(), waived: false },
    { name: 'object kind is case-sensitive', fields: 'rule: K8S-0001\nobject: { kind: deployment }', finding: kubernetesFinding(), waived: false },
    { name: 'object on a finding without one', fields: 'rule: DKR-0001\nobject: { name: web }', finding: dockerfileFinding(), waived: false },
    { name: 'package name', fields: 'vulnerability: CVE-2021-23337\npackage: lodash', finding: vulnerabilityFinding(), waived: true },
    { name: 'package name, other case', fields: 'vulnerability: CVE-2021-23337\npackage: LoDash', finding: vulnerabilityFinding(), waived: true },
    { name: 'full purl', fields: 'vulnerability: CVE-2021-23337\npackage: pkg:npm/lodash@4.17.20', finding: vulnerabilityFinding(), waived: true },
    { name: 'purl without version', fields: 'vulnerability: CVE-2021-23337\npackage: pkg:npm/lodash', finding: vulnerabilityFinding(), waived: true },
    { name: 'purl of another version', fields: 'vulnerability: CVE-2021-23337\npackage: pkg:npm/lodash@4.17.19', finding: vulnerabilityFinding(), waived: false },
    { name: 'other package', fields: 'vulnerability: CVE-2021-23337\npackage: underscore', finding: vulnerabilityFinding(), waived: false },
    { name: 'package on a finding without one', fields: 'rule: DKR-0001\npackage: lodash', finding: dockerfileFinding(), waived: false },
    {
      name: 'scoped purl without version',
      fields: 'vulnerability: CVE-2021-23337\npackage: pkg:npm/%40babel/core',
      finding: vulnerabilityFinding({ package: { name: '@babel/core', version: '7.0.0', ecosystem: 'npm', purl: 'pkg:npm/%40babel/core@7.0.0?arch=x' } }),
      waived: true,
    },
    {
      name: 'every condition must hold',
      fields: 'rule: K8S-0001\npaths: [k8s/*.yaml]\nobject: { kind: Deployment }\npackage: lodash',
      finding: kubernetesFinding(),
      waived: false,
    },
  ];
  for (const testCase of cases) {
    it(`${testCase.waived ? 'waives' : 'does not waive'}: ${testCase.name}`, () => {
      const { findings } = applyExceptions([testCase.finding], load(entry(testCase.fields)), LAST_VALID);
      assert.equal(findings[0]?.suppression?.kind, testCase.waived ? 'exception' : undefined);
    });
  }
});
