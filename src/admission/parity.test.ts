import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { JsonObject } from '../kubernetes/index.ts';
import { loadAdmissionEngine } from './engine.ts';
import type { RunningAdmissionServer } from './server.ts';
import { startAdmissionServer } from './server.ts';
import type { TestCertificates } from './test-certs.ts';
import { hasOpenssl, makeCertificates } from './test-certs.ts';
import { cliVerdict, namespaceOfObject, webhookVerdict } from './test-parity.ts';
import { objectsOfFile } from './test-objects.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const skip = hasOpenssl() ? false : 'needs the Debian package openssl';
const NOW = new Date('2026-11-27T12:00:00Z');

/** The project's Kubernetes fixtures: the example app, the loader's and the policy engine's. */
function fixtureFiles(): string[] {
  const vap = join(ROOT, 'src', 'policy', 'vap', '__fixtures__');
  return [
    ...readdirSync(join(ROOT, 'examples', 'insecure-app', 'k8s')).map((name) => join(ROOT, 'examples', 'insecure-app', 'k8s', name)),
    ...['multi-document.yaml', 'list.yaml', 'pod.json', 'three-documents-second-broken.yaml'].map((name) => join(ROOT, 'src', 'kubernetes', '__fixtures__', 'load', name)),
    join(ROOT, 'src', 'kubernetes', 'render', '__fixtures__', 'kustomize', 'base', 'deployment.yaml'),
    ...readdirSync(vap).flatMap((name) => [join(vap, name, 'objects.yaml'), join(vap, name, 'policy.yaml')]),
  ];
}

const EXCEPTIONS = `exceptions:
  - rule: no-host-namespaces
    object: { namespace: shop }
    reason: The shop's node agent shares the host network until it is replaced
    owner: platform@example.com
    expires: 2099-12-31
`;

let folder = '';
let certs: TestCertificates;
let server: RunningAdmissionServer | undefined;

before(async () => {
  if (skip !== false) return;
  folder = mkdtempSync(join(tmpdir(), 'palisade-admission-parity-'));
  certs = makeCertificates(folder);
  writeFileSync(join(folder, 'exceptions.yaml'), EXCEPTIONS);
});

after(async () => {
  await server?.close();
  if (folder !== '') rmSync(folder, { recursive: true, force: true });
});

const policies = (): string[] => ['basic', 'replica-limit', 'message-expression', 'variables'].map((name) => join(ROOT, 'src', 'policy', 'vap', '__fixtures__', name, 'policy.yaml'));

test('every fixture object gets the same verdict from palisade scan and from the webhook over HTTPS', { skip }, async () => {
  const options = { policies: policies(), exceptionsPath: join(folder, 'exceptions.yaml'), now: NOW };
  const engine = await loadAdmissionEngine({ root: folder, ...options });
  server = await startAdmissionServer({ engine, decision: { mode: 'enforce', maxWarnings: 1000 }, tls: { certPath: certs.certPath, keyPath: certs.keyPath }, port: 0, host: '127.0.0.1', now: () => NOW });
  const objects: { file: string; object: JsonObject }[] = fixtureFiles().flatMap((file) => objectsOfFile(readFileSync(file, 'utf8')).map((object) => ({ file, object })));
  assert.ok(objects.length >= 30, `only ${objects.length} fixture objects`);
  let denied = 0;
  for (const { file, object } of objects) {
    const cli = await cliVerdict(object, folder, options);
    const webhook = await webhookVerdict(server.port, certs.ca, object, namespaceOfObject(object));
    assert.deepEqual(webhook, cli, `${file}: ${JSON.stringify(object).slice(0, 120)}`);
    if (!cli.allowed) denied += 1;
  }
  assert.ok(denied > 0 && denied < objects.length, `${denied} of ${objects.length} denied: the fixtures should give both verdicts`);
});
