import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Report, RuleMeta } from '../core/index.ts';
import { FINDING_KINDS, REPORT_SCHEMA_VERSION, SEVERITIES } from '../core/index.ts';
import { canonicalReport, cleanReport, kubernetesFinding, noLatestTagRule, waivedFinding } from './__fixtures__/report.ts';
import { JSON_KEY_ORDER, jsonReportParts, jsonReporter } from './json.ts';
import { REPORT_SCHEMA_ID, loadReportSchema, validateReport } from './json-schema.ts';

const options = { color: false };
const render = (report: Report): unknown => JSON.parse(jsonReporter(report, options));

/** Reverses the key order of every object, to prove the output order does not depend on the input's. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([key, item]) => [key, reverseKeys(item)]));
}

/** Nested objects with their own key order, as in docs/output-json.md: an independent statement of the reporter's contract. */
type Nesting = Readonly<Record<string, readonly [readonly string[], Nesting?]>>;
const LOCATION_NESTING: Nesting = { object: [JSON_KEY_ORDER.kubernetesObject] };
const REPORT_NESTING: Nesting = {
  tool: [JSON_KEY_ORDER.tool],
  findings: [
    JSON_KEY_ORDER.finding,
    {
      location: [JSON_KEY_ORDER.location, LOCATION_NESTING],
      package: [JSON_KEY_ORDER.package],
      vulnerability: [JSON_KEY_ORDER.vulnerability, { cvss: [JSON_KEY_ORDER.cvss] }],
      suppression: [JSON_KEY_ORDER.suppression, { source: [JSON_KEY_ORDER.location, LOCATION_NESTING] }],
    },
  ],
  errors: [JSON_KEY_ORDER.scanError],
  summary: [JSON_KEY_ORDER.summary, { bySeverity: [JSON_KEY_ORDER.severityCounts] }],
  rules: [JSON_KEY_ORDER.rule, { aliases: [JSON_KEY_ORDER.ruleAlias], messages: [[]] }],
};

/** A copy with the listed keys first, then the others sorted; nested objects (and arrays of them) ordered likewise. */
function ordered(value: unknown, order: readonly string[], nesting: Nesting = {}): unknown {
  if (Array.isArray(value)) return value.map((item) => ordered(item, order, nesting));
  if (typeof value !== 'object' || value === null) return value;
  const keys = Object.keys(value);
  const result: Record<string, unknown> = {};
  for (const key of [...order.filter((known) => keys.includes(known)), ...keys.filter((key) => !order.includes(key)).sort()]) {
    const item: unknown = Reflect.get(value, key);
    const inner = Object.hasOwn(nesting, key) ? nesting[key] : undefined;
    if (item !== undefined) result[key] = inner === undefined ? item : ordered(item, inner[0], inner[1]);
  }
  return result;
}

function isReport(value: unknown): value is Report {
  return validateReport(value).length === 0;
}

