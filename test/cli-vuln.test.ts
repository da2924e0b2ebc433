// End-to-end: dependencies against advisories, VEX, SBOM round trip and CEL policies through the real CLI.
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { REPO_ROOT, palisade } from './cli-helpers.ts';

const EXAMPLE = join(REPO_ROOT, 'examples', 'insecure-app');
const CONFIG = join(EXAMPLE, '.palisade.yaml');

interface VulnFinding {
  readonly ruleId: string;
  readonly kind: string;
  readonly severity: string;
  readonly location: { readonly path: string; readonly startLine?: number };
  readonly package?: { readonly name: string; readonly version: string };
  readonly vulnerability?: { readonly aliases: readonly string[] };
  readonly suppression?: { readonly kind: string; readonly reason?: string };
}

async function vulnerabilities(args: readonly string[]): Promise<VulnFinding[]> {
  const run = await palisade(['scan', ...args, '--scanners', 'vuln', '--format', 'json', '--fail-on', 'none']);
  assert.equal(run.code, 0, run.stderr);
  const report = JSON.parse(run.stdout) as { findings: VulnFinding[] };
  return report.findings.filter((finding) => finding.kind === 'vulnerability');
}

const EXPECTED = [
  ['GHSA-35jh-r3h4-6jhm', 'high', 'lodash@4.17.20', 'CVE-2021-23337'],
  ['GHSA-29mw-wpgm-hmr9', 'medium', 'lodash@4.17.20', 'CVE-2020-28500'],
  ['GHSA-xvch-5gv4-984h', 'critical', 'minimist@1.2.5', 'CVE-2021-44906'],
  ['GHSA-9wv6-86v2-598j', 'high', 'path-to-regexp@0.1.7', 'CVE-2024-45296'],
  ['GHSA-hrpp-h998-j3pp', 'high', 'qs@6.7.0', 'CVE-2022-24999'],
];

const summary = (findings: readonly VulnFinding[]): string[][] =>
  findings.map((finding) => [finding.ruleId, finding.severity, `${finding.package?.name}@${finding.package?.version}`, finding.vulnerability?.aliases[0] ?? '']);

describe('palisade scan (vulnerabilities)', () => {
  it('matches the example lockfile against the advisories its configuration names, at the package lines', async () => {
    const found = await vulnerabilities([EXAMPLE]);
    assert.deepEqual(summary(found), EXPECTED);
    assert.deepEqual(found.map((finding) => [finding.location.path, finding.location.startLine]), [
      ['package-lock.json', 252],
      ['package-lock.json', 252],
      ['package-lock.json', 308],
      ['package-lock.json', 345],
      ['package-lock.json', 366],
    ]);
  });

  it('gives the same vulnerabilities for an SBOM of the project as for the project', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'palisade-sbom-'));
    const bom = join(dir, 'bom.cdx.json');
    const written = await palisade(['sbom', EXAMPLE, '--format', 'cyclonedx-json', '--output', bom]);
    assert.equal(written.code, 0, written.stderr);
    const found = await vulnerabilities([`sbom:${bom}`, '--config', CONFIG]);
    assert.deepEqual(summary(found), EXPECTED);
    assert.ok(found.every((finding) => finding.location.path.endsWith('bom.cdx.json') && (finding.location.startLine ?? 0) > 1));
  });

  it('waives a vulnerability an OpenVEX statement says does not affect the product', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'palisade-vex-'));
    const vex = join(dir, 'app.openvex.json');
    await writeFile(
      vex,
      JSON.stringify({
        '@context': 'https://openvex.dev/ns/v0.2.0',
        '@id': 'https://example.com/vex/1',
        author: 'security@example.com',
        timestamp: '2026-11-01T00:00:00Z',
        version: 1,
        statements: [{ vulnerability: { name: 'CVE-2021-44906' }, products: [{ '@id': 'pkg:npm/minimist@1.2.5' }], status: 'not_affected', justification: 'vulnerable_code_not_in_execute_path' }],
      }),
    );
    const found = await vulnerabilities([EXAMPLE, '--vex', vex]);
    assert.deepEqual(
      found.filter((finding) => finding.suppression !== undefined).map((finding) => [finding.ruleId, finding.suppression?.reason]),
      [['GHSA-xvch-5gv4-984h', 'VEX not_affected: vulnerable_code_not_in_execute_path']],
    );
  });

  it('refuses a database older than --db-max-age, and a missing one when an age is required', async () => {
    const run = await palisade(['scan', EXAMPLE, '--scanners', 'vuln', '--db-max-age', '7d']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /No advisory database at .*, and a maximum age is set/);
    const bad = await palisade(['scan', EXAMPLE, '--db-max-age', 'soon']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--db-max-age must be a number of hours, days or weeks/);
  });

  it('evaluates CEL policies given with --policy on the Dockerfile and the inventories', async () => {
    const policy = join(REPO_ROOT, 'src', 'policy', 'palisade-policy', '__fixtures__', 'no-critical-vulnerabilities.yaml');
    const run = await palisade(['scan', EXAMPLE, '--scanners', 'vuln,policy', '--policy', policy, '--format', 'json', '--fail-on', 'none']);
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout) as { findings: (VulnFinding & { message: string })[] };
    const policies = report.findings.filter((finding) => finding.kind === 'policy' && finding.ruleId === 'no-critical-vulnerabilities');
    assert.deepEqual(policies.map((finding) => [finding.severity, finding.message]), [['critical', 'critical vulnerabilities: GHSA-xvch-5gv4-984h in minimist@1.2.5']]);
  });
});
