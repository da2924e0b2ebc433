// Test support: a CA and a serving certificate for 127.0.0.1 made with the openssl CLI (Debian
// package openssl). Not part of the product: node:crypto cannot issue X.509 certificates.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TestCertificates {
  readonly caPath: string;
  readonly certPath: string;
  readonly keyPath: string;
  readonly ca: Buffer;
}

/** True when the openssl CLI runs. */
export function hasOpenssl(): boolean {
  return spawnSync('openssl', ['version'], { stdio: 'ignore' }).status === 0;
}

/** Makes `<prefix>ca.crt`, `<prefix>tls.crt` and `<prefix>tls.key` in `folder` (a new CA each call). */
export function makeCertificates(folder: string, prefix = ''): TestCertificates {
  const path = (name: string): string => join(folder, `${prefix}${name}`);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  writeFileSync(path('san.cnf'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  openssl(['req', '-x509', ...ec, '-keyout', path('ca.key'), '-out', path('ca.crt'), '-subj', '/CN=palisade-test-ca', '-days', '2']);
  openssl(['req', ...ec, '-keyout', path('tls.key'), '-out', path('tls.csr'), '-subj', '/CN=localhost']);
  openssl(['x509', '-req', '-in', path('tls.csr'), '-CA', path('ca.crt'), '-CAkey', path('ca.key'), '-CAcreateserial', '-out', path('tls.crt'), '-days', '2', '-extfile', path('san.cnf')]);
  return { caPath: path('ca.crt'), certPath: path('tls.crt'), keyPath: path('tls.key'), ca: readFileSync(path('ca.crt')) };
}

function openssl(args: readonly string[]): void {
  const result = spawnSync('openssl', args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`openssl ${args[0] ?? ''} failed: ${result.stderr}`);
}
