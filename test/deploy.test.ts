// The repository ships what it asks others to ship: deploy/admission.yaml is what
// `palisade admission manifests --cert-manager` writes (regenerate it with that command when this fails),
// and it and the Dockerfile pass Palisade's own checks at the restricted level.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { REPO_ROOT, palisade, parseReport } from './cli-helpers.ts';

describe('shipped deployment files', () => {
  it('deploy/admission.yaml is the generated admission manifests', async () => {
    const run = await palisade(['admission', 'manifests', '--cert-manager']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(await readFile(join(REPO_ROOT, 'deploy', 'admission.yaml'), 'utf8'), run.stdout, 'regenerate: palisade admission manifests --cert-manager > deploy/admission.yaml');
  });

  for (const file of ['deploy/admission.yaml', 'Dockerfile']) {
    it(`${file} passes the restricted checks with no findings`, async () => {
      const run = await palisade(['scan', join(REPO_ROOT, file), '--pss-level', 'restricted', '--fail-on', 'info', '-f', 'json']);
      assert.equal(run.code, 0, run.stdout);
      const report = parseReport(run.stdout);
      assert.deepEqual(report.findings.filter((finding) => finding.suppression === undefined).map((finding) => finding.ruleId), []);
    });
  }
});