describe('jsonReporter', () => {
  it('writes exactly the Report model (round trip)', () => {
    assert.deepEqual(render(canonicalReport), canonicalReport);
    assert.deepEqual(render(cleanReport), cleanReport);
  });

  it('indents with two spaces and ends with one newline', () => {
    const text = jsonReporter(canonicalReport, options);
    assert.equal(text, `${JSON.stringify(JSON.parse(text), null, 2)}\n`);
    assert.ok(text.startsWith('{\n  "schemaVersion": "1.0.0",\n  "tool": {\n    "name": "palisade",'));
  });

  it('writes keys in a stable order whatever the order of the input', () => {
    const shuffled = reverseKeys(canonicalReport);
    assert.ok(isReport(shuffled));
    assert.equal(jsonReporter(shuffled, options), jsonReporter(canonicalReport, options));
  });

  it('orders the keys of each object as the schema lists them, unknown keys last and sorted', () => {
    const extended: Report = Object.assign({ zeta: 1, alpha: 2 }, canonicalReport);
    const output = render(extended);
    assert.ok(typeof output === 'object' && output !== null);
    assert.deepEqual(Object.keys(output), [...JSON_KEY_ORDER.report, 'alpha', 'zeta']);
    const finding: unknown = Reflect.get(output, 'findings');
    assert.ok(Array.isArray(finding));
    assert.deepEqual(Object.keys(finding[1]), [
      'ruleId', 'slug', 'messageId', 'aliases', 'kind', 'severity', 'title', 'message', 'location', 'compliance',
      'fingerprint', 'remediation', 'helpUri', 'evidence',
    ]);
    assert.deepEqual(Object.keys(finding[1].location), ['path', 'startLine', 'startColumn', 'endLine', 'endColumn', 'object', 'jsonPointer']);
    assert.deepEqual(Object.keys(finding[3].suppression), ['kind', 'reason', 'owner', 'ticket', 'expires', 'source']);
  });

  it('keeps awkward characters intact (JSON escapes control characters)', () => {
    const text = jsonReporter(canonicalReport, options);
    assert.ok(text.includes('"message": "Unexpected \\"<\\" & \\"\\u001b[31m\\" in a block mapping\u202e: bad indentation"'));
    assert.ok(text.includes('"path": "services/café api/Dockerfile"'));
    assert.ok(text.includes('GHSA-35jh-r3h4-6jhm.\\nCommand Injection'));
  });

  it('writes exactly what JSON.stringify writes of the ordered report, whatever the values', () => {
    const awkward = {
      ...canonicalReport,
      zeta: { b: [1, { c: undefined, d: () => 1, e: 'x' }, [], {}, null, true], a: -0, n: Number.NaN },
      alpha: [undefined, 'x', () => 1],
      mid: 'é\u2028\ud800"\\',
      empty: {},
      findings: canonicalReport.findings.map(({ evidence: _evidence, ...finding }, index) => ({ ...finding, extra: index, aaa: { nested: [{ x: 1 }] } })),
      rules: canonicalReport.rules.map((rule) => ({ ...rule, options: { schema: { type: 'object', additionalProperties: false, properties: { a: { type: 'string' } } }, defaults: { a: 'b', n: [1, 2] } } } satisfies RuleMeta)),
    };
    for (const report of [canonicalReport, cleanReport, awkward, { ...cleanReport, findings: [], errors: [], rules: [] }]) {
      assert.equal(jsonReporter(report, options), `${JSON.stringify(ordered(report, JSON_KEY_ORDER.report, REPORT_NESTING), null, 2)}\n`);
    }
  });

  it('writes items in order (JSON.stringify) and items out of order (key by key) to the same text', () => {
    const [finding] = canonicalReport.findings;
    assert.ok(finding !== undefined);
    class Located {
      readonly path = 'a/Dockerfile';
      readonly startLine = 1;
    }
    const nullPrototype = Object.assign(Object.create(null), { path: 'b', startLine: 2 });
    const getter = { ...finding, get title() { return 'from a getter'; } };
    const odd = [
      finding,
      { ...finding, location: new Located() },
      { ...finding, location: nullPrototype },
      { ...finding, location: { ...finding.location, object: new Date(0) } },
      { ...finding, location: { startLine: 3, path: 'c' } },
      { ...finding, location: null },
      { ...finding, location: 'somewhere' },
      { ...finding, message: undefined, evidence: () => 'x', package: { purl: 'pkg:npm/a', name: 'a' } },
      { ruleId: 'X', suppression: { kind: 'inline', source: { startLine: 1, path: 'd' } } },
      { ...finding, suppression: { kind: 'inline', reason: 'r', source: finding.location }, evidence: 'after the suppression' },
      getter,
      {},
      [finding],
      'text',
    ];
    const rules = canonicalReport.rules.map((rule, index) => (index === 0 ? { ...rule, aliases: [{ relation: 'same', id: 'DL1', tool: 'hadolint' }, null, ['x']] } : rule));
    const report = { ...canonicalReport, findings: odd, rules };
    assert.equal(jsonReporter(report as unknown as Report, options), `${JSON.stringify(ordered(report, JSON_KEY_ORDER.report, REPORT_NESTING), null, 2)}\n`);
  });

  it('writes findings shaped as toFinding builds them exactly as JSON.stringify does, whatever their values', () => {
    const [finding] = canonicalReport.findings;
    assert.ok(finding !== undefined);
    const { evidence: _evidence, ...withoutEvidence } = kubernetesFinding;
    const located = (location: unknown): unknown => ({ ...finding, location });
    const standard = [
      finding,
      kubernetesFinding,
      withoutEvidence,
      // The same rule and message with other rule fields: the cached text is made again, then again for the first.
      { ...finding, severity: 'low' },
      finding,
      { ...finding, aliases: [...finding.aliases] },
      { ...finding, aliases: [], compliance: ['a', 'b', 'c'] },
      { ...finding, title: undefined, remediation: undefined, evidence: undefined },
      { ...finding, message: 'é\u2028\ud800"\\\u001b\n', evidence: '\udc00 tail', fingerprint: '' },
      { ...kubernetesFinding, messageId: 'other' },
      located({ path: 'p' }),
      located({ path: 'p', startLine: undefined, endColumn: 4 }),
      located({}),
      located({ path: 'p', startLine: -0, startColumn: 1.5, endLine: 1e21 }),
      located({ ...kubernetesFinding.location, object: { kind: 'Pod', name: 'x' } }),
      located({ ...kubernetesFinding.location, object: { apiVersion: 'v1', kind: 'Pod', namespace: undefined, name: 'x' } }),
      located({ ...kubernetesFinding.location, object: {} }),
      // A path and a range first (the one-template path), then perhaps the keys after them.
      located({ path: 'p', startLine: -0, startColumn: 1.5, endLine: 1e21, endColumn: 2 }),
      located({ path: 'é\u2028\ud800"\\', startLine: 1, startColumn: 2, endLine: 3, endColumn: 4 }),
      located({ path: 'p', startLine: 1, startColumn: 2, endLine: 3, endColumn: 4, jsonPointer: '/spec' }),
      located({ path: 'p', startLine: 1, startColumn: 2, endLine: 3, endColumn: 4, object: undefined, jsonPointer: '/spec' }),
    ];
    const other = [
      located({ path: 'p', startLine: Number.NaN }),
      located({ path: 'p', startLine: Number.POSITIVE_INFINITY }),
      located({ startLine: 1, path: 'p' }),
      located({ path: 'p', extra: 1 }),
      located({ path: 'p', startLine: 1, startColumn: 2, endLine: 3, endColumn: Number.NaN }),
      located({ path: 1, startLine: 1, startColumn: 2, endLine: 3, endColumn: 4 }),
      located({ path: 'p', startLine: 1, startColumn: 2, endLine: 3, endColumn: 4, jsonPointer: '/spec', object: { kind: 'Pod' } }),
      located({ path: 'p', startLine: 1, startColumn: 2, endLine: 3, endColumn: 4, extra: 1 }),
      located({ path: 'p', startLine: 1, startColumn: 2, endColumn: 4, endLine: 3 }),
      located({ ...kubernetesFinding.location, object: { apiVersion: 'v1', kind: 1 } }),
      located({ ...kubernetesFinding.location, object: { name: 'x', kind: 'Pod' } }),
      located(undefined),
      { ...finding, slug: 42 },
      { ...finding, aliases: ['a', 1] },
      { ...finding, ruleId: undefined },
      { ...finding, fingerprint: 7 },
      { ...finding, message: undefined },
      { ...finding, evidence: 3 },
      { ...finding, zzz: 1 },
      { zzz: 1, ...finding },
      finding,
    ];
    const report = { ...cleanReport, findings: [...standard, ...other] };
    assert.equal(jsonReporter(report as unknown as Report, options), `${JSON.stringify(ordered(report, JSON_KEY_ORDER.report, REPORT_NESTING), null, 2)}\n`);
  });

  it('writes a finding anew when a list of its rule fields changed since an earlier report', () => {
    const [finding] = canonicalReport.findings;
    assert.ok(finding !== undefined);
    const aliases = ['hadolint:DL3007'];
    const changing = { ...finding, ruleId: 'DKR-9999', aliases };
    const render = (): string => jsonReporter({ ...cleanReport, findings: [changing] }, options);
    const expected = (): string => `${JSON.stringify(ordered({ ...cleanReport, findings: [changing] }, JSON_KEY_ORDER.report, REPORT_NESTING), null, 2)}\n`;
    assert.equal(render(), expected());
    aliases.push('kube-linter:latest-tag');
    assert.equal(render(), expected());
    assert.ok(render().includes('"kube-linter:latest-tag"'));
  });

  it('writes keys named like Object.prototype members as any other key', () => {
    const findings = [{ ruleId: 'X', constructor: [{ b: 1, a: 2 }], toString: { d: 1, c: 2 }, hasOwnProperty: [] }];
    const report = { ...cleanReport, findings };
    assert.equal(jsonReporter(report as unknown as Report, options), `${JSON.stringify(ordered(report, JSON_KEY_ORDER.report, REPORT_NESTING), null, 2)}\n`);
  });

  it('yields the report in pieces (one per finding, error and rule) that join to the whole text', () => {
    const parts = [...jsonReportParts(canonicalReport)];
    assert.equal(parts.join(''), jsonReporter(canonicalReport, options));
    assert.equal(parts.length, canonicalReport.findings.length + canonicalReport.errors.length + canonicalReport.rules.length + 1);
    assert.ok(parts[1]?.startsWith(',\n    {\n      "ruleId": '));
  });

  it('uses the schema version of the core model', () => {
    assert.equal(canonicalReport.schemaVersion, REPORT_SCHEMA_VERSION);
  });
});

