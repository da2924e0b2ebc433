import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runScan } from './run-scan.ts';

const ROOT = mkdtempSync(join(tmpdir(), 'palisade-policy-stage-'));
after(() => rmSync(ROOT, { recursive: true, force: true }));

const POLICY = `apiVersion: palisade.dev/v1
kind: Policy
metadata:
  name: pinned-base-images
spec:
  matchConstraints:
    targets: [Dockerfile]
  validations:
  - expression: "object.stages.all(s, s.baseImage.kind != 'image' || s.baseImage.digest != null)"
    message: base images must be pinned by digest
    fieldPath: stages[0].baseImage.tag
`;

function tree(name: string, files: Readonly<Record<string, string>>): string {
  const dir = join(ROOT, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

async function policyFindings(target: string, policies?: readonly string[]): Promise<string[]> {
  const outcome = await runScan({ target, scanners: ['misconfig', 'policy'], env: { PALISADE_WORKERS: '0' }, ...(policies === undefined ? {} : { policies }) });
  assert.deepEqual(outcome.report.errors, []);
  return outcome.report.findings.filter((finding) => finding.kind === 'policy').map((finding) => `${finding.slug} ${finding.location.path}:${String(finding.location.startLine)}`);
}

// The scan keeps its Dockerfiles for the policy stage only when a policy can run: these pin the cases.
describe('the policy stage of a directory scan', () => {
  it('evaluates a Palisade Policy found in the scanned tree on its Dockerfiles', async () => {
    const target = tree('in-tree', { Dockerfile: 'FROM node:22\nUSER node\n', 'policies/pinned.yaml': POLICY });
    assert.deepEqual(await policyFindings(target), ['pinned-base-images Dockerfile:1']);
  });

  it('evaluates a policy file given outside the tree on a tree of Dockerfiles only', async () => {
    const target = tree('dockerfiles-only', { Dockerfile: 'FROM node:22\nUSER node\n' });
    const policy = join(ROOT, 'outside', 'pinned.yaml');
    mkdirSync(join(ROOT, 'outside'), { recursive: true });
    writeFileSync(policy, POLICY);
    assert.deepEqual(await policyFindings(target, [policy]), ['pinned-base-images Dockerfile:1']);
  });

  it('reports nothing when no policy exists', async () => {
    assert.deepEqual(await policyFindings(tree('no-policy', { Dockerfile: 'FROM node:22\nUSER node\n' })), []);
  });
});
