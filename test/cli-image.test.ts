// End-to-end (issue 8): a two-layer image pushed to a real registry behind TLS and basic auth, scanned
// through the CLI by docker://, oci: and docker-archive: with identical findings.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { palisade } from './cli-helpers.ts';
import { buildOciLayout } from './image/oci-builder.ts';
import { skipWithout, skopeoCopy, startRegistry } from './image/registry.ts';

const DPKG_STATUS = `Package: libssl3
Status: install ok installed
Architecture: amd64
Source: openssl
Version: 3.0.11-1~deb12u1

Package: bash
Status: install ok installed
Architecture: amd64
Version: 5.2.15-2+b2
`;

const OS_RELEASE = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\nID=debian\n';

const LOCKFILE = JSON.stringify(
  {
    name: 'app',
    version: '1.0.0',
    lockfileVersion: 3,
    requires: true,
    packages: { '': { name: 'app', version: '1.0.0', dependencies: { lodash: '4.17.20' } }, 'node_modules/lodash': { version: '4.17.20', resolved: 'https://registry.npmjs.org/lodash/-/lodash-4.17.20.tgz' } },
  },
  null,
  2,
);

/** Advisories written for this test: a Debian one on the source package, an npm one. */
const ADVISORIES: Readonly<Record<string, object>> = {
  'DEBIAN-CVE-2023-5678.json': {
    id: 'DEBIAN-CVE-2023-5678',
    modified: '2026-11-01T00:00:00Z',
    upstream: ['CVE-2023-5678'],
    summary: 'openssl: excessive time spent in DH checks',
    affected: [{ package: { ecosystem: 'Debian:12', name: 'openssl' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '3.0.13-1~deb12u1' }] }] }],
    database_specific: { severity: 'medium' },
  },
  'GHSA-35jh-r3h4-6jhm.json': {
    id: 'GHSA-35jh-r3h4-6jhm',
    modified: '2026-11-01T00:00:00Z',
    aliases: ['CVE-2021-23337'],
    summary: 'Command injection in lodash',
    severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H' }],
    affected: [{ package: { ecosystem: 'npm', name: 'lodash' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '4.17.21' }] }] }],
  },
};

interface Finding {
  readonly ruleId: string;
  readonly kind: string;
  readonly severity: string;
  readonly message: string;
  readonly location: { readonly path: string };
  readonly fingerprint: string;
}

/** What must be identical across the three transports: everything but the reference in paths. */
function normalised(findings: readonly Finding[], reference: string): string[] {
  return findings.map((finding) => `${finding.ruleId} ${finding.severity} ${finding.location.path.replace(reference, '<image>')} ${finding.fingerprint}`).sort();
}

