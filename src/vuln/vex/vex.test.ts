import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding } from '../../core/index.ts';
import { applyVex, jsonErrorOffset, parsePurl, parseVex, productMatches } from './index.ts';
import type { VexStatement } from './index.ts';

const OPENVEX = `{
  "@context": "https://openvex.dev/ns/v0.2.0",
  "@id": "https://example.com/vex/2024-001",
  "author": "Security Team",
  "timestamp": "2024-03-01T00:00:00Z",
  "version": 1,
  "statements": [
    {
      "vulnerability": { "name": "CVE-2021-23337", "aliases": ["GHSA-35jh-r3h4-6jhm"] },
      "products": [
        { "@id": "pkg:oci/app@sha256%3Aabc", "subcomponents": [{ "@id": "pkg:npm/lodash@4.17.11" }] }
      ],
      "status": "not_affected",
      "justification": "vulnerable_code_not_in_execute_path"
    },
    {
      "vulnerability": "GHSA-jf85-cpcp-j695",
      "products": ["pkg:npm/lodash"],
      "status": "fixed",
      "timestamp": "2024-04-01T00:00:00Z"
    }
  ]
}
`;

const CYCLONEDX = `{
  "bomFormat": "CycloneDX",
  "specVersion": "1.5",
  "metadata": { "timestamp": "2024-03-01T00:00:00Z" },
  "components": [
    { "bom-ref": "lodash-ref", "name": "lodash", "purl": "pkg:npm/lodash@4.17.11" },
    { "bom-ref": "outer", "name": "x", "components": [{ "bom-ref": "inner", "purl": "pkg:pypi/pyyaml@5.3.1" }] }
  ],
  "vulnerabilities": [
    { "id": "CVE-2021-23337", "analysis": { "state": "false_positive", "justification": "code_not_reachable", "detail": "template() is never called" }, "affects": [{ "ref": "lodash-ref" }] },
    { "id": "PYSEC-2021-142", "references": [{ "id": "CVE-2020-14343", "source": { "name": "NVD" } }], "analysis": { "state": "resolved" }, "affects": [{ "ref": "urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/1#inner" }] },
    { "id": "CVE-2000-0001", "analysis": { "state": "in_triage" }, "affects": [{ "ref": "pkg:npm/other@1.0.0" }] },
    { "id": "CVE-2000-0002", "ratings": [] }
  ]
}
`;

function statements(path: string, text: string): readonly VexStatement[] {
  const parsed = parseVex(path, text);
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.error.message);
  return parsed.value.statements;
}

describe('parseVex: OpenVEX', () => {
  it('reads statements, products, subcomponents, v0.0.x strings and positions', () => {
    assert.deepEqual(statements('vex.json', OPENVEX), [
      {
        vulnerability: 'CVE-2021-23337',
        aliases: ['GHSA-35jh-r3h4-6jhm'],
        products: [{ id: 'pkg:oci/app@sha256%3Aabc', subcomponents: ['pkg:npm/lodash@4.17.11'] }],
        status: 'not_affected',
        justification: 'vulnerable_code_not_in_execute_path',
        timestamp: '2024-03-01T00:00:00Z',
        source: { path: 'vex.json', startLine: 8, startColumn: 5 },
      },
      {
        vulnerability: 'GHSA-jf85-cpcp-j695',
        aliases: [],
        products: [{ id: 'pkg:npm/lodash', subcomponents: [] }],
        status: 'fixed',
        timestamp: '2024-04-01T00:00:00Z',
        source: { path: 'vex.json', startLine: 16, startColumn: 5 },
      },
    ]);
  });
});

describe('parseVex: CycloneDX', () => {
  it('maps analysis states, resolves bom-refs and BOM-Links, skips vulnerabilities without analysis', () => {
    assert.deepEqual(
      statements('bom.json', CYCLONEDX).map((statement) => [statement.vulnerability, statement.aliases, statement.products.map((product) => product.id), statement.status, statement.justification, statement.source.startLine]),
      [
        ['CVE-2021-23337', [], ['pkg:npm/lodash@4.17.11'], 'not_affected', 'code_not_reachable', 10],
        ['PYSEC-2021-142', ['CVE-2020-14343'], ['pkg:pypi/pyyaml@5.3.1'], 'fixed', undefined, 11],
        ['CVE-2000-0001', [], ['pkg:npm/other@1.0.0'], 'under_investigation', undefined, 12],
      ],
    );
  });
});

