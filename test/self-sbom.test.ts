// Issue 13: `palisade sbom .` of this repository is valid CycloneDX and lists every runtime dependency
// that package-lock.json installs (and none of the lockfiles of test fixtures, which .palisade.yaml
// leaves out).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Version } from '@cyclonedx/cyclonedx-library/Spec';
import { JsonStrictValidator } from '@cyclonedx/cyclonedx-library/Validation';
import { palisade } from './cli-helpers.ts';

const ROOT = join(import.meta.dirname, '..');

/** `name@version` of every package the lockfile installs outside the dev tree. */
function runtimePackages(): Set<string> {
  const lock: unknown = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));
  assert.ok(typeof lock === 'object' && lock !== null && 'packages' in lock && typeof lock.packages === 'object' && lock.packages !== null);
  const packages = new Set<string>();
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (path === '' || typeof entry !== 'object' || entry === null || !('version' in entry) || typeof entry.version !== 'string') continue;
    if (('dev' in entry && entry.dev === true) || ('link' in entry && entry.link === true)) continue;
    packages.add(`${path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length)}@${entry.version}`);
  }
  return packages;
}

describe('palisade sbom . (the project itself)', () => {
  it('is valid CycloneDX 1.6 and lists every runtime dependency', async () => {
    const run = await palisade(['sbom', ROOT, '--quiet'], { cwd: ROOT });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(await new JsonStrictValidator(Version.v1dot6).validate(run.stdout), null);
    const document: unknown = JSON.parse(run.stdout);
    assert.ok(typeof document === 'object' && document !== null && 'components' in document && Array.isArray(document.components));
    const listed = new Set(document.components.map((component: { name: string; group?: string; version: string }) => `${component.group === undefined ? '' : `${component.group}/`}${component.name}@${component.version}`));
    const missing = [...runtimePackages()].filter((name) => !listed.has(name));
    assert.deepEqual(missing, []);
    const files = new Set(document.components.flatMap((component: { properties?: { name: string; value: string }[] }) => (component.properties ?? []).filter((property) => property.name === 'palisade:source-file').map((property) => property.value)));
    assert.deepEqual([...files], ['package-lock.json']);
  });
});