describe('validateReport', () => {
  it('accepts the canonical and the clean report', () => {
    assert.deepEqual(validateReport(render(canonicalReport)), []);
    assert.deepEqual(validateReport(render(cleanReport)), []);
  });

  it('allows unknown keys at the top level, in findings, errors and rules (additive evolution)', () => {
    const report = render(canonicalReport);
    assert.ok(isReport(report));
    const extended = {
      ...report,
      newTopLevel: { anything: true },
      findings: report.findings.map((finding) => ({ ...finding, newField: 1 })),
      errors: report.errors.map((error) => ({ ...error, endLine: 4 })),
      rules: report.rules.map((rule) => ({ ...rule, options: {} })),
    };
    assert.deepEqual(validateReport(extended), []);
  });

  const broken: readonly { name: string; patch: (report: Report) => unknown; errors: readonly string[] }[] = [
    { name: 'not an object', patch: () => [], errors: ['/ must be object'] },
    {
      name: 'missing findings',
      patch: ({ findings: _findings, ...rest }) => rest,
      errors: ["/ must have required property 'findings'"],
    },
    {
      name: 'major schema version 2',
      patch: (report) => ({ ...report, schemaVersion: '2.0.0' }),
      errors: ['/schemaVersion must match pattern "^1\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)$"'],
    },
    {
      name: 'another tool',
      patch: (report) => ({ ...report, tool: { name: 'trivy', version: '0.50.0' } }),
      errors: ['/tool/name must be equal to constant'],
    },
    {
      name: 'short fingerprint and unknown severity',
      patch: (report) => ({ ...report, findings: [{ ...kubernetesFinding, fingerprint: 'abc', severity: 'urgent' }] }),
      errors: [
        '/findings/0/severity must be equal to one of the allowed values',
        '/findings/0/fingerprint must match pattern "^[0-9a-f]{32}$"',
      ],
    },
    {
      name: 'line 0 and a fractional column',
      patch: (report) => ({ ...report, findings: [{ ...kubernetesFinding, location: { path: 'a.yaml', startLine: 0, startColumn: 1.5 } }] }),
      errors: ['/findings/0/location/startLine must be >= 1', '/findings/0/location/startColumn must be integer'],
    },
    {
      name: 'alias and compliance id without a prefix',
      patch: (report) => ({ ...report, findings: [{ ...kubernetesFinding, aliases: ['DL3007'], compliance: ['5.2.2'] }] }),
      errors: ['/findings/0/aliases/0 must match pattern "^[a-z0-9][a-z0-9-]*:\\S.*$"', '/findings/0/compliance/0 must match pattern "^[a-z0-9][a-z0-9.-]*:\\S+$"'],
    },
    {
      name: 'unknown key inside a location and a bad JSON pointer',
      patch: (report) => ({
        ...report,
        findings: [{ ...kubernetesFinding, location: { ...kubernetesFinding.location, line: 3, jsonPointer: 'spec/~2' } }],
      }),
      errors: ['/findings/0/location must NOT have additional properties ("line")', '/findings/0/location/jsonPointer must match pattern "^(/([^~]|~[01])*)*$"'],
    },
    {
      name: 'unknown suppression kind',
      patch: (report) => ({ ...report, findings: [{ ...waivedFinding, suppression: { kind: 'ignored' } }] }),
      errors: ['/findings/0/suppression/kind must be equal to one of the allowed values'],
    },
    {
      name: 'negative count and unknown threshold',
      patch: (report) => ({ ...report, summary: { ...report.summary, failing: -1, failOn: 'severe' } }),
      errors: ['/summary/failOn must be equal to one of the allowed values', '/summary/failing must be >= 0'],
    },
    {
      name: 'error code in lower case',
      patch: (report) => ({ ...report, errors: [{ path: 'a', code: 'parse_failed', message: 'x' }] }),
      errors: ['/errors/0/code must match pattern "^[A-Z][A-Z0-9_]*$"'],
    },
    {
      name: 'rule alias as a string',
      patch: (report) => ({ ...report, rules: [{ ...noLatestTagRule, aliases: ['hadolint:DL3007'] }] }),
      errors: ['/rules/0/aliases/0 must be object'],
    },
  ];

  for (const { name, patch, errors } of broken) {
    it(`rejects a report with ${name}`, () => {
      assert.deepEqual(validateReport(patch(canonicalReport)), errors);
    });
  }
});

