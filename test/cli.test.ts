// End-to-end: the real CLI in a child process, on the bundled example and on fixtures made here.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Ajv } from 'ajv';
import type { JsonFinding } from './cli-helpers.ts';
import { REPO_ROOT, fixture, palisade, parseReport } from './cli-helpers.ts';
import { officialSarifValidator, sarifSchemaMissing } from './sarif-schema.ts';

const EXAMPLE = 'examples/insecure-app';
describe('palisade (basics)', () => {
  it('prints the version of package.json', async () => {
    const run = await palisade(['--version']);
    const pkg: unknown = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
    assert.equal(run.code, 0);
    assert.equal(run.stdout, `${typeof pkg === 'object' && pkg !== null && 'version' in pkg ? String(pkg.version) : '?'}\n`);
  });

  it('names the Node.js it needs when started by an older one (exit 2)', (t) => {
    // The machine's system-wide Node (20 here) is older than package.json's engines (>=22.13).
    const old = spawnSync('/usr/bin/node', ['--version'], { encoding: 'utf8' });
    const [major = 0, minor = 0] = old.stdout?.trim().slice(1).split('.').map(Number) ?? [];
    if (old.status !== 0 || major > 22 || (major === 22 && minor >= 13)) return t.skip('needs a system-wide Node.js older than 22.13 at /usr/bin/node');
    const run = spawnSync('/usr/bin/node', [join(REPO_ROOT, 'bin', 'palisade.js'), 'scan', EXAMPLE], { cwd: REPO_ROOT, encoding: 'utf8' });
    assert.equal(run.status, 2);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr, `palisade: needs Node.js 22.13 or later; this is Node.js ${old.stdout.trim().slice(1)}\n`);
  });

  it('explains itself with --help (exit 0) and without arguments (exit 2)', async () => {
    const help = await palisade(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /palisade scan <target> \[options\]/);
    assert.equal((await palisade([])).code, 2);
    const scanHelp = await palisade(['scan', '--help']);
    assert.equal(scanHelp.code, 0);
    assert.match(scanHelp.stdout, /--fail-on SEVERITY/);
  });

  it('exits 2 on an unknown command, option or value', async () => {
    const command = await palisade(['scna', '.']);
    assert.equal(command.code, 2);
    assert.match(command.stderr, /Unknown command "scna"/);
    const option = await palisade(['scan', EXAMPLE, '--fial-on', 'high']);
    assert.equal(option.code, 2);
    assert.match(option.stderr, /Unknown option '--fial-on'/);
    const value = await palisade(['scan', EXAMPLE, '--format', 'xml']);
    assert.equal(value.code, 2);
    assert.match(value.stderr, /--format must be one of table, json, sarif, junit, markdown, gitlab-sast \(got "xml"\)/);
    const selector = await palisade(['scan', EXAMPLE, '--rules', 'no-latest-tags']);
    assert.equal(selector.code, 2);
    assert.match(selector.stderr, /Unknown rule selector: "no-latest-tags" \(did you mean "no-latest-tag"\?\)/);
    const image = await palisade(['scan', 'docker://127.0.0.1:1/app:1.0', '--insecure-registry', '127.0.0.1:1']);
    assert.equal(image.code, 2);
    assert.match(image.stderr, /127\.0\.0\.1:1/);
    const sbom = await palisade(['scan', 'sbom:does/not/exist.json']);
    assert.equal(sbom.code, 2);
    assert.match(sbom.stderr, /does\/not\/exist\.json/);
    const missing = await palisade(['scan', 'does/not/exist']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /Target "does\/not\/exist" does not exist/);
  });
});

