/**
 * A real OCI registry for tests: Debian's `docker-registry` (the CNCF distribution server, 2.8) on
 * 127.0.0.1 and a free port, with a self-signed certificate made by `openssl`, htpasswd (bcrypt) or
 * token authentication, and storage in a temp folder. Images are pushed with `skopeo copy`.
 *
 *   if (skipWithout(t, 'docker-registry', 'openssl', 'skopeo')) return;
 *   const registry = await startRegistry({ auth: 'htpasswd' });
 *   t.after(() => registry.stop());
 *   await registry.push(`oci:${layoutDir}:v1`, 'team/app:v1');
 *   await openImage(`docker://${registry.host}/team/app:v1`, { caFile: registry.caFile, dockerConfigPath: await registry.writeDockerConfig(dir) });
 *
 * Several fixtures can share one `storageDir` (one pushes, another serves it with other settings).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createPrivateKey, randomUUID, sign, X509Certificate } from 'node:crypto';
import { accessSync, constants } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, createServer as createTcpServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { TestContext } from 'node:test';

export const REGISTRY_USER = 'palisade';
export const REGISTRY_PASSWORD = 'palisade-test-password';
/** bcrypt (cost 4) of REGISTRY_PASSWORD, computed once with glibc crypt(3): apache2-utils' htpasswd is not installed here. */
const REGISTRY_PASSWORD_BCRYPT = '$2b$04$abcdefghijklmnopqrstuuKQzbLFsM.59p4D7Dd4elYXmjuUHgdWe';
/** What the token server accepts as an identity (refresh) token. */
export const REFRESH_TOKEN = 'palisade-refresh-token';
/** Anonymous pulls are refused for repositories under this prefix on a token registry. */
export const PRIVATE_PREFIX = 'private/';

const PACKAGES: Readonly<Record<string, string>> = { 'docker-registry': 'docker-registry', openssl: 'openssl', skopeo: 'skopeo', umoci: 'umoci' };

export function findBinary(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter).concat(['/usr/bin', '/usr/sbin'])) {
    if (dir === '') continue;
    try {
      accessSync(join(dir, name), constants.X_OK);
      return join(dir, name);
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Skips the test (and returns true) when a binary is missing, naming its Debian package. */
export function skipWithout(t: TestContext, ...binaries: string[]): boolean {
  const missing = binaries.find((binary) => findBinary(binary) === undefined);
  if (missing === undefined) return false;
  t.skip(`needs the Debian package ${PACKAGES[missing] ?? missing}`);
  return true;
}

export interface RegistryOptions {
  /** Default true: HTTPS with a self-signed certificate for 127.0.0.1. */
  readonly tls?: boolean;
  /** Default 'htpasswd'. 'token' starts a token server (anonymous pull except under private/). */
  readonly auth?: 'none' | 'htpasswd' | 'token';
  /** Share storage with another fixture; default a new temp folder. */
  readonly storageDir?: string;
  /** Keep the registry's access log, for tests that count requests (see `requests()`). */
  readonly accessLog?: boolean;
}

export interface RegistryFixture {
  /** `127.0.0.1:<port>`: use as `docker://${host}/repo:tag`. */
  readonly host: string;
  readonly tls: boolean;
  readonly auth: 'none' | 'htpasswd' | 'token';
  /** The self-signed certificate (PEM file) when tls; pass as `caFile`. */
  readonly caFile: string | undefined;
  /** A folder with `ca.crt` for skopeo's --cert-dir. */
  readonly certDir: string | undefined;
  readonly storageDir: string;
  /** Where the fixture keeps its files (config, certificates, docker configs). */
  readonly workDir: string;
  /**
   * `skopeo copy <source> docker://<host>/<repositoryAndTag>` with the test credentials; `all` copies
   * every platform, `format: 'v2s2'` converts to Docker v2 schema 2 manifests.
   */
  push(source: string, repositoryAndTag: string, options?: { all?: boolean; format?: 'oci' | 'v2s2' }): Promise<void>;
  /** Writes a Docker config.json with `auths` for this registry; returns its path. */
  writeDockerConfig(entry?: Readonly<Record<string, string>>): Promise<string>;
  /** `METHOD /path` of every request so far, from the access log (empty unless `accessLog`). */
  requests(): string[];
  /** Stops the registry process (an outage); its port, storage and certificates are kept. */
  suspend(): Promise<void>;
  /** Starts the registry again on the same port with the same storage, after `suspend`. */
  resume(): Promise<void>;
  stop(): Promise<void>;
}

export async function runTool(binary: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(binary, [...args], { env, maxBuffer: 16 * 1024 * 1024, timeout: 120_000 }, (error, stdout, stderr) => {
      if (error === null) resolve(String(stdout));
      else reject(new Error(`${binary} ${args.join(' ')} failed: ${String(stderr).trim() || error.message}`));
    });
  });
}

/** A free TCP port on 127.0.0.1 (released before use; the race is harmless in tests). */
export async function freePort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return address.port;
}

