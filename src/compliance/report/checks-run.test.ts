import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { resolveSettings } from '../../scan/settings.ts';
import { checksRunFor } from './checks-run.ts';

let dir = '';

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'palisade-checks-run-'));
  await mkdir(join(dir, 'docker'));
  await mkdir(join(dir, 'k8s'));
  await mkdir(join(dir, 'ignored'));
  await writeFile(join(dir, 'docker', 'Dockerfile'), 'FROM alpine:3.19\n');
  await writeFile(join(dir, 'k8s', 'pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n');
  await writeFile(join(dir, 'ignored', 'Dockerfile'), 'FROM alpine:3.19\n');
  await writeFile(join(dir, 'ignored', '.gitignore'), 'Dockerfile\n');
});

after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(target: string, extra: { readonly rules?: readonly string[]; readonly scanners?: readonly ('misconfig' | 'secret' | 'vuln')[] } = {}): Promise<string[]> {
  return checksRunFor(target, await resolveSettings({ target, ...extra }));
}

describe('checksRunFor', () => {
  it('counts a rule as run when the target holds what it reads', async () => {
    const docker = await run(join(dir, 'docker'));
    assert.ok(docker.includes('DKR-0003'));
    assert.ok(!docker.some((id) => id.startsWith('K8S-')));
    const k8s = await run(join(dir, 'k8s'));
    assert.ok(k8s.includes('K8S-0001'));
    assert.ok(!k8s.some((id) => id.startsWith('DKR-')));
  });

  it('counts only selected rules, the gate rules included', async () => {
    assert.deepEqual(await run(join(dir, 'docker'), { rules: ['DKR-0003'] }), ['DKR-0003']);
    assert.deepEqual(await run(join(dir, 'docker'), { rules: ['DKR-0003', 'gate'] }), ['DKR-0003', 'GATE-0001', 'GATE-0002', 'GATE-0003']);
    const all = await run(join(dir, 'docker'));
    assert.deepEqual(all.filter((id) => id.startsWith('GATE-')), ['GATE-0001', 'GATE-0002', 'GATE-0003']);
  });

  it('walks a file target alone, and honours .gitignore', async () => {
    assert.ok(!(await run(join(dir, 'k8s', 'pod.yaml'))).some((id) => id.startsWith('DKR-')));
    assert.ok(!(await run(join(dir, 'ignored'))).some((id) => id.startsWith('DKR-')));
  });

  it('counts the vulnerability scanner only when it is selected and there are packages', async () => {
    assert.ok(!(await run(join(dir, 'docker'), { scanners: ['vuln'] })).includes('scanner:vuln'));
    await writeFile(join(dir, 'docker', 'package-lock.json'), JSON.stringify({ name: 'x', lockfileVersion: 3, packages: { '': { name: 'x' } } }));
    assert.ok((await run(join(dir, 'docker'), { scanners: ['vuln'] })).includes('scanner:vuln'));
    assert.ok(!(await run(join(dir, 'docker'), { scanners: ['misconfig'] })).includes('scanner:vuln'));
  });
});
