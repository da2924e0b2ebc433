import type { ProviderEntry } from './build.ts';
import { B, E, fake, family, rx } from './build.ts';

/** The JSON object a base64url segment decodes to, if it is one. */
export function decodeJsonSegment(segment: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...value } : undefined;
  } catch {
    return undefined;
  }
}

function jwtParts(token: string): { header: Record<string, unknown> | undefined; payload: Record<string, unknown> | undefined } {
  const [header = '', payload = ''] = token.split('.');
  return { header: decodeJsonSegment(header), payload: decodeJsonSegment(payload) };
}

/** A Kubernetes service-account token: a JWT issued by the cluster for a service account. */
export function isServiceAccountJwt(token: string): boolean {
  const { header, payload } = jwtParts(token);
  if (header === undefined || payload === undefined) return false;
  const issuer = payload['iss'];
  return issuer === 'kubernetes/serviceaccount' || 'kubernetes.io/serviceaccount/namespace' in payload || 'kubernetes.io' in payload;
}

function isJwt(token: string): boolean {
  const { header, payload } = jwtParts(token);
  return header !== undefined && typeof header['alg'] === 'string' && payload !== undefined && !isServiceAccountJwt(token);
}

const b64url = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const JWT_SAMPLE = `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url({ sub: 'user-4821', name: 'Palisade Test', iat: 1767225600 })}.${fake('url', 43, 'jwt')}`;
const SA_SAMPLE = `${b64url({ alg: 'RS256', kid: fake('url', 20, 'sa-kid') })}.${b64url({ iss: 'kubernetes/serviceaccount', 'kubernetes.io/serviceaccount/namespace': 'prod', 'kubernetes.io/serviceaccount/service-account.name': 'deployer', sub: 'system:serviceaccount:prod:deployer' })}.${fake('url', 86, 'sa-sig')}`;
const body = (seed: string, lines: number): string => Array.from({ length: lines }, (_unused, index) => fake('b64', 64, `${seed}${index}`)).join('\n');

