import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { REPO_ROOT, palisade, parseReport } from './cli-helpers.ts';

const EXAMPLE = join(REPO_ROOT, 'examples', 'insecure-app');

describe('palisade scan --offline', () => {
  it('fails clearly without an advisory database when vulnerabilities are matched', async () => {
    const run = await palisade(['scan', EXAMPLE, '--offline', '-f', 'json']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--offline: no advisory database at .*palisade-test-.*, and none can be downloaded\. Import an offline kit first/);
  });

  it('scans without vulnerabilities, and refuses a registry image naming the feature that wanted the network', async () => {
    const run = await palisade(['scan', EXAMPLE, '--offline', '--scanners', 'misconfig,secret,policy', '-f', 'json']);
    assert.equal(run.code, 1, run.stderr);
    assert.ok(parseReport(run.stdout).findings.length > 20);
    const image = await palisade(['scan', 'docker://ghcr.io/example/app:1.0', '--offline', '--scanners', 'misconfig']);
    assert.equal(image.code, 2);
    assert.match(image.stderr, /--offline: refused network access to ghcr\.io(:443)?, wanted by an image registry/);
  });
});
