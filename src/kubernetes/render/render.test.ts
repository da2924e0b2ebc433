import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { Artifact, Location } from '../../core/index.ts';
import { isArtifactOf } from '../../core/index.ts';
import { walk } from '../../core/walk.ts';
import type { KubernetesObjectArtifact } from '../model.ts';
import { scanFiles } from '../../scan/scan-files.ts';
import { kubernetesAnalyzer } from '../analyzer.ts';
import { kubernetesRules } from '../rules/index.ts';
import { findOnPath, renderManifestDirectories } from './index.ts';

const FIXTURES = join(import.meta.dirname, '__fixtures__');
const KUBECTL = findOnPath('kubectl');
const NEEDS_KUBECTL = 'needs the Debian package kubernetes-client (kubectl)';

function filesOf(root: string): { path: string; size: number }[] {
  return [...walk(root)].flatMap((entry) => (entry.kind === 'file' ? [{ path: entry.file.path, size: entry.file.size }] : []));
}

function byIdentity(artifacts: readonly Artifact[]): Map<string, KubernetesObjectArtifact> {
  const map = new Map<string, KubernetesObjectArtifact>();
  for (const artifact of artifacts) if (isArtifactOf<KubernetesObjectArtifact>(artifact, 'kubernetes-object')) map.set(artifact.identity, artifact);
  return map;
}

/** `path:line:column-endColumn` of a location, short enough for assertions. */
function where(location: Location): string {
  return `${location.path}:${location.startLine ?? '-'}:${location.startColumn ?? '-'}-${location.endColumn ?? '-'}`;
}