describe('parseVex: bad documents fail with file, line and column', () => {
  const rows: readonly (readonly [string, string, string])[] = [
    ['syntax error', '{\n  "statements": [\n    { "status": }\n  ]\n}', 'v.json:3:17: invalid JSON: '],
    ['truncated', '{\n  "a": [1, 2', 'v.json:2:13: invalid JSON: '],
    ['trailing text', '{}\nxyz', 'v.json:2:1: invalid JSON: '],
    ['empty file', '', 'v.json:1:1: invalid JSON: '],
    ['neither format', '{ "hello": 1 }', 'v.json:1:1: (document): not a VEX document: expected OpenVEX ("@context": "https://openvex.dev/ns/…") or CycloneDX ("bomFormat": "CycloneDX")'],
    ['statements not an array', '{ "@context": "https://openvex.dev/ns/v0.2.0",\n  "statements": 3 }', 'v.json:2:17: statements: expected an array of statements'],
    ['unknown status', '{ "@context": "https://openvex.dev/ns/v0.2.0", "statements": [\n {"vulnerability": {"name": "CVE-1"}, "products": ["pkg:npm/a"],\n  "status": "maybe"}] }', 'v.json:3:13: statements[0].status: expected one of not_affected, affected, fixed, under_investigation'],
    ['unknown justification', '{ "@context": "https://openvex.dev/ns/v0.2.0", "statements": [{"vulnerability": "CVE-1", "status": "not_affected", "justification": "trust me"}] }', 'v.json:1:133: statements[0].justification: expected one of component_not_present, vulnerable_code_not_present, vulnerable_code_not_in_execute_path, vulnerable_code_cannot_be_controlled_by_adversary, inline_mitigations_already_exist'],
    ['not_affected without a reason', '{ "@context": "https://openvex.dev/ns/v0.2.0", "statements": [{"vulnerability": "CVE-1", "status": "not_affected"}] }', 'v.json:1:63: statements[0]: a not_affected statement needs a justification or an impact_statement'],
    ['vulnerability without name', '{ "@context": "https://openvex.dev/ns/v0.2.0", "statements": [{"vulnerability": {"@id": "x"}, "status": "fixed"}] }', 'v.json:1:81: statements[0].vulnerability.name: expected the vulnerability name (a non-empty string)'],
    ['product without id', '{ "@context": "https://openvex.dev/ns/v0.2.0", "statements": [{"vulnerability": "CVE-1", "status": "fixed", "products": [{}]}] }', 'v.json:1:122: statements[0].products[0]: expected "@id" or "identifiers.purl"'],
    ['CycloneDX unknown state', '{ "bomFormat": "CycloneDX", "vulnerabilities": [{ "id": "CVE-1", "analysis": { "state": "fine" } }] }', 'v.json:1:89: vulnerabilities[0].analysis.state: expected one of not_affected, false_positive, resolved, resolved_with_pedigree, exploitable, in_triage'],
    ['CycloneDX vulnerability without id', '{ "bomFormat": "CycloneDX", "vulnerabilities": [{ "analysis": { "state": "resolved" } }] }', 'v.json:1:49: vulnerabilities[0].id: expected the vulnerability id (a non-empty string)'],
  ];
  for (const [name, text, message] of rows) {
    it(name, () => {
      const parsed = parseVex('v.json', text);
      assert.equal(parsed.ok, false);
      if (parsed.ok) return;
      assert.equal(parsed.error.code, 'PARSE_FAILED');
      assert.ok(parsed.error.message.startsWith(message), parsed.error.message);
    });
  }

  it('hostile nesting is a syntax error with a position, not a crash', () => {
    const parsed = parseVex('v.json', `${'['.repeat(200_000)}}`);
    assert.equal(parsed.ok ? '' : parsed.error.message.slice(0, 30), 'v.json:1:200001: invalid JSON:');
  });

  it('jsonErrorOffset finds the first error', () => {
    assert.deepEqual(['{"a":1,}', '[1,,2]', '{"a" 1}', '"\u0001"', '[1] [2]'].map(jsonErrorOffset), [7, 3, 5, 0, 4]);
  });
});

describe('purl matching', () => {
  it('parses purls with namespaces, versions and qualifiers', () => {
    assert.deepEqual(parsePurl('pkg:npm/%40babel/core@7.0.0?arch=x86_64&Distro=debian-12#sub'), {
      type: 'npm',
      namespace: '@babel',
      name: 'core',
      version: '7.0.0',
      qualifiers: new Map([
        ['arch', 'x86_64'],
        ['distro', 'debian-12'],
      ]),
    });
  });
  const rows: readonly (readonly [string, string, boolean])[] = [
    ['pkg:npm/lodash', 'pkg:npm/lodash@4.17.11', true],
    ['pkg:npm/lodash@4.17.11', 'pkg:npm/lodash@4.17.11', true],
    ['pkg:npm/lodash@4.17.12', 'pkg:npm/lodash@4.17.11', false],
    ['pkg:deb/debian/libssl3@3.0.11-1~deb12u2', 'pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&distro=debian-12', true],
    ['pkg:deb/debian/libssl3?arch=arm64', 'pkg:deb/debian/libssl3@3.0.11?arch=amd64', false],
    ['pkg:pypi/PyYAML', 'pkg:pypi/pyyaml@5.3.1', true],
    ['pkg:npm/%40babel/core', 'pkg:npm/@babel/core@7.0.0', true],
    ['pkg:maven/org.example/App', 'pkg:maven/org.example/app@1.0', false],
    ['not a purl', 'pkg:npm/lodash@1.0.0', false],
  ];
  for (const [product, purl, expected] of rows) it(`${product} ~ ${purl}`, () => assert.equal(productMatches(product, purl), expected));
});

