import { execFile } from 'node:child_process';
import { access, constants, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { PalisadeError } from '../../../core/index.ts';
import { isRecord, optionalString } from '../json.ts';

export interface RegistryCredentials {
  readonly username?: string;
  readonly password?: string;
  /** An OAuth2 refresh token (`identitytoken`), exchanged at the token service. */
  readonly identityToken?: string;
  /** Where they came from, for messages (`~/.docker/config.json auths`, `docker-credential-pass`). */
  readonly source: string;
}

export interface CredentialOptions {
  readonly dockerConfigPath?: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

const DOCKER_HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);
/** The key Docker writes for Docker Hub, in `auths` and for credential helpers. */
const DOCKER_HUB_KEY = 'https://index.docker.io/v1/';
const HELPER_TIMEOUT_MS = 30_000;

export function dockerConfigPath(options: CredentialOptions): string {
  if (options.dockerConfigPath !== undefined) return options.dockerConfigPath;
  const dir = options.env.DOCKER_CONFIG;
  if (dir !== undefined && dir !== '') return join(dir, 'config.json');
  return join(options.env.HOME ?? homedir(), '.docker', 'config.json');
}

/**
 * Credentials for `registry` from the Docker config, as Docker looks them up: `credHelpers[host]`,
 * then `auths` (a base64 `auth`, `username`/`password`, or an `identitytoken`), then `credsStore`.
 * A helper is `docker-credential-<name>` on PATH; a missing helper binary means no credentials.
 */
export async function lookupCredentials(registry: string, options: CredentialOptions): Promise<RegistryCredentials | undefined> {
  const path = dockerConfigPath(options);
  const text = await readFile(path, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  const config = parseConfig(text, path);
  const hub = DOCKER_HUB_ALIASES.has(registry);
  const helpers = isRecord(config.credHelpers) ? config.credHelpers : {};
  const helper = optionalString(helpers[registry]) ?? (hub ? optionalString(helpers[DOCKER_HUB_KEY]) ?? optionalString(helpers['docker.io']) : undefined);
  if (helper !== undefined) return runHelper(helper, hub ? DOCKER_HUB_KEY : registry, options);
  const fromAuths = authsEntry(config.auths, registry, hub, path);
  if (fromAuths !== undefined) return fromAuths;
  const store = optionalString(config.credsStore);
  return store === undefined || store === '' ? undefined : runHelper(store, hub ? DOCKER_HUB_KEY : registry, options);
}

function parseConfig(text: string, path: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new PalisadeError('CONFIG_INVALID', `${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`, { position: { path } });
  }
  if (!isRecord(value)) throw new PalisadeError('CONFIG_INVALID', `${path} is not a JSON object.`, { position: { path } });
  return value;
}

function authsEntry(auths: unknown, registry: string, hub: boolean, path: string): RegistryCredentials | undefined {
  if (!isRecord(auths)) return undefined;
  for (const [key, entry] of Object.entries(auths)) {
    const host = key.replace(/^[a-z]+:\/\//, '').replace(/\/.*$/, '');
    const matches = host === registry || (hub && DOCKER_HUB_ALIASES.has(host));
    if (!matches || !isRecord(entry)) continue;
    const source = `${path} auths["${key}"]`;
    const identityToken = optionalString(entry.identitytoken);
    if (identityToken !== undefined && identityToken !== '') return { identityToken, source };
    const auth = optionalString(entry.auth);
    if (auth !== undefined && auth !== '') return decodeAuth(auth, source);
    const username = optionalString(entry.username);
    const password = optionalString(entry.password);
    if (username !== undefined && password !== undefined) return { username, password, source };
  }
  return undefined;
}

function decodeAuth(auth: string, source: string): RegistryCredentials {
  const decoded = Buffer.from(auth, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon === -1) throw new PalisadeError('CONFIG_INVALID', `${source}: "auth" is not base64 of "user:password".`);
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1), source };
}

async function findExecutable(name: string, env: Readonly<Record<string, string | undefined>>): Promise<string | undefined> {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    const found = await access(candidate, constants.X_OK).then(() => true, () => false);
    if (found) return candidate;
  }
  return undefined;
}

/** Runs `docker-credential-<helper> get` with the server on stdin (the docker-credential-helpers protocol). */
async function runHelper(helper: string, server: string, options: CredentialOptions): Promise<RegistryCredentials | undefined> {
  const name = `docker-credential-${helper}`;
  const binary = await findExecutable(name, options.env);
  if (binary === undefined) return undefined;
  const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const child = execFile(binary, ['get'], { env: { ...options.env }, timeout: HELPER_TIMEOUT_MS, maxBuffer: 1024 * 1024 }, (error, out, err) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout: String(out), stderr: String(err) });
    });
    // A helper may exit without reading its input (EPIPE): its exit status and output decide.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(server);
  });
  if (code !== 0) {
    if (/credentials not found/i.test(stdout + stderr)) return undefined;
    throw new PalisadeError('REGISTRY_AUTH_FAILED', `${name} get failed for ${server} (exit ${code}): ${(stderr || stdout).trim()}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(stdout);
  } catch {
    throw new PalisadeError('REGISTRY_AUTH_FAILED', `${name} get printed something other than JSON for ${server}.`);
  }
  const username = isRecord(value) ? optionalString(value.Username) : undefined;
  const secret = isRecord(value) ? optionalString(value.Secret) : undefined;
  if (secret === undefined) throw new PalisadeError('REGISTRY_AUTH_FAILED', `${name} get printed no "Secret" for ${server}.`);
  if (username === '<token>') return { identityToken: secret, source: name };
  return { username: username ?? '', password: secret, source: name };
}