describe('schemas/report.schema.json', () => {
  const schema = loadReportSchema();
  assert.ok(typeof schema === 'object' && schema !== null);
  const definitions: unknown = Reflect.get(schema, 'definitions');
  assert.ok(typeof definitions === 'object' && definitions !== null);
  const propertiesOf = (node: unknown): string[] => {
    const properties: unknown = typeof node === 'object' && node !== null ? Reflect.get(node, 'properties') : undefined;
    return typeof properties === 'object' && properties !== null ? Object.keys(properties) : [];
  };
  const enumOf = (name: string): unknown => Reflect.get(Reflect.get(definitions, name), 'enum');

  it('is draft-07 with the published $id', () => {
    assert.equal(Reflect.get(schema, '$schema'), 'http://json-schema.org/draft-07/schema#');
    assert.equal(Reflect.get(schema, '$id'), REPORT_SCHEMA_ID);
  });

  it('lists the properties of every object in the order the JSON reporter writes them', () => {
    assert.deepEqual(propertiesOf(schema), [...JSON_KEY_ORDER.report]);
    for (const [name, order] of Object.entries(JSON_KEY_ORDER)) {
      if (name === 'report') continue;
      assert.deepEqual(propertiesOf(Reflect.get(definitions, name)), [...order], `definitions.${name}`);
    }
  });

  it('has the severities and finding kinds of the core model', () => {
    assert.deepEqual(enumOf('severity'), [...SEVERITIES]);
    assert.deepEqual(enumOf('findingKind'), [...FINDING_KINDS]);
  });

  it('is documented field by field in docs/output-json.md', () => {
    const doc = readFileSync(new URL('../../docs/output-json.md', import.meta.url), 'utf8');
    const missing = Object.values(JSON_KEY_ORDER)
      .flat()
      .filter((key) => !doc.includes(`\`${key}\``));
    assert.deepEqual([...new Set(missing)], []);
  });

  it('accepts the example in docs/output-json.md', () => {
    const doc = readFileSync(new URL('../../docs/output-json.md', import.meta.url), 'utf8');
    const example = /## Example\n\n```json\n([\s\S]*?)\n```/.exec(doc)?.[1];
    assert.ok(example !== undefined, 'docs/output-json.md has a json block under "## Example"');
    assert.deepEqual(validateReport(JSON.parse(example)), []);
  });
});
