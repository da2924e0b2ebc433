import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Artifact, ScanError } from '../../core/index.ts';
import { createSourceDocument } from '../../core/index.ts';
import type { DockerfileArtifact } from '../../dockerfile/index.ts';
import { dockerfileAnalyzer } from '../../dockerfile/index.ts';
import { createPackageInventory } from '../../packages/index.ts';
import { loadPolicyFiles, parsePolicyText } from '../vap/index.ts';
import type { ModelValue, TargetModel } from './index.ts';
import { compilePalisadePolicies, dockerfileModel, evaluatePalisadePolicies, imageConfigModel, packageInventoryModel, sbomModel } from './index.ts';

function isModelList(value: ModelValue | undefined): value is readonly ModelValue[] {
  return Array.isArray(value);
}

function field(value: ModelValue | undefined, key: string): ModelValue | undefined {
  if (typeof value !== 'object' || value === null || isModelList(value)) return undefined;
  return value[key];
}

const FIXTURES = fileURLToPath(new URL('./__fixtures__/', import.meta.url));

function policies(file: string): ReturnType<typeof compilePalisadePolicies> {
  return compilePalisadePolicies(loadPolicyFiles(`${FIXTURES}${file}`).artifacts);
}

function dockerfile(text: string): TargetModel {
  const [artifact] = dockerfileAnalyzer.analyze(createSourceDocument('Dockerfile', text)).artifacts;
  assert.ok(artifact !== undefined && 'stages' in artifact);
  return dockerfileModel(artifact satisfies DockerfileArtifact);
}

const range = (line: number): { start: { line: number; column: number }; end: { line: number; column: number } } => ({ start: { line, column: 5 }, end: { line, column: 30 } });

function inventory(): TargetModel {
  const source = createSourceDocument('package-lock.json', '{}\n'.repeat(12));
  const artifact = createPackageInventory(source, {
    ecosystem: 'npm',
    format: 'package-lock@3',
    packages: [
      { name: 'lodash', version: '4.17.20', purl: 'pkg:npm/lodash@4.17.20', direct: true, scope: 'prod', range: range(4), dependencies: [] },
      { name: 'minimist', version: '1.2.5', purl: 'pkg:npm/minimist@1.2.5', direct: false, scope: 'prod', range: range(9), dependencies: [] },
    ],
  });
  return packageInventoryModel(artifact, [
    { id: 'GHSA-p6mc-m468-83gw', aliases: ['CVE-2020-8203'], severity: 'high', packageName: 'lodash', packageVersion: '4.17.20', purl: 'pkg:npm/lodash@4.17.20', fixedVersions: ['4.17.21'], cvssScore: 7.4 },
    { id: 'GHSA-xvch-5gv4-984h', aliases: ['CVE-2021-44906'], severity: 'critical', packageName: 'minimist', packageVersion: '1.2.5', purl: 'pkg:npm/minimist@1.2.5', fixedVersions: ['1.2.6'], cvssScore: 9.8 },
  ]);
}

function summary(models: readonly TargetModel[], file: string): (string | number | undefined)[][] {
  const compiled = policies(file);
  assert.deepEqual(compiled.errors, []);
  const result = evaluatePalisadePolicies(compiled.policies, models);
  assert.deepEqual(result.errors, []);
  return result.findings.map((finding) => [finding.ruleId, finding.severity, finding.message, finding.location.path, finding.location.startLine, finding.location.startColumn]);
}