describe('palisade | a reader that stops early', () => {
  it('ends quietly when stdout is closed (palisade rules list --format json | head -c 1)', async () => {
    const child = spawn(process.execPath, ['--max-semi-space-size=16', join(REPO_ROOT, 'bin', 'palisade.js'), 'rules', 'list', '--format', 'json'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    // Read one chunk, then close the pipe as `head` does.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolveExit) => child.on('close', resolveExit));
    assert.equal(stderr, '');
    assert.equal(code, 0);
  });
});

describe('palisade scan examples/insecure-app', () => {
  it('prints a readable table grouped by file and exits 1', async () => {
    const run = await palisade(['scan', EXAMPLE]);
    assert.equal(run.code, 1);
    assert.equal(run.stderr, '');
    assert.match(run.stdout, /^Dockerfile$/m);
    assert.match(run.stdout, /^k8s\/deployment\.yaml$/m);
    assert.match(run.stdout, /^ {2}2:11 +MEDIUM +no-latest-tag +Base image "node" uses the mutable tag "latest"\.$/m);
    assert.match(run.stdout, /^ {2}28:25 +CRITICAL +no-privileged-container /m);
    assert.doesNotMatch(run.stdout, /\u001b\[/, 'no colour when stdout is not a terminal');
  });

  it('writes JSON that validates against the schema, with the waivers and the expired exception', async () => {
    const run = await palisade(['scan', EXAMPLE, '--format', 'json']);
    assert.equal(run.code, 1);
    const report = parseReport(run.stdout);
    const bySlug = (slug: string): JsonFinding[] => report.findings.filter((finding) => finding.slug === slug);
    assert.deepEqual(bySlug('no-expired-exceptions').map((finding) => [finding.ruleId, finding.location.path, finding.location.startLine]), [['GATE-0001', '.palisade/exceptions.yaml', 9]]);
    assert.deepEqual(bySlug('require-healthcheck').map((finding) => finding.suppression?.kind), ['exception']);
    assert.deepEqual(bySlug('no-maintainer').map((finding) => finding.suppression), [undefined], 'an expired exception waives nothing');
    assert.ok(bySlug('require-resource-limits').some((finding) => finding.suppression?.kind === 'inline'));
    assert.equal(report.summary.suppressed, 2);
    assert.deepEqual(report.errors, []);
  });

  it('writes SARIF that validates against the official SARIF 2.1.0 schema', { skip: sarifSchemaMissing }, async () => {
    const run = await palisade(['scan', EXAMPLE, '--format', 'sarif']);
    assert.equal(run.code, 1);
    assert.deepEqual(officialSarifValidator()(JSON.parse(run.stdout)), []);
    assert.match(run.stdout, /"partialFingerprints"/);
  });

  it('writes well-formed JUnit XML with one test case per rule per file', async () => {
    const run = await palisade(['scan', EXAMPLE, '--format', 'junit']);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites /);
    const opened = [...run.stdout.matchAll(/<(testsuites|testsuite|testcase)[\s>]/g)].length;
    const closed = [...run.stdout.matchAll(/<\/(testsuites|testsuite|testcase)>/g)].length + [...run.stdout.matchAll(/<(?:testsuites|testsuite|testcase)\b[^>]*\/>/g)].length;
    assert.equal(opened, closed);
    assert.match(run.stdout, /<testcase classname="Dockerfile" name="DKR-0002 no-latest-tag"/);
  });

  it('writes Markdown for pull-request comments', async () => {
    const run = await palisade(['scan', EXAMPLE, '--format', 'markdown']);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /no-privileged-container/);
  });

  it('writes GitLab\'s SAST report: one vulnerability per finding that is not waived, the rule first', async () => {
    const [gitlab, json] = await Promise.all([palisade(['scan', EXAMPLE, '--format', 'gitlab-sast']), palisade(['scan', EXAMPLE, '--format', 'json'])]);
    assert.equal(gitlab.code, 1);
    const document: unknown = JSON.parse(gitlab.stdout);
    assert.ok(typeof document === 'object' && document !== null && 'version' in document && 'vulnerabilities' in document && Array.isArray(document.vulnerabilities));
    assert.equal(document.version, '15.0.7');
    const kept = parseReport(json.stdout).findings.filter((finding) => finding.suppression === undefined);
    assert.equal(document.vulnerabilities.length, kept.length);
    const latest = document.vulnerabilities.find((entry: { identifiers: { value: string }[] }) => entry.identifiers[0]?.value === 'DKR-0002');
    assert.deepEqual(latest?.location, { file: 'Dockerfile', start_line: 2, end_line: 2 });
  });

  it('writes the report to --output atomically and exits 0 with --fail-on none', async () => {
    const dir = await fixture({});
    const output = join(dir, 'reports', 'palisade.json');
    const run = await palisade(['scan', EXAMPLE, '--format', 'json', '--output', output, '--fail-on', 'none']);
    assert.equal(run.code, 0);
    assert.equal(run.stdout, '');
    parseReport(await readFile(output, 'utf8'));
    assert.deepEqual(await readdir(join(dir, 'reports')), ['palisade.json']);
  });

  it('runs only the selected rules and skips others by alias', async () => {
    const run = await palisade(['scan', EXAMPLE, '--format', 'json', '--rules', 'dockerfile', '--skip-rules', 'hadolint:DL3007']);
    const slugs = new Set(parseReport(run.stdout).findings.map((finding) => finding.slug));
    assert.ok(slugs.has('require-non-root-user'));
    assert.ok(!slugs.has('no-latest-tag'));
    assert.ok(!slugs.has('no-privileged-container'));
  });
});

describe('palisade scan (gate)', () => {
  it('exits 0 on a directory with nothing wrong', async () => {
    const dir = await fixture({
      'Dockerfile': 'FROM node:22.11.0-alpine3.20\nWORKDIR /app\nCOPY . .\nUSER node\nHEALTHCHECK CMD wget -qO- http://localhost:8080/healthz || exit 1\nCMD ["node", "server.js"]\n',
      'README.md': '# nothing to see\n',
      '.dockerignore': '.git\n.env\n',
      'deploy/pod.yaml': [
        'apiVersion: v1',
        'kind: Pod',
        'metadata:',
        '  name: web',
        '  namespace: shop',
        '  labels: {app: web}',
        'spec:',
        '  serviceAccountName: web',
        '  automountServiceAccountToken: false',
        '  securityContext:',
        '    runAsNonRoot: true',
        '    seccompProfile: {type: RuntimeDefault}',
        '  containers:',
        '    - name: web',
        '      image: registry.example.com/web:1.2.3',
        '      ports: [{name: http, containerPort: 8080}]',
        '      livenessProbe: {httpGet: {path: /healthz, port: http}}',
        '      readinessProbe: {httpGet: {path: /ready, port: http}}',
        '      securityContext:',
        '        allowPrivilegeEscalation: false',
        '        readOnlyRootFilesystem: true',
        '        capabilities: {drop: [ALL]}',
        '      resources:',
        '        requests: {cpu: 100m, memory: 128Mi}',
        '        limits: {cpu: 500m, memory: 256Mi}',
        '---',
        'apiVersion: networking.k8s.io/v1',
        'kind: NetworkPolicy',
        'metadata: {name: default-deny, namespace: shop}',
        'spec: {podSelector: {}, policyTypes: [Ingress, Egress]}',
        '',
      ].join('\n'),
    });
    const run = await palisade(['scan', dir, '--format', 'json']);
    assert.equal(run.code, 0, run.stdout);
    const report = parseReport(run.stdout);
    assert.deepEqual(report.findings, []);
    assert.equal(report.summary.filesScanned, 4);
    const table = await palisade(['scan', dir]);
    assert.equal(table.code, 0);
    assert.match(table.stdout, /No findings\./);
  });

  it('exits 2 on a malformed .palisade.yaml, naming the file, line and key', async () => {
    const dir = await fixture({ '.palisade.yaml': 'scanners: [misconfig]\nfailon: high\n', Dockerfile: 'FROM alpine:3.20\n' });
    const run = await palisade(['scan', dir]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /\.palisade\.yaml:2:1: unknown key "failon" \(did you mean "failOn"\?\)/);
    assert.equal(run.stdout, '');
    const syntax = await fixture({ '.palisade.yaml': 'failOn: [high\n' });
    const broken = await palisade(['scan', syntax]);
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /\.palisade\.yaml:\d+:\d+:/);
  });

  it('reports an expired exception as a finding, and a valid one waives', async () => {
    const dir = await fixture({
      Dockerfile: 'FROM alpine:latest\nUSER app\nHEALTHCHECK CMD true\n',
      '.palisade/exceptions.yaml': 'exceptions:\n  - rule: hadolint:DL3007\n    paths: ["Dockerfile"]\n    reason: pinned in CI\n    owner: team@example.com\n    expires: 2020-01-01\n',
    });
    const expired = parseReport((await palisade(['scan', dir, '--format', 'json', '--fail-on', 'none'])).stdout);
    assert.deepEqual(
      expired.findings.map((finding) => [finding.slug, finding.location.path, finding.location.startLine, finding.suppression?.kind]),
      [
        ['no-expired-exceptions', '.palisade/exceptions.yaml', 2, undefined],
        ['no-latest-tag', 'Dockerfile', 1, undefined],
      ],
    );
    await writeFile(join(dir, '.palisade', 'exceptions.yaml'), 'exceptions:\n  - rule: hadolint:DL3007\n    reason: pinned in CI\n    owner: team@example.com\n    expires: 2999-01-01\n');
    const valid = parseReport((await palisade(['scan', dir, '--format', 'json', '--fail-on', 'low'])).stdout);
    assert.deepEqual(valid.findings.map((finding) => [finding.slug, finding.suppression?.kind]), [['no-latest-tag', 'exception']]);
    assert.equal(valid.summary.failing, 0);
  });

  it('overrides severities by selector and names the line of an unknown selector', async () => {
    const dir = await fixture({ Dockerfile: 'FROM alpine:latest\nUSER app\nHEALTHCHECK CMD true\n', '.palisade.yaml': 'severityOverrides:\n  dockerfile: low\n  hadolint:DL3007: critical\n' });
    const run = await palisade(['scan', dir, '--format', 'json']);
    assert.equal(run.code, 1);
    assert.deepEqual(parseReport(run.stdout).findings.map((finding) => [finding.slug, finding.severity]), [['no-latest-tag', 'critical']]);
    await writeFile(join(dir, '.palisade.yaml'), 'failOn: low\nseverityOverrides:\n  no-such-rule: low\nruleOptions:\n  nope: {a: 1}\n');
    const bad = await palisade(['scan', dir]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /\.palisade\.yaml:5:3: no rule matches "nope"/);
  });

  it('evaluates Pod Security at the level --pss-level names, restricted by default', async () => {
    const dir = await fixture({ 'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: a}\nspec:\n  containers:\n    - name: c\n      image: r.example.com/c:1\n' });
    const slugs = async (args: readonly string[]): Promise<string[]> => parseReport((await palisade(['scan', dir, '--rules', 'pod-security', '--format', 'json', ...args])).stdout).findings.map((finding) => finding.slug);
    assert.deepEqual(await slugs([]), ['no-privilege-escalation', 'require-run-as-non-root', 'require-drop-all-capabilities', 'require-seccomp-profile']);
    assert.deepEqual(await slugs(['--pss-level', 'baseline']), []);
    assert.equal((await palisade(['scan', dir, '--pss-level', 'strict'])).code, 2);
  });

  it('honours a .hadolint.yaml from a parent folder and hadolint ignore comments', async () => {
    const dir = await fixture({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.hadolint.yaml': 'ignored: [DL3007, DL1001]\noverride:\n  info: [DL3009]\nfailure-threshold: error\n',
      'svc/.dockerignore': '.git\n',
      'svc/Dockerfile': 'FROM debian:latest\n# hadolint ignore=DL3008\nRUN apt-get update && apt-get install -y --no-install-recommends curl\nUSER app\nHEALTHCHECK CMD true\n',
    });
    const run = await palisade(['scan', join(dir, 'svc'), '--format', 'json', '--rules', 'dockerfile']);
    const report = parseReport(run.stdout);
    assert.deepEqual(
      report.findings.map((finding) => [finding.slug, finding.severity, finding.suppression?.kind]),
      [
        ['require-apt-lists-cleanup', 'low', undefined],
        ['require-apt-get-version-pin', 'medium', 'inline'],
      ],
    );
    assert.equal(run.code, 0, 'hadolint failure-threshold error maps to --fail-on high');
    assert.match(run.stderr, /Applied hadolint settings from \.\.\/\.hadolint\.yaml/);
    assert.match(run.stderr, /hadolint:DL1001 has no Palisade equivalent/);
  });

  it('honours palisade.dev/ignore and kube-linter ignore-check annotations on the object', async () => {
    const dir = await fixture({
      'web.yaml': [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  name: web',
        '  namespace: shop',
        '  annotations:',
        '    palisade.dev/ignore: "no-latest-image-tag — the release job pins it"',
        '    ignore-check.kube-linter.io/no-read-only-root-fs: "writes its cache to /"',
        'spec:',
        '  selector: {matchLabels: {app: web}}',
        '  template:',
        '    metadata: {labels: {app: web}}',
        '    spec:',
        '      containers:',
        '        - {name: web, image: "web:latest"}',
        '',
      ].join('\n'),
    });
    const run = await palisade(['scan', dir, '--format', 'json', '--rules', 'no-latest-image-tag,require-readonly-root-filesystem']);
    const report = parseReport(run.stdout);
    assert.deepEqual(
      report.findings.map((finding) => [finding.slug, finding.suppression?.kind]),
      [
        ['require-readonly-root-filesystem', 'inline'],
        ['no-latest-image-tag', 'inline'],
      ],
    );
    assert.equal(report.summary.suppressed, 2);
  });

  it('exits 2 on an invalid exceptions file', async () => {
    const dir = await fixture({ Dockerfile: 'FROM alpine:3.20\n', '.palisade/exceptions.yaml': 'exceptions:\n  - rule: no-latest-tag\n    owner: me\n    expires: 2030-01-01\n' });
    const run = await palisade(['scan', dir]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /exceptions\.yaml:2:\d+: .*reason/);
  });

  it('a baseline suppresses old findings and not new ones, even when lines move', async () => {
    const dir = await fixture({ Dockerfile: 'FROM alpine:latest\nUSER app\nHEALTHCHECK CMD true\n' });
    const baseline = join(dir, 'baseline.json');
    const record = await palisade(['baseline', dir, '-o', baseline]);
    assert.equal(record.code, 0, record.stderr);
    assert.match(record.stderr, /baseline of 1 finding written/);
    assert.equal((await palisade(['scan', dir, '--baseline', baseline, '--fail-on', 'medium'])).code, 0);
    await writeFile(join(dir, 'Dockerfile'), '# moved down\n\nFROM alpine:latest\nUSER app\nHEALTHCHECK CMD true\nEXPOSE 22\n');
    const run = await palisade(['scan', dir, '--baseline', baseline, '--fail-on', 'medium', '--format', 'json']);
    assert.equal(run.code, 1);
    const report = parseReport(run.stdout);
    assert.deepEqual(
      report.findings.map((finding) => [finding.slug, finding.location.startLine, finding.suppression?.kind]),
      [
        ['no-latest-tag', 3, 'baseline'],
        ['no-ssh-port', 6, undefined],
      ],
    );
    assert.equal(report.summary.failing, 1);
  });

  it('lists a file that cannot be parsed in errors[] with its position, scans the rest, and fails the gate on it (GATE-0003)', async () => {
    const dir = await fixture({
      'a/broken.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: [unclosed\n',
      'b/Dockerfile': 'FROM alpine:latest\nUSER app\nHEALTHCHECK CMD true\n',
      'c/binary.Dockerfile': 'FROM \u0000\u0001 garbage',
    });
    const run = await palisade(['scan', dir, '--format', 'json']);
    const report = parseReport(run.stdout);
    assert.deepEqual(
      report.errors.map((error) => [error.path, error.code, typeof error.startLine, typeof error.startColumn]),
      [
        ['a/broken.yaml', 'PARSE_FAILED', 'number', 'number'],
        ['c/binary.Dockerfile', 'PARSE_FAILED', 'number', 'number'],
      ],
    );
    assert.deepEqual(
      report.findings.map((finding) => [finding.location.path, finding.ruleId]),
      [
        ['a/broken.yaml', 'GATE-0003'],
        ['b/Dockerfile', 'DKR-0002'],
        ['c/binary.Dockerfile', 'GATE-0003'],
      ],
    );
    assert.equal(run.code, 1);
    const table = await palisade(['scan', dir]);
    assert.match(table.stdout, /a\/broken\.yaml/);
  });
});