describe('renderManifestDirectories: kustomize', () => {
  const root = join(FIXTURES, 'kustomize');

  it('renders each overlay once, maps findings to the patch or the base, and covers the files it read', (t) => {
    if (KUBECTL === undefined) return t.skip(NEEDS_KUBECTL);
    const rendering = renderManifestDirectories(root, filesOf(root));
    assert.deepEqual(rendering.errors, []);
    assert.deepEqual(rendering.notices, []);
    assert.deepEqual([...rendering.covered].sort(), ['base/deployment.yaml', 'base/kustomization.yaml', 'overlays/prod/kustomization.yaml', 'overlays/prod/patch.yaml', 'overlays/staging/kustomization.yaml']);
    const artifacts = byIdentity(rendering.artifacts);
    assert.deepEqual([...artifacts.keys()], [
      'kustomize overlays/prod:apps/v1/Deployment//prod-web',
      'kustomize overlays/staging:v1/ConfigMap/staging/settings-dkf6d4f4kh',
      'kustomize overlays/staging:apps/v1/Deployment/staging/web',
    ]);
    const prod = artifacts.get('kustomize overlays/prod:apps/v1/Deployment//prod-web');
    const staging = artifacts.get('kustomize overlays/staging:apps/v1/Deployment/staging/web');
    const generated = artifacts.get('kustomize overlays/staging:v1/ConfigMap/staging/settings-dkf6d4f4kh');
    assert.ok(prod !== undefined && staging !== undefined && generated !== undefined);
    // Build annotations are removed; rules see the rendered object.
    assert.deepEqual(prod.object['metadata'], { name: 'prod-web' });
    // A field the strategic-merge patch sets: the patch file.
    assert.equal(where(prod.locate({ pointer: '/spec/template/spec/containers/0/securityContext/privileged' })), 'overlays/prod/patch.yaml:11:25-29');
    assert.equal(prod.source.path, 'overlays/prod/patch.yaml');
    // A field of the base: the base file, for each overlay.
    assert.equal(where(prod.locate({ pointer: '/spec/template/spec/containers/0/image' })), 'base/deployment.yaml:16:18-30');
    assert.equal(where(staging.locate({ pointer: '/spec/template/spec/containers/0/image' })), 'base/deployment.yaml:16:18-30');
    // A field an inline JSON patch adds: the kustomization's `patches` key.
    assert.equal(where(staging.locate({ pointer: '/spec/template/spec/hostNetwork' })), 'overlays/staging/kustomization.yaml:4:1--');
    // A generated object: the kustomization's generator.
    assert.equal(where(generated.locate({ pointer: '/data/mode' })), 'overlays/staging/kustomization.yaml:12:1--');
  });

  it('through the scan: each overlay reported once, nothing reported twice, other files still read', async (t) => {
    if (KUBECTL === undefined) return t.skip(NEEDS_KUBECTL);
    const rules = kubernetesRules.filter((rule) => ['no-privileged-container', 'no-host-namespaces', 'require-image-digest', 'no-committed-secrets'].includes(rule.meta.slug));
    const scanned = await scanFiles({ target: root, analyzers: [kubernetesAnalyzer], rules, ignorePatterns: [], maxFileSize: 1 << 20 });
    assert.deepEqual(scanned.errors, []);
    assert.deepEqual(scanned.notices, []);
    const found = scanned.findings.map((finding) => `${finding.slug} ${where(finding.location)} ${finding.location.object?.namespace ?? ''}/${finding.location.object?.name ?? ''}`).sort();
    assert.deepEqual(found, [
      'no-host-namespaces overlays/staging/kustomization.yaml:4:1-- staging/web',
      'no-privileged-container overlays/prod/patch.yaml:11:25-29 /prod-web',
      'require-image-digest base/deployment.yaml:16:18-30 /prod-web',
      'require-image-digest base/deployment.yaml:16:18-30 staging/web',
    ]);
    assert.equal(new Set(scanned.findings.map((finding) => finding.fingerprint)).size, 4);
    assert.equal(scanned.filesScanned, 1, 'unrelated.yaml is still read on its own');
  });

  it('reports a failing kustomization as an error naming it, covers nothing of it, and renders the others', (t) => {
    if (KUBECTL === undefined) return t.skip(NEEDS_KUBECTL);
    const broken = mkdtempSync(join(tmpdir(), 'palisade-kustomize-test-'));
    after(() => rmSync(broken, { recursive: true, force: true }));
    mkdirSync(join(broken, 'bad'));
    mkdirSync(join(broken, 'good'));
    writeFileSync(join(broken, 'bad', 'kustomization.yaml'), 'resources:\n  - missing.yaml\n');
    writeFileSync(join(broken, 'good', 'kustomization.yaml'), 'resources:\n  - cm.yaml\n');
    writeFileSync(join(broken, 'good', 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n');
    const rendering = renderManifestDirectories(broken, filesOf(broken));
    assert.equal(rendering.errors.length, 1);
    assert.equal(rendering.errors[0]?.path, 'bad/kustomization.yaml');
    assert.match(rendering.errors[0]?.message ?? '', /^kubectl kustomize bad failed: .*missing\.yaml.*; its files were scanned one by one$/);
    assert.deepEqual([...rendering.covered].sort(), ['good/cm.yaml', 'good/kustomization.yaml']);
    assert.deepEqual(rendering.artifacts.map((artifact) => artifact.identity), ['kustomize good:v1/ConfigMap//cm']);
  });

  it('does not fetch remote bases: a notice, and the files are scanned one by one', (t) => {
    if (KUBECTL === undefined) return t.skip(NEEDS_KUBECTL);
    const remote = mkdtempSync(join(tmpdir(), 'palisade-kustomize-test-'));
    after(() => rmSync(remote, { recursive: true, force: true }));
    writeFileSync(join(remote, 'kustomization.yaml'), 'resources:\n  - https://github.com/example/app//deploy?ref=v1\n  - cm.yaml\n');
    const rendering = renderManifestDirectories(remote, filesOf(remote));
    assert.deepEqual(rendering.notices, ['kustomization . uses remote resources (https://github.com/example/app//deploy?ref=v1), which Palisade does not fetch: its files were scanned as plain files, not as rendered.']);
    assert.deepEqual([...rendering.covered], []);
  });

  it('without kubectl: a notice, and every file is left to be scanned one by one', () => {
    const rendering = renderManifestDirectories(root, filesOf(root), { path: '/nonexistent' });
    assert.deepEqual(rendering.notices, [
      'kubectl not found: 2 kustomizations (overlays/prod, overlays/staging) scanned as plain files, not as rendered; install kubectl (Debian package kubernetes-client) to scan what they render.',
    ]);
    assert.deepEqual([...rendering.covered], []);
    assert.deepEqual(rendering.artifacts, []);
  });
});

/** A chart written for the test (a file named `Chart.yaml` is not a kebab-case fixture name). */
function writeChart(): string {
  const chart = mkdtempSync(join(tmpdir(), 'palisade-chart-test-'));
  mkdirSync(join(chart, 'templates'));
  writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: demo\nversion: 0.1.0\n');
  writeFileSync(join(chart, 'values.yaml'), 'replicas: 1\n');
  writeFileSync(join(chart, 'templates', 'deployment.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}-demo\nspec:\n  replicas: {{ .Values.replicas }}\n');
  return chart;
}

describe('renderManifestDirectories: helm', () => {
  const root = writeChart();
  after(() => rmSync(root, { recursive: true, force: true }));

  it('without helm: a notice, and the templates are not read as YAML', () => {
    const rendering = renderManifestDirectories(root, filesOf(root), { path: '/nonexistent' });
    assert.deepEqual(rendering.notices, ['helm not found: chart . cannot be rendered, and its templates are Go templates, not YAML, so they were not scanned; install helm to scan it.']);
    assert.deepEqual([...rendering.covered], ['templates/deployment.yaml']);
    assert.deepEqual(rendering.errors, []);
  });

  it('with helm: renders with the chart values and --values files, and maps objects to their templates', () => {
    const bin = mkdtempSync(join(tmpdir(), 'palisade-fake-helm-'));
    after(() => rmSync(bin, { recursive: true, force: true }));
    const script = [
      '#!/bin/sh',
      'cat <<\'YAML\'',
      '---',
      '# Source: demo/templates/deployment.yaml',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: palisade-demo',
      'spec:',
      '  replicas: 1',
      'YAML',
      'echo "---"',
      'echo "# Source: demo/templates/args.yaml"',
      'printf "apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: args\\ndata:\\n  args: \\"%s\\"\\n" "$*"',
      '',
    ].join('\n');
    writeFileSync(join(bin, 'helm'), script);
    chmodSync(join(bin, 'helm'), 0o755);
    const rendering = renderManifestDirectories(root, filesOf(root), { path: bin, helmValues: ['/tmp/values-prod.yaml'] });
    assert.deepEqual(rendering.notices, []);
    assert.deepEqual(rendering.errors, []);
    const artifacts = byIdentity(rendering.artifacts);
    assert.deepEqual([...artifacts.keys()], ['helm .:apps/v1/Deployment//palisade-demo', 'helm .:v1/ConfigMap//args']);
    assert.deepEqual(artifacts.get('helm .:v1/ConfigMap//args')?.object['data'], { args: `template palisade ${root} --values /tmp/values-prod.yaml` });
    const deployment = artifacts.get('helm .:apps/v1/Deployment//palisade-demo');
    assert.deepEqual(deployment?.locate({ pointer: '/spec/replicas' }), {
      path: 'templates/deployment.yaml',
      object: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'palisade-demo' },
      jsonPointer: '/spec/replicas',
    });
  });

  it('a failing helm is an error naming the chart', () => {
    const bin = mkdtempSync(join(tmpdir(), 'palisade-fake-helm-'));
    after(() => rmSync(bin, { recursive: true, force: true }));
    writeFileSync(join(bin, 'helm'), '#!/bin/sh\necho "Error: chart requires kubeVersion >=1.40" >&2\nexit 1\n');
    chmodSync(join(bin, 'helm'), 0o755);
    const rendering = renderManifestDirectories(root, filesOf(root), { path: bin });
    assert.deepEqual(rendering.errors, [{ path: 'Chart.yaml', code: 'PARSE_FAILED', message: 'helm template . failed: Error: chart requires kubeVersion >=1.40; its templates were not scanned' }]);
    assert.deepEqual([...rendering.covered], ['templates/deployment.yaml']);
  });
});