/** A self-signed ECDSA P-256 certificate for 127.0.0.1/localhost. */
export async function makeCertificate(dir: string, name: string): Promise<{ cert: string; key: string }> {
  const cert = join(dir, `${name}.crt`);
  const key = join(dir, `${name}.key`);
  await runTool('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', key, '-out', cert, '-days', '2', '-subj', `/CN=palisade-test-${name}`,
    '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
  ]);
  return { cert, key };
}

export async function startRegistry(options: RegistryOptions = {}): Promise<RegistryFixture> {
  const tls = options.tls ?? true;
  const auth = options.auth ?? 'htpasswd';
  const workDir = await mkdtemp(join(tmpdir(), 'palisade-registry-'));
  const storageDir = options.storageDir ?? join(workDir, 'storage');
  await mkdir(storageDir, { recursive: true });
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  const certificate = tls ? await makeCertificate(workDir, 'registry') : undefined;
  const certDir = certificate === undefined ? undefined : join(workDir, 'certs.d');
  if (certificate !== undefined && certDir !== undefined) {
    await mkdir(certDir);
    await writeFile(join(certDir, 'ca.crt'), await readFile(certificate.cert));
  }
  const tokenServer = auth === 'token' ? await startTokenServer(workDir) : undefined;
  const config = [
    'version: 0.1',
    `log: { level: error, accesslog: { disabled: ${options.accessLog === true ? 'false' : 'true'} } }`,
    `storage: { filesystem: { rootdirectory: ${JSON.stringify(storageDir)} }, delete: { enabled: true } }`,
    `http: { addr: ${JSON.stringify(host)}, secret: palisade-test${certificate === undefined ? '' : `, tls: { certificate: ${JSON.stringify(certificate.cert)}, key: ${JSON.stringify(certificate.key)} }`} }`,
    ...(await authConfig(auth, workDir, tokenServer)),
  ].join('\n');
  const configPath = join(workDir, 'config.yml');
  await writeFile(configPath, `${config}\n`);
  let stderr = '';
  let access = '';
  const serve = (): ChildProcess => {
    const started = spawn(findBinary('docker-registry') ?? 'docker-registry', ['serve', configPath], { stdio: ['ignore', 'pipe', 'pipe'] });
    started.stderr?.on('data', (chunk: unknown) => {
      stderr += String(chunk);
    });
    // The access log (when enabled) goes to stdout.
    started.stdout?.on('data', (chunk: unknown) => {
      if (options.accessLog === true) access += String(chunk);
    });
    return started;
  };
  let child = serve();
  await waitForPort(port, child, () => stderr);
  const suspend = async (): Promise<void> => stopChild(child);
  const resume = async (): Promise<void> => {
    child = serve();
    await waitForPort(port, child, () => stderr);
  };
  const stop = async (): Promise<void> => {
    await stopChild(child);
    await tokenServer?.close();
    await rm(workDir, { recursive: true, force: true });
  };
  const caFile = certificate?.cert;
  return {
    host, tls, auth, caFile, certDir, storageDir, workDir, stop, suspend, resume,
    requests: () => [...`${access}\n${stderr}`.matchAll(/"(GET|HEAD|PUT|POST|PATCH|DELETE) (\S+) HTTP/g)].map((match) => `${match[1] ?? ''} ${match[2] ?? ''}`),
    push: (source, repositoryAndTag, pushOptions = {}) => skopeoPush({
      source,
      destination: `docker://${host}/${repositoryAndTag}`,
      certDir,
      tls,
      workDir,
      extra: [...(pushOptions.all === true ? ['--all'] : []), ...(pushOptions.format === undefined ? [] : ['--format', pushOptions.format])],
    }),
    writeDockerConfig: async (entry = { auth: Buffer.from(`${REGISTRY_USER}:${REGISTRY_PASSWORD}`).toString('base64') }) => {
      const dir = await mkdtemp(join(workDir, 'docker-config-'));
      const path = join(dir, 'config.json');
      await writeFile(path, JSON.stringify({ auths: { [host]: entry } }));
      return path;
    },
  };
}

async function authConfig(auth: RegistryOptions['auth'], workDir: string, tokenServer: TokenServer | undefined): Promise<string[]> {
  if (auth === 'htpasswd') {
    const path = join(workDir, 'htpasswd');
    await writeFile(path, `${REGISTRY_USER}:${REGISTRY_PASSWORD_BCRYPT}\n`);
    return [`auth: { htpasswd: { realm: palisade-test, path: ${JSON.stringify(path)} } }`];
  }
  if (tokenServer === undefined) return [];
  return [
    `auth: { token: { realm: ${JSON.stringify(tokenServer.realm)}, service: ${TOKEN_SERVICE}, issuer: ${TOKEN_ISSUER}, rootcertbundle: ${JSON.stringify(tokenServer.certFile)} } }`,
  ];
}

async function waitForPort(port: number, child: ChildProcess, stderr: () => string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (child.exitCode !== null) throw new Error(`docker-registry exited with ${child.exitCode}: ${stderr()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await sleep(50);
  }
  child.kill('SIGKILL');
  throw new Error(`docker-registry did not listen on ${port}: ${stderr()}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}

/** A permissive signature policy so skopeo needs nothing from /etc/containers. */
async function skopeoPolicy(workDir: string): Promise<string> {
  const path = join(workDir, 'policy.json');
  await writeFile(path, JSON.stringify({ default: [{ type: 'insecureAcceptAnything' }] }));
  return path;
}

/** `skopeo copy` with a throwaway policy and HOME; any transports (oci:, docker-archive:, docker://). */
export async function skopeoCopy(source: string, destination: string, extraArgs: readonly string[] = [], workDir?: string): Promise<void> {
  const dir = workDir ?? (await mkdtemp(join(tmpdir(), 'palisade-skopeo-')));
  const env = { ...process.env, HOME: dir, XDG_RUNTIME_DIR: dir, REGISTRY_AUTH_FILE: join(dir, 'auth.json') };
  await runTool(findBinary('skopeo') ?? 'skopeo', ['--policy', await skopeoPolicy(dir), 'copy', '--quiet', ...extraArgs, source, destination], env);
}

async function skopeoPush(args: { source: string; destination: string; certDir: string | undefined; tls: boolean; workDir: string; extra: readonly string[] }): Promise<void> {
  const extra = [
    '--dest-creds', `${REGISTRY_USER}:${REGISTRY_PASSWORD}`,
    ...(args.certDir === undefined ? [] : ['--dest-cert-dir', args.certDir]),
    ...(args.tls ? [] : ['--dest-tls-verify=false']),
    ...args.extra,
  ];
  await skopeoCopy(args.source, args.destination, extra, args.workDir);
}

const TOKEN_SERVICE = 'palisade-registry';
const TOKEN_ISSUER = 'palisade-test-issuer';

interface TokenServer {
  readonly realm: string;
  readonly certFile: string;
  close(): Promise<void>;
}

/**
 * The distribution token protocol (docker/distribution docs/spec/auth/token.md): ES256 JWTs with the
 * signing certificate in `x5c`, trusted by the registry through `rootcertbundle`. Valid Basic
 * credentials or the refresh token get what they ask for; anonymous callers get `pull` outside private/.
 */
async function startTokenServer(workDir: string): Promise<TokenServer> {
  const { cert, key } = await makeCertificate(workDir, 'token');
  const certificate = new X509Certificate(await readFile(cert));
  const privateKey = createPrivateKey(await readFile(key));
  const x5c = certificate.raw.toString('base64');
  const server: Server = createServer((request, response) => {
    void handleToken(request, response, (claims) => signJwt(claims, x5c, privateKey));
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    realm: `http://127.0.0.1:${port}/token`,
    certFile: cert,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function base64url(value: Buffer | string): string {
  return Buffer.from(value).toString('base64url');
}

function signJwt(claims: Record<string, unknown>, x5c: string, key: ReturnType<typeof createPrivateKey>): string {
  const input = `${base64url(JSON.stringify({ typ: 'JWT', alg: 'ES256', x5c: [x5c] }))}.${base64url(JSON.stringify(claims))}`;
  const signature = sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' });
  return `${input}.${base64url(signature)}`;
}

async function handleToken(request: IncomingMessage, response: ServerResponse, sign: (claims: Record<string, unknown>) => string): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  let body = '';
  for await (const chunk of request) body += String(chunk);
  const form = request.method === 'POST' ? new URLSearchParams(body) : url.searchParams;
  const identity = identify(request.headers.authorization, form);
  if (identity === 'refused') {
    response.writeHead(401, { 'content-type': 'application/json' }).end('{"details":"bad credentials"}');
    return;
  }
  const access = form.getAll('scope').flatMap((scope) => grant(scope, identity === 'user'));
  const now = Math.floor(Date.now() / 1000);
  const token = sign({ iss: TOKEN_ISSUER, sub: identity === 'user' ? REGISTRY_USER : '', aud: TOKEN_SERVICE, exp: now + 600, nbf: now - 60, iat: now, jti: randomUUID(), access });
  response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token, access_token: token, expires_in: 600 }));
}

function identify(authorization: string | undefined, form: URLSearchParams): 'user' | 'anonymous' | 'refused' {
  if (form.get('grant_type') === 'refresh_token') return form.get('refresh_token') === REFRESH_TOKEN ? 'user' : 'refused';
  if (authorization === undefined) return 'anonymous';
  const expected = `Basic ${Buffer.from(`${REGISTRY_USER}:${REGISTRY_PASSWORD}`).toString('base64')}`;
  return authorization === expected ? 'user' : 'refused';
}

function grant(scope: string, user: boolean): { type: string; name: string; actions: string[] }[] {
  const [type, name, actions] = scope.split(':');
  if (type !== 'repository' || name === undefined || actions === undefined) return [];
  const wanted = actions.split(',');
  const allowed = user ? wanted : name.startsWith(PRIVATE_PREFIX) ? [] : wanted.filter((action) => action === 'pull');
  return [{ type, name, actions: allowed }];
}