function finding(id: string, aliases: readonly string[], purl: string): Finding {
  return {
    ruleId: id,
    slug: id.toLowerCase(),
    messageId: 'affected',
    aliases: [],
    kind: 'vulnerability',
    severity: 'high',
    title: id,
    message: id,
    location: { path: 'package-lock.json' },
    compliance: [],
    fingerprint: id,
    package: { name: 'x', version: '1', ecosystem: 'npm', purl },
    vulnerability: { id, aliases, fixedVersions: [] },
  };
}

describe('applyVex', () => {
  const lodash = [finding('GHSA-35jh-r3h4-6jhm', ['CVE-2021-23337'], 'pkg:npm/lodash@4.17.11'), finding('GHSA-jf85-cpcp-j695', ['CVE-2019-10744'], 'pkg:npm/lodash@4.17.11')];

  it('OpenVEX: subcomponent and alias match → not_affected; product purl without version → fixed', () => {
    const result = applyVex(lodash, statements('vex.json', OPENVEX));
    assert.deepEqual(
      result.findings.map((item) => item.suppression),
      [
        { kind: 'exception', reason: 'VEX not_affected: vulnerable_code_not_in_execute_path', source: { path: 'vex.json', startLine: 8, startColumn: 5 } },
        { kind: 'exception', reason: 'VEX fixed', source: { path: 'vex.json', startLine: 16, startColumn: 5 } },
      ],
    );
    assert.equal(result.suppressed, 2);
  });

  it('CycloneDX: bom-ref resolved to the purl', () => {
    const result = applyVex(lodash, statements('bom.json', CYCLONEDX));
    assert.deepEqual(
      result.findings.map((item) => item.suppression?.reason),
      ['VEX not_affected: code_not_reachable', undefined],
    );
  });

  it('with artifacts: a product that is not the scanned artifact does not apply its subcomponents', () => {
    const result = applyVex(lodash, statements('vex.json', OPENVEX), { artifacts: ['pkg:oci/other@sha256%3Adef'] });
    assert.deepEqual(result.findings.map((item) => item.suppression?.reason), [undefined, 'VEX fixed']);
  });

  it('with artifacts: a product without subcomponents naming the artifact applies to every package', () => {
    const image: VexStatement = { vulnerability: 'CVE-2019-10744', aliases: [], products: [{ id: 'pkg:oci/app', subcomponents: [] }], status: 'not_affected', justification: 'component_not_present', source: { path: 'v.json' } };
    const result = applyVex(lodash, [image], { artifacts: ['pkg:oci/app@sha256%3Aabc?repository_url=registry.example.com'] });
    assert.deepEqual(result.findings.map((item) => item.suppression?.reason), [undefined, 'VEX not_affected: component_not_present']);
  });

  it('the latest statement decides: affected after not_affected leaves the finding reported', () => {
    const base = { vulnerability: 'CVE-2019-10744', aliases: [], products: [{ id: 'pkg:npm/lodash', subcomponents: [] }], source: { path: 'v.json' } };
    const later: VexStatement[] = [
      { ...base, status: 'affected', timestamp: '2024-05-01T00:00:00Z' },
      { ...base, status: 'not_affected', justification: 'component_not_present', timestamp: '2024-01-01T00:00:00Z' },
    ];
    assert.equal(applyVex(lodash, later).suppressed, 0);
    assert.equal(applyVex(lodash, later.toReversed().map((statement) => ({ ...statement, timestamp: '2024-01-01T00:00:00Z' }))).suppressed, 0);
  });

  it('already suppressed findings and other packages are left alone; productless statements are noted', () => {
    const suppressed: Finding = { ...finding('GHSA-jf85-cpcp-j695', [], 'pkg:npm/lodash@4.17.11'), suppression: { kind: 'inline' } };
    const other = finding('GHSA-jf85-cpcp-j695', [], 'pkg:npm/underscore@1.0.0');
    const statement: VexStatement = { vulnerability: 'GHSA-jf85-cpcp-j695', aliases: [], products: [{ id: 'pkg:npm/lodash', subcomponents: [] }], status: 'fixed', source: { path: 'v.json' } };
    const productless: VexStatement = { ...statement, products: [] };
    const result = applyVex([suppressed, other], [statement, productless]);
    assert.deepEqual([result.findings.map((item) => item.suppression?.kind), result.notes], [['inline', undefined], ['VEX statements without products ignored: 1']]);
  });
});
