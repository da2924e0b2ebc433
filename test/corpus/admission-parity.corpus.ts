// Corpus suite: every object of ../shared/corpora/k8s goes through `palisade scan` (a file holding
// the object) and through the admission webhook over HTTPS; the verdicts (allowed, the failing
// findings' lines, the other findings' lines) must be the same. Run: npm run test:corpus. Skips with
// a message where ../shared is absent, or where the openssl CLI is missing.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { loadAdmissionEngine } from '../../src/admission/engine.ts';
import { startAdmissionServer } from '../../src/admission/server.ts';
import { hasOpenssl, makeCertificates } from '../../src/admission/test-certs.ts';
import { objectsOfFile } from '../../src/admission/test-objects.ts';
import { cliVerdict, namespaceOfObject, webhookVerdict } from '../../src/admission/test-parity.ts';
import { REPO_ROOT } from '../cli-helpers.ts';

const FOLDER = join(REPO_ROOT, '..', 'shared', 'corpora', 'k8s');
const skip = !existsSync(FOLDER) ? `Kubernetes corpus not found at ${FOLDER} (needs ../shared beside the clone)` : hasOpenssl() ? false : 'needs the Debian package openssl';
const WORK = mkdtempSync(join(tmpdir(), 'palisade-admission-corpus-'));
after(() => rmSync(WORK, { recursive: true, force: true }));

const NOW = new Date('2026-11-27T12:00:00Z');
const POLICIES = ['basic', 'replica-limit', 'message-expression', 'variables'].map((name) => join(REPO_ROOT, 'src', 'policy', 'vap', '__fixtures__', name, 'policy.yaml'));

test('every corpus object gets the same verdict from palisade scan and from the webhook', { skip }, async () => {
  const certs = makeCertificates(WORK);
  const options = { policies: POLICIES, now: NOW };
  const engine = await loadAdmissionEngine({ root: WORK, ...options });
  const server = await startAdmissionServer({ engine, decision: { mode: 'enforce', maxWarnings: 10_000 }, tls: { certPath: certs.certPath, keyPath: certs.keyPath }, port: 0, host: '127.0.0.1', now: () => NOW });
  try {
    const files = readdirSync(FOLDER).filter((name) => /\.(ya?ml|json)$/.test(name)).sort();
    let objects = 0;
    let denied = 0;
    const differences: string[] = [];
    for (const name of files) {
      for (const object of objectsOfFile(readFileSync(join(FOLDER, name), 'utf8'))) {
        objects += 1;
        const cli = await cliVerdict(object, WORK, options);
        const webhook = await webhookVerdict(server.port, certs.ca, object, namespaceOfObject(object));
        if (!cli.allowed) denied += 1;
        try {
          assert.deepEqual(webhook, cli);
        } catch (error) {
          differences.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    }
    process.stdout.write(`# admission parity: ${objects} objects of ${files.length} files, ${denied} denied, ${differences.length} differences\n`);
    assert.ok(objects > 200, `only ${objects} objects`);
    assert.deepEqual(differences.slice(0, 5), []);
  } finally {
    await server.close();
  }
});