describe('palisade rules', () => {
  it('lists every rule as JSON with its metadata', async () => {
    const run = await palisade(['rules', 'list', '--format', 'json']);
    assert.equal(run.code, 0);
    const parsed: unknown = JSON.parse(run.stdout);
    assert.ok(typeof parsed === 'object' && parsed !== null && 'rules' in parsed && Array.isArray(parsed.rules));
    const ids = parsed.rules.map((rule: unknown) => (typeof rule === 'object' && rule !== null && 'id' in rule ? rule.id : undefined));
    assert.ok(ids.includes('DKR-0002') && ids.includes('K8S-0001') && ids.includes('GATE-0001'));
    const validator = new Ajv({ strict: false });
    assert.ok(validator.validate({ type: 'array', items: { type: 'object', required: ['id', 'slug', 'severity', 'aliases', 'compliance', 'packs'] } }, parsed.rules));
  });

  it('explains a rule by id, slug or alias, and rejects an unknown one', async () => {
    const bySlug = await palisade(['rules', 'explain', 'no-latest-tag']);
    assert.equal(bySlug.code, 0);
    assert.match(bySlug.stdout, /^<!-- Generated/);
    assert.match(bySlug.stdout, /## Rationale/);
    assert.equal((await palisade(['rules', 'explain', 'hadolint:DL3007'])).stdout, bySlug.stdout);
    const unknown = await palisade(['rules', 'explain', 'nope']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /No rule "nope"/);
  });
});
