import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isPalisadeError } from '../../core/errors.ts';
import { buildStatement, parseStatement, predicateTime, resolvePredicateType, serializeStatement, statementCoversDigest } from './index.ts';

const DIGEST = `sha256:${'ab'.repeat(32)}`;

describe('in-toto statements', () => {
  it('builds a v1 statement with the bare sha256 subject, and parses it back', () => {
    const statement = buildStatement({ name: 'registry.example/app', digest: DIGEST }, 'https://cyclonedx.org/bom', { bomFormat: 'CycloneDX' });
    assert.equal(
      serializeStatement(statement).toString(),
      `{"_type":"https://in-toto.io/Statement/v1","subject":[{"name":"registry.example/app","digest":{"sha256":"${'ab'.repeat(32)}"}}],"predicateType":"https://cyclonedx.org/bom","predicate":{"bomFormat":"CycloneDX"}}`,
    );
    const parsed = parseStatement(serializeStatement(statement));
    assert.deepEqual(parsed, statement);
    assert.equal(statementCoversDigest(parsed, DIGEST), true);
    assert.equal(statementCoversDigest(parsed, `sha256:${'cd'.repeat(32)}`), false);
    assert.equal(statementCoversDigest(parsed, 'ab'.repeat(32)), true);
    assert.equal(statementCoversDigest(parsed, `sha512:${'ab'.repeat(32)}`), false);
    assert.equal(statementCoversDigest(parsed, 'not a digest'), false);
    assert.throws(() => buildStatement({ name: 'x', digest: 'latest' }, 't', {}), (error: unknown) => isPalisadeError(error) && error.code === 'USAGE' && error.message === '"latest" is not a sha256 digest');
  });

  it('reads cosign v0.1 statements and upper-case digests', () => {
    const parsed = parseStatement(`{"_type":"https://in-toto.io/Statement/v0.1","predicateType":"x","subject":[{"name":"a","digest":{"SHA256":"${'AB'.repeat(32)}"}}],"predicate":{}}`);
    assert.equal(statementCoversDigest(parsed, DIGEST), true);
  });

  it('rejects malformed statements naming the problem', () => {
    const cases = [
      ['{', 's: not valid JSON'],
      ['"x"', 's: not a JSON object'],
      ['{"_type":"https://in-toto.io/Statement/v2","predicateType":"x","subject":[]}', 's: unsupported _type "https://in-toto.io/Statement/v2" (expected https://in-toto.io/Statement/v1)'],
      ['{"_type":"https://in-toto.io/Statement/v1","subject":[{"digest":{}}]}', 's: "predicateType" is missing'],
      ['{"_type":"https://in-toto.io/Statement/v1","predicateType":"x","subject":[]}', 's: "subject" is missing or empty'],
      ['{"_type":"https://in-toto.io/Statement/v1","predicateType":"x","subject":[{"name":"a"}]}', 's: subject[0].digest is missing'],
    ] as const;
    for (const [text, message] of cases) {
      assert.throws(() => parseStatement(text, 's'), (error: unknown) => isPalisadeError(error) && error.code === 'SIGNATURE_INVALID' && error.message === message);
    }
  });

  it('resolves predicate type names and URIs', () => {
    assert.equal(resolvePredicateType('palisade-scan'), 'https://palisade.dev/attestations/scan/v1');
    assert.equal(resolvePredicateType('cyclonedx'), 'https://cyclonedx.org/bom');
    assert.equal(resolvePredicateType('vuln'), 'https://cosign.sigstore.dev/attestation/vuln/v1');
    assert.equal(resolvePredicateType('slsaprovenance'), 'https://slsa.dev/provenance/v0.2');
    assert.equal(resolvePredicateType('https://example.com/my/v1'), 'https://example.com/my/v1');
    assert.throws(() => resolvePredicateType('cyclone'), (error: unknown) => isPalisadeError(error) && error.code === 'USAGE' && error.message.startsWith('Unknown attestation type "cyclone"; use one of custom, cyclonedx,'));
    assert.throws(() => resolvePredicateType('toString'), (error: unknown) => isPalisadeError(error) && error.code === 'USAGE');
  });

  it('finds the time each predicate type records, or none', () => {
    const table = [
      ['palisade-scan', { timestamp: '2026-11-20T10:00:00Z' }, '2026-11-20T10:00:00.000Z'],
      ['vuln', { metadata: { scanStartedOn: '2026-11-19T10:00:00Z', scanFinishedOn: '2026-11-19T11:00:00Z' } }, '2026-11-19T11:00:00.000Z'],
      ['custom', { Data: 'x', Timestamp: '2026-11-18T00:00:00Z' }, '2026-11-18T00:00:00.000Z'],
      ['cyclonedx', { metadata: { timestamp: '2026-11-17T00:00:00Z' } }, '2026-11-17T00:00:00.000Z'],
      ['spdx', { creationInfo: { created: '2026-11-16T00:00:00Z' } }, '2026-11-16T00:00:00.000Z'],
      ['slsaprovenance1', { runDetails: { metadata: { finishedOn: '2026-11-15T00:00:00Z' } } }, '2026-11-15T00:00:00.000Z'],
      ['https://example.com/x', { timestamp: '2026-11-14T00:00:00Z' }, '2026-11-14T00:00:00.000Z'],
      ['palisade-scan', { timestamp: 'yesterday' }, undefined],
      ['palisade-scan', null, undefined],
      ['cyclonedx', { metadata: [] }, undefined],
    ] as const;
    for (const [type, predicate, expected] of table) assert.equal(predicateTime(resolvePredicateType(type), predicate)?.toISOString(), expected);
  });
});

describe('the palisade-scan predicate', () => {
  it('summarises a report: counts, verdict, rule set digest, database age, time', async () => {
    const { createHash } = await import('node:crypto');
    const { buildScanPredicate, PALISADE_SCAN_PREDICATE_TYPE } = await import('./index.ts');
    const report = {
      schemaVersion: '1',
      tool: { name: 'palisade', version: '0.3.0' },
      target: '.',
      findings: [],
      errors: [],
      rules: [],
      summary: { bySeverity: { critical: 1, high: 2, medium: 0, low: 0, info: 3 }, total: 6, suppressed: 0, failOn: 'high', failing: 3, filesScanned: 10 },
    } as const;
    const predicate = buildScanPredicate({ report, ruleIds: ['PAL-2', 'PAL-1', 'PAL-2'], packs: ['recommended'], databaseUpdatedAt: new Date('2026-11-26T04:00:00Z'), finishedAt: new Date('2026-11-26T12:00:00Z') });
    assert.deepEqual(predicate, {
      scanner: { name: 'palisade', version: '0.3.0' },
      database: { updatedAt: '2026-11-26T04:00:00.000Z', ageSeconds: 28_800 },
      ruleSet: { count: 2, packs: ['recommended'], digest: `sha256:${createHash('sha256').update('PAL-1\nPAL-2').digest('hex')}` },
      counts: { critical: 1, high: 2, medium: 0, low: 0, info: 3 },
      verdict: 'fail',
      failOn: 'high',
      timestamp: '2026-11-26T12:00:00.000Z',
    });
    assert.equal(predicateTime(PALISADE_SCAN_PREDICATE_TYPE, predicate)?.toISOString(), '2026-11-26T12:00:00.000Z');
    const clean = buildScanPredicate({ report: { ...report, summary: { ...report.summary, failing: 0 } }, ruleIds: [], packs: [], finishedAt: new Date('2026-11-26T12:00:00Z') });
    assert.deepEqual([clean.verdict, clean.database], ['pass', { updatedAt: null, ageSeconds: null }]);
  });
});