describe('palisade scan <image>', () => {
  it('finds the same packages, vulnerabilities, secret and root user by docker://, oci: and docker-archive:', async (t) => {
    if (skipWithout(t, 'docker-registry', 'openssl', 'skopeo')) return;
    const work = await mkdtemp(join(tmpdir(), 'palisade-image-e2e-'));
    const layout = join(work, 'layout');
    await buildOciLayout(layout, [
      {
        tag: 'v1',
        image: {
          layers: [
            { 'etc/os-release': OS_RELEASE, 'var/lib/dpkg/status': DPKG_STATUS, 'app/package-lock.json': LOCKFILE, 'app/old-notes.txt': 'nothing secret\n' },
            { 'app/.wh.old-notes.txt': '', 'app/.env': 'AWS_ACCESS_KEY_ID=AKIAZ7Q3N5KX2WJ4TB6P\n' },
          ],
          config: { config: { Cmd: ['node', 'server.js'] }, history: [{ created_by: 'COPY rootfs / # buildkit' }, { created_by: 'COPY .env /app/ # buildkit' }] },
        },
      },
    ]);
    const archive = join(work, 'image.tar');
    await skopeoCopy(`oci:${layout}:v1`, `docker-archive:${archive}:team/app:v1`);
    const registry = await startRegistry({ tls: true, auth: 'htpasswd' });
    t.after(() => registry.stop());
    await registry.push(`oci:${layout}:v1`, 'team/app:v1');
    const dockerConfig = await registry.writeDockerConfig();
    const project = join(work, 'project');
    await mkdir(join(project, 'advisories'), { recursive: true });
    await writeFile(join(project, '.palisade.yaml'), 'advisories: [advisories]\n');
    for (const [name, record] of Object.entries(ADVISORIES)) await writeFile(join(project, 'advisories', name), JSON.stringify(record));

    const scan = async (reference: string, extra: readonly string[] = []): Promise<Finding[]> => {
      const run = await palisade(['scan', reference, '--format', 'json', '--fail-on', 'none', '--no-cache', ...extra], { cwd: project, env: { DOCKER_CONFIG: dirname(dockerConfig) } });
      assert.equal(run.code, 0, run.stderr);
      return (JSON.parse(run.stdout) as { findings: Finding[] }).findings;
    };
    const byRegistry = await scan(`docker://${registry.host}/team/app:v1`, ['--ca-file', registry.caFile ?? '']);
    const byLayout = await scan(`oci:${layout}:v1`);
    const byArchive = await scan(`docker-archive:${archive}`);

    assert.deepEqual(byLayout.map((finding) => `${finding.kind} ${finding.ruleId} ${finding.severity}`).sort(), [
      'misconfig IMG-0001 high',
      'misconfig IMG-0002 low',
      'secret SEC-0001 high',
      'vulnerability DEBIAN-CVE-2023-5678 medium',
      'vulnerability GHSA-35jh-r3h4-6jhm high',
    ]);
    assert.ok(byLayout.some((finding) => finding.kind === 'vulnerability' && finding.ruleId === 'DEBIAN-CVE-2023-5678' && finding.message.includes('openssl')));
    assert.ok(byLayout.some((finding) => finding.kind === 'vulnerability' && finding.ruleId === 'GHSA-35jh-r3h4-6jhm'));
    const secret = byLayout.find((finding) => finding.kind === 'secret');
    assert.ok(secret !== undefined && secret.location.path.endsWith(':/app/.env') && /layer 2/.test(secret.message), JSON.stringify(secret));
    assert.ok(!byLayout.some((finding) => finding.location.path.includes('old-notes')));
    assert.ok(byLayout.some((finding) => finding.kind === 'misconfig' && /root/i.test(finding.message)));
    assert.deepEqual(normalised(byRegistry, `docker://${registry.host}/team/app:v1`), normalised(byLayout, `oci:${layout}:v1`));
    assert.deepEqual(normalised(byArchive, `docker-archive:${archive}`), normalised(byLayout, `oci:${layout}:v1`));
  });

  it('reads each layer up to maxLayerBytes from the configuration, and scans the other layers', async () => {
    const work = await mkdtemp(join(tmpdir(), 'palisade-image-limits-'));
    const layout = join(work, 'layout');
    await buildOciLayout(layout, [{ tag: 'v1', image: { layers: [{ 'etc/os-release': OS_RELEASE }, { 'data/blob.bin': 'x'.repeat(64 * 1024), 'data/after.txt': 'after\n' }], config: { config: { User: '1000' } } } }]);
    await writeFile(join(work, 'limits.yaml'), 'maxLayerBytes: 16384\n');
    const run = await palisade(['scan', `oci:${layout}:v1`, '--config', join(work, 'limits.yaml'), '--format', 'json', '--fail-on', 'none', '--no-cache'], { cwd: work });
    assert.equal(run.code, 0, run.stderr);
    const errors = (JSON.parse(run.stdout) as { errors: { code: string; message: string }[] }).errors;
    assert.deepEqual(
      errors.map((error) => [error.code, /^Layer sha256:[0-9a-f]{64} decompresses to more than 16384 bytes \(the limit per layer, maxLayerBytes\)/.test(error.message)]),
      [['FILE_TOO_LARGE', true]],
    );
  });

  it('evaluates Palisade policies on the image config model', async () => {
    const work = await mkdtemp(join(tmpdir(), 'palisade-image-policy-'));
    const layout = join(work, 'layout');
    await buildOciLayout(layout, [{ tag: 'v1', image: { layers: [{ 'etc/os-release': OS_RELEASE }], config: { config: { User: '0', Cmd: ['sh'] } } } }]);
    const policy = join(work, 'policy.yaml');
    await writeFile(
      policy,
      [
        'apiVersion: palisade.dev/v1',
        'kind: Policy',
        'metadata: { name: image-runs-as-non-root }',
        'spec:',
        '  matchConstraints: { targets: [ImageConfig] }',
        '  validations:',
        "  - expression: \"object.user != '' && object.user != '0' && object.user != 'root'\"",
        "    messageExpression: \"'image ' + object.reference + ' runs as user ' + (object.user == '' ? 'root (none set)' : object.user)\"",
        '',
      ].join('\n'),
    );
    const run = await palisade(['scan', `oci:${layout}:v1`, '--scanners', 'policy', '--policy', policy, '--format', 'json', '--fail-on', 'none', '--no-cache'], { cwd: work });
    assert.equal(run.code, 0, run.stderr);
    const findings = (JSON.parse(run.stdout) as { findings: Finding[] }).findings;
    assert.deepEqual(
      findings.map((finding) => [finding.kind, finding.ruleId, finding.message]),
      [['policy', 'image-runs-as-non-root', `image oci:${layout}:v1 runs as user 0`]],
    );
  });
});
