import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, isAbsolute, join } from 'node:path';
import { parse } from 'yaml';
import { PalisadeError } from '../core/index.ts';
import { MAX_YAML_INDENT, deepIndentationLine } from '../core/yaml-guard.ts';

/** How to reach and authenticate to one API server: the resolved current context of a kubeconfig. */
export interface ClusterConnection {
  /** The context name (`in-cluster` for a Pod's service account). */
  readonly context: string;
  readonly server: string;
  readonly namespace?: string;
  /** PEM: the CA bundle that signs the server's certificate. */
  readonly ca?: string;
  readonly insecureSkipTlsVerify?: boolean;
  readonly tlsServerName?: string;
  /** PEM client certificate and key (mutual TLS). */
  readonly cert?: string;
  readonly key?: string;
  readonly token?: string;
  readonly basic?: { readonly username: string; readonly password: string };
  /** An exec credential plugin (client.authentication.k8s.io) run to get a token or a client certificate. */
  readonly exec?: ExecPlugin;
}

export interface ExecPlugin {
  readonly command: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly apiVersion: string;
  /** Where relative commands resolve (the kubeconfig's folder). */
  readonly baseDir: string;
}

export interface KubeconfigOptions {
  /** An explicit file; else $KUBECONFIG (a path list, first readable one), else ~/.kube/config, else in-cluster. */
  readonly kubeconfig?: string;
  readonly context?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

/** Finds the kubeconfig (or the in-cluster service account) and resolves the chosen context. */
export function loadConnection(options: KubeconfigOptions = {}): ClusterConnection {
  const env = options.env ?? process.env;
  const file = options.kubeconfig ?? firstKubeconfig(env);
  if (file !== undefined) return connectionFromFile(file, options.context);
  const inCluster = inClusterConnection(env);
  if (inCluster !== undefined) return inCluster;
  throw new PalisadeError('CONFIG_INVALID', 'No kubeconfig found: pass --kubeconfig, set KUBECONFIG, create ~/.kube/config, or run in a Pod with a service account.');
}

function firstKubeconfig(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const fromEnv = (env['KUBECONFIG'] ?? '').split(delimiter).find((path) => path !== '' && existsSync(path));
  if (fromEnv !== undefined) return fromEnv;
  const home = env['HOME'] ?? homedir();
  const fallback = join(home, '.kube', 'config');
  return existsSync(fallback) ? fallback : undefined;
}

export function connectionFromFile(file: string, context?: string): ClusterConnection {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new PalisadeError('CONFIG_INVALID', `Cannot read kubeconfig ${file}`, { cause: error });
  }
  return parseKubeconfig(text, dirname(file), file, context);
}

/** Resolves `context` (default: current-context) of a kubeconfig's text; relative file paths resolve against `baseDir`. */
export function parseKubeconfig(text: string, baseDir: string, name: string, context?: string): ClusterConnection {
  const deep = deepIndentationLine(text);
  if (deep !== undefined) throw new PalisadeError('CONFIG_INVALID', `${name}: line ${deep} is indented more than ${MAX_YAML_INDENT} levels; not read`);
  let document: unknown;
  try {
    document = parse(text, { maxAliasCount: 100 });
  } catch (error) {
    throw new PalisadeError('CONFIG_INVALID', `${name} is not valid YAML: ${error instanceof Error ? error.message : String(error)}`);
  }
  const root = record(document, name);
  const contextName = context ?? stringField(root, 'current-context');
  if (contextName === undefined || contextName === '') throw new PalisadeError('CONFIG_INVALID', `${name} has no current-context; pass --context`);
  const contextEntry = named(root, 'contexts', 'context', contextName, name);
  const clusterName = stringField(contextEntry, 'cluster');
  const userName = stringField(contextEntry, 'user');
  if (clusterName === undefined) throw new PalisadeError('CONFIG_INVALID', `${name}: context "${contextName}" names no cluster`);
  const cluster = named(root, 'clusters', 'cluster', clusterName, name);
  const user = userName === undefined ? {} : named(root, 'users', 'user', userName, name);
  const server = stringField(cluster, 'server');
  if (server === undefined || !URL.canParse(server)) throw new PalisadeError('CONFIG_INVALID', `${name}: cluster "${clusterName}" has no valid server URL`);
  const namespace = stringField(contextEntry, 'namespace');
  const tlsServerName = stringField(cluster, 'tls-server-name');
  const token = stringField(user, 'token') ?? fileField(user, 'tokenFile', baseDir)?.trim();
  const username = stringField(user, 'username');
  const password = stringField(user, 'password');
  const exec = execPluginOf(user, baseDir, name);
  const ca = pemField(cluster, 'certificate-authority', baseDir);
  const cert = pemField(user, 'client-certificate', baseDir);
  const key = pemField(user, 'client-key', baseDir);
  return {
    context: contextName,
    server: server.replace(/\/+$/, ''),
    ...(namespace === undefined ? {} : { namespace }),
    ...(ca === undefined ? {} : { ca }),
    ...(cluster['insecure-skip-tls-verify'] === true ? { insecureSkipTlsVerify: true } : {}),
    ...(tlsServerName === undefined ? {} : { tlsServerName }),
    ...(cert === undefined ? {} : { cert }),
    ...(key === undefined ? {} : { key }),
    ...(token === undefined ? {} : { token }),
    ...(username === undefined || password === undefined ? {} : { basic: { username, password } }),
    ...(exec === undefined ? {} : { exec }),
  };
}