/** Private keys, signed tokens and cluster credentials. */
export const keyProviders: ProviderEntry[] = family('key', [
  { n: 300, slug: 'no-private-key', name: 'PEM private key', keywords: ['private key-----'], gitleaks: 'private-key', severity: 'critical', keepPlaceholders: true, pattern: rx(String.raw`(?<secret>-----BEGIN[ A-Z0-9_-]{0,40}PRIVATE KEY-----[\s\S]{64,16384}?-----END[ A-Z0-9_-]{0,40}PRIVATE KEY-----)`), verify: (key) => !/ENCRYPTED|OPENSSH|\.\.\.|x{8}|<[^>]+>/i.test(key), sample: `-----BEGIN RSA PRIVATE KEY-----\n${body('rsa', 3)}\n-----END RSA PRIVATE KEY-----`, around: ['', ''], fp: ['-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----', '-----BEGIN PUBLIC KEY-----'] },
  { n: 301, slug: 'no-encrypted-private-key', name: 'passphrase-protected private key', keywords: ['encrypted private key-----', 'proc-type: 4,encrypted'], severity: 'medium', keepPlaceholders: true, pattern: rx(String.raw`(?<secret>-----BEGIN (?:ENCRYPTED|RSA|EC|DSA) PRIVATE KEY-----[\s\S]{64,16384}?-----END (?:ENCRYPTED|RSA|EC|DSA) PRIVATE KEY-----)`), verify: (key) => /ENCRYPTED/.test(key) && !/\.\.\.|x{8}/i.test(key), sample: `-----BEGIN ENCRYPTED PRIVATE KEY-----\n${body('enc', 3)}\n-----END ENCRYPTED PRIVATE KEY-----`, around: ['', ''], fp: ['-----BEGIN ENCRYPTED PRIVATE KEY-----\n...\n-----END ENCRYPTED PRIVATE KEY-----'] },
  { n: 302, slug: 'no-openssh-private-key', name: 'OpenSSH private key', keywords: ['begin openssh private key'], gitleaks: 'private-key', severity: 'critical', keepPlaceholders: true, pattern: rx(String.raw`(?<secret>-----BEGIN OPENSSH PRIVATE KEY-----\s{1,4}b3BlbnNzaC1rZXktdjE[A-Za-z0-9+/=\s]{40,16384}?-----END OPENSSH PRIVATE KEY-----)`), sample: `-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjE${fake('b64', 45, 'ssh0')}\n${body('ssh', 3)}\n-----END OPENSSH PRIVATE KEY-----`, around: ['', ''], fp: ['-----BEGIN OPENSSH PRIVATE KEY-----\n<your key>\n-----END OPENSSH PRIVATE KEY-----'] },
  { n: 303, slug: 'no-putty-private-key', name: 'PuTTY private key', keywords: ['putty-user-key-file-'], severity: 'critical', keepPlaceholders: true, pattern: rx(String.raw`(?<secret>PuTTY-User-Key-File-[23]: [\w-]{3,40}\r?\nEncryption: [\w-]{3,20}\r?\n[\s\S]{0,2000}?Private-Lines: \d{1,3}\r?\n[A-Za-z0-9+/=\r\n]{40,8000}?Private-MAC: [a-f0-9]{40,64})`), sample: `PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: deploy\nPublic-Lines: 2\n${fake('b64', 64, 'putty1')}\n${fake('b64', 16, 'putty2')}\nPrivate-Lines: 1\n${fake('b64', 44, 'putty3')}\nPrivate-MAC: ${fake('hex', 64, 'putty4')}`, around: ['', ''], fp: ['PuTTY-User-Key-File-3: ssh-ed25519'] },
  { n: 304, slug: 'no-pgp-private-key', name: 'PGP private key block', keywords: ['begin pgp private key block'], gitleaks: 'private-key', severity: 'critical', keepPlaceholders: true, pattern: rx(String.raw`(?<secret>-----BEGIN PGP PRIVATE KEY BLOCK-----[\s\S]{64,65536}?-----END PGP PRIVATE KEY BLOCK-----)`), verify: (key) => !/\.\.\.|x{8}|<[^>]+>/i.test(key), sample: `-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n${body('pgp', 3)}\n=${fake('b64', 4, 'pgpcrc')}\n-----END PGP PRIVATE KEY BLOCK-----`, around: ['', ''], fp: ['-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmQENBF\n-----END PGP PUBLIC KEY BLOCK-----'] },
  { n: 305, slug: 'no-jwt', name: 'JSON Web Token', keywords: ['eyj'], gitleaks: 'jwt', entropy: 3, severity: 'medium', pattern: rx(String.raw`${B}(?<secret>eyJ[a-zA-Z0-9_-]{14,2000}\.eyJ[a-zA-Z0-9_-]{14,8000}\.[a-zA-Z0-9_-]{16,2000})${E}`), verify: isJwt, sample: JWT_SAMPLE, around: ['Authorization: Bearer ', ''], fp: ['eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.'] },
  { n: 306, slug: 'no-kubernetes-service-account-token', name: 'Kubernetes service account token', keywords: ['eyj'], entropy: 3, severity: 'critical', pattern: rx(String.raw`${B}(?<secret>eyJ[a-zA-Z0-9_-]{14,2000}\.eyJ[a-zA-Z0-9_-]{14,8000}\.[a-zA-Z0-9_-]{16,2000})${E}`), verify: isServiceAccountJwt, sample: SA_SAMPLE, around: ['    token: ', ''], fp: [`token: ${JWT_SAMPLE}`] },
  { n: 307, slug: 'no-kubeconfig-client-key', name: 'client key embedded in a kubeconfig', keywords: ['client-key-data'], severity: 'critical', entropy: 4, pattern: rx(String.raw`client-key-data:[ \t]{0,10}["']?(?<secret>[A-Za-z0-9+/]{64,}={0,2})`), sample: fake('b64', 120, 'kubeconfig-key'), around: ['    client-key-data: ', ''], fp: ['    client-key-data: REDACTED'] },
  { n: 308, slug: 'no-kubeconfig-credential', name: 'token or password embedded in a kubeconfig', keywords: ['current-context'], severity: 'critical', entropy: 3, pattern: rx(String.raw`^[ \t]{2,12}(?:token|password):[ \t]{0,10}["']?(?<secret>[^\s"'#]{12,4096})["']?[ \t]*(?:#.*)?$`, 'm'), verify: (value) => !isServiceAccountJwt(value), sample: fake('url', 40, 'kubeconfig-token'), around: ['current-context: prod\nusers:\n- name: admin\n  user:\n    token: ', ''], fp: ['current-context: prod\nusers:\n- name: admin\n  user:\n    token: ${KUBE_TOKEN}', "const current = 'current-context';\n    token: readFileSync(tokenFile, 'utf8').trim(),"] },
]);