describe('Palisade policies', () => {
  it('allowed base images: one expression over the Dockerfile model', () => {
    const models = [
      dockerfile('FROM golang:1.22 AS build\nFROM quay.io/org/app:1 AS other\nFROM gcr.io/distroless/static\nCOPY --from=build /app /app\n'),
      dockerfile('FROM ghcr.io/org/base:2\nFROM build-stage-ref\n'),
      dockerfile('FROM scratch\n'),
    ];
    assert.deepEqual(summary(models, 'allowed-base-images.yaml'), [
      ['allowed-base-images', 'high', 'base image from a registry that is not allowed: quay.io/org/app:1, gcr.io/distroless/static', 'Dockerfile', undefined, undefined],
    ]);
  });

  it('no package with a critical vulnerability: one expression over the PackageInventory model', () => {
    assert.deepEqual(summary([inventory()], 'no-critical-vulnerabilities.yaml'), [
      ['no-critical-vulnerabilities', 'critical', 'critical vulnerabilities: GHSA-xvch-5gv4-984h in minimist@1.2.5', 'package-lock.json', 4, 5],
    ]);
  });

  it('variables, params, Warn and fieldPath over Dockerfile and ImageConfig models', () => {
    const image: Artifact = dockerfile('FROM scratch\n').artifact;
    const models = [
      dockerfile('FROM node:22\nUSER node\n'),
      dockerfile('FROM node:22\nUSER root\nRUN id\n'),
      dockerfile('FROM node:22\n'),
      imageConfigModel(image, 'registry.example/app:1', { config: { User: '0:0' } }),
      imageConfigModel(image, 'registry.example/app:2', { config: { User: 'app' } }),
    ];
    assert.deepEqual(summary(models, 'non-root.yaml'), [
      ['non-root-final-stage', 'medium', 'the image runs as root', 'Dockerfile', 2, 6],
      ['non-root-final-stage', 'medium', 'the image runs as root', 'Dockerfile', 1, 1],
      ['non-root-final-stage', 'medium', 'the image runs as root', 'Dockerfile', undefined, undefined],
    ]);
  });

  it('the Dockerfile model', () => {
    const model = dockerfile('# syntax=docker/dockerfile:1\nARG V=3\nFROM node:22@sha256:abc AS base\nEXPOSE 80/udp 443\nUSER app:staff\nFROM base\nRUN ["echo", "hi"]\n');
    assert.deepEqual(model.value['directives'], { syntax: 'docker/dockerfile:1' });
    assert.deepEqual(model.value['args'], [{ name: 'V', default: '3' }]);
    const finalStage = model.value['finalStage'];
    assert.equal(field(finalStage, 'user'), 'app');
    assert.deepEqual(field(finalStage, 'baseImage'), { kind: 'stage', raw: 'base', text: 'base', registry: null, repository: 'base', name: 'base', tag: null, digest: null, stage: 0 });
    assert.deepEqual(field(finalStage, 'instructions'), [
      { keyword: 'FROM', arguments: 'base', line: 6, flags: {} },
      { keyword: 'RUN', arguments: '["echo", "hi"]', line: 7, flags: {}, form: 'exec', command: '["echo", "hi"]', exec: ['echo', 'hi'] },
    ]);
    const stages = model.value['stages'];
    const first = isModelList(stages) ? stages[0] : undefined;
    assert.deepEqual(field(first, 'baseImage'), { kind: 'image', raw: 'node:22@sha256:abc', text: 'node:22@sha256:abc', registry: 'docker.io', repository: 'library/node', name: 'docker.io/library/node', tag: '22', digest: 'sha256:abc', stage: null });
    assert.deepEqual(field(first, 'exposedPorts'), [{ port: '80', protocol: 'udp' }, { port: '443', protocol: 'tcp' }]);
    assert.equal(field(first, 'group'), 'staff');
  });

  it('the SBOM model reads CycloneDX and SPDX JSON', () => {
    const artifact = dockerfile('FROM scratch\n').artifact;
    const cyclonedx = sbomModel(artifact, { bomFormat: 'CycloneDX', specVersion: '1.5', metadata: { component: { name: 'app' } }, components: [{ type: 'library', name: 'a', version: '1', purl: 'pkg:npm/a@1', licenses: [{ license: { id: 'MIT' } }] }] });
    assert.deepEqual(cyclonedx?.value, { format: 'CycloneDX', specVersion: '1.5', name: 'app', components: [{ name: 'a', version: '1', purl: 'pkg:npm/a@1', type: 'library', licenses: ['MIT'] }] });
    const spdx = sbomModel(artifact, { spdxVersion: 'SPDX-2.3', name: 'app', packages: [{ name: 'b', versionInfo: '2', licenseConcluded: 'NOASSERTION', externalRefs: [{ referenceType: 'purl', referenceLocator: 'pkg:pypi/b@2' }] }] });
    assert.deepEqual(spdx?.value, { format: 'SPDX', specVersion: 'SPDX-2.3', name: 'app', components: [{ name: 'b', version: '2', purl: 'pkg:pypi/b@2', type: '', licenses: [] }] });
    assert.equal(sbomModel(artifact, { hello: 'world' }), undefined);
  });
});

describe('bad Palisade policies', () => {
  function errors(spec: string): ScanError[] {
    return [...compilePalisadePolicies(parsePolicyText('p.yaml', `apiVersion: palisade.dev/v1\nkind: Policy\nmetadata:\n  name: p\nspec:\n${spec}`).artifacts).errors];
  }
  it('unknown targets, actions and severity', () => {
    assert.deepEqual(errors('  matchConstraints:\n    targets: [Helm]\n  validationActions: [Deny, Warn]\n  severity: extreme\n  validations:\n  - expression: "true"\n').map((error) => [error.startLine, error.message]), [
      [7, 'Policy "p": spec.matchConstraints.targets: targets must list one or more of Dockerfile, ImageConfig, SBOM, PackageInventory, AuditEvent (unknown: "Helm")'],
      [8, 'Policy "p": spec.validationActions: Deny and Warn may not be used together'],
      [9, 'Policy "p": spec.severity: severity must be one of critical, high, medium, low, info'],
    ]);
  });
  it('a compile error names the line and column', () => {
    assert.deepEqual(errors('  matchConstraints:\n    targets: [Dockerfile]\n  validations:\n  - expression: "object.stages.all(s, )"\n').map((error) => [error.startLine, error.startColumn]), [[9, 36]]);
  });
  it('Kubernetes-only variables are not declared', () => {
    assert.deepEqual(errors('  matchConstraints:\n    targets: [Dockerfile]\n  validations:\n  - expression: "request.name == \'\'"\n').map((error) => error.message), [
      'Policy "p": spec.validations[0].expression: CEL compile error: Unknown variable: request',
    ]);
  });
});