/** A Pod's own service account, as client-go's rest.InClusterConfig reads it. */
function inClusterConnection(env: Readonly<Record<string, string | undefined>>): ClusterConnection | undefined {
  const host = env['KUBERNETES_SERVICE_HOST'];
  const port = env['KUBERNETES_SERVICE_PORT'];
  const tokenFile = join(SERVICE_ACCOUNT_DIR, 'token');
  if (host === undefined || port === undefined || !existsSync(tokenFile)) return undefined;
  const namespaceFile = join(SERVICE_ACCOUNT_DIR, 'namespace');
  return {
    context: 'in-cluster',
    server: `https://${host.includes(':') ? `[${host}]` : host}:${port}`,
    token: readFileSync(tokenFile, 'utf8').trim(),
    ca: readFileSync(join(SERVICE_ACCOUNT_DIR, 'ca.crt'), 'utf8'),
    ...(existsSync(namespaceFile) ? { namespace: readFileSync(namespaceFile, 'utf8').trim() } : {}),
  };
}

type Fields = Readonly<Record<string, unknown>>;

function record(value: unknown, name: string): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new PalisadeError('CONFIG_INVALID', `${name} is not a kubeconfig (expected a mapping)`);
  return Object.fromEntries(Object.entries(value));
}

function stringField(fields: Fields, key: string): string | undefined {
  const value = fields[key];
  return typeof value === 'string' ? value : undefined;
}

/** `clusters[name=x].cluster` and the like. */
function named(root: Fields, list: string, field: string, wanted: string, name: string): Fields {
  const entries = root[list];
  const entry = Array.isArray(entries) ? entries.find((item: unknown) => typeof item === 'object' && item !== null && Reflect.get(item, 'name') === wanted) : undefined;
  const value: unknown = entry === undefined ? undefined : Reflect.get(entry, field);
  if (value === undefined) throw new PalisadeError('CONFIG_INVALID', `${name}: no ${field} named "${wanted}" in ${list}`);
  return record(value, `${name} ${field} "${wanted}"`);
}

function fileField(fields: Fields, key: string, baseDir: string): string | undefined {
  const path = stringField(fields, key);
  if (path === undefined) return undefined;
  const absolute = isAbsolute(path) ? path : join(baseDir, path);
  try {
    return readFileSync(absolute, 'utf8');
  } catch (error) {
    throw new PalisadeError('CONFIG_INVALID', `Cannot read ${key} ${absolute} named by the kubeconfig`, { cause: error });
  }
}

/** `<key>-data` (base64 PEM) or `<key>` (a file path). */
function pemField(fields: Fields, key: string, baseDir: string): string | undefined {
  const data = stringField(fields, `${key}-data`);
  if (data !== undefined) return Buffer.from(data, 'base64').toString('utf8');
  return fileField(fields, key, baseDir);
}

function execPluginOf(user: Fields, baseDir: string, name: string): ExecPlugin | undefined {
  const exec = user['exec'];
  if (exec === undefined) return undefined;
  const fields = record(exec, `${name} exec`);
  const command = stringField(fields, 'command');
  if (command === undefined) throw new PalisadeError('CONFIG_INVALID', `${name}: exec plugin has no command`);
  const args = Array.isArray(fields['args']) ? fields['args'].filter((arg: unknown) => typeof arg === 'string') : [];
  const envList = Array.isArray(fields['env']) ? fields['env'] : [];
  const env: Record<string, string> = {};
  for (const entry of envList) {
    const envName: unknown = typeof entry === 'object' && entry !== null ? Reflect.get(entry, 'name') : undefined;
    const envValue: unknown = typeof entry === 'object' && entry !== null ? Reflect.get(entry, 'value') : undefined;
    if (typeof envName === 'string' && typeof envValue === 'string') env[envName] = envValue;
  }
  return { command, args, env, apiVersion: stringField(fields, 'apiVersion') ?? 'client.authentication.k8s.io/v1', baseDir };
}
