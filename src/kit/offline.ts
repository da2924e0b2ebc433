import { existsSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';
import { PalisadeError } from '../core/index.ts';

/** Which Palisade feature talks to a host, for the `--offline` refusal message. */
const FEATURES: readonly (readonly [RegExp, string])[] = [
  [/^osv-vulnerabilities\.storage\.googleapis\.com$/, 'the advisory database download (palisade db update)'],
  [/(^|\.)sigstore\.dev$/, 'Sigstore signature verification (trust root, transparency log or certificate authority)'],
  [/^(registry-1\.docker\.io|auth\.docker\.io|index\.docker\.io|ghcr\.io|quay\.io|gcr\.io|mcr\.microsoft\.com|public\.ecr\.aws)$|\.pkg\.dev$|\.amazonaws\.com$|\.azurecr\.io$/, 'an image registry (an image target or an image reference check)'],
];

export function featureForHost(host: string): string {
  const name = host.toLowerCase().replace(/\.$/, '');
  return FEATURES.find(([pattern]) => pattern.test(name))?.[1] ?? 'a feature that needs the network';
}

function refusal(host: string, port: string): PalisadeError {
  return new PalisadeError('NETWORK_FAILED', `--offline: refused network access to ${host}${port === '' ? '' : `:${port}`}, wanted by ${featureForHost(host)}. Drop --offline, or use an offline kit (palisade kit import) and local files instead.`);
}

/** Host and port of `socket.connect(...)` arguments; undefined for a local (Unix socket or named pipe) connection. */
function destination(args: readonly unknown[]): { host: string; port: string } | undefined {
  const [first, second] = args;
  const options: unknown = Array.isArray(first) ? first[0] : first;
  if (typeof options === 'string') return undefined;
  if (typeof options === 'number') return { host: typeof second === 'string' ? second : 'localhost', port: String(options) };
  if (typeof options !== 'object' || options === null) return undefined;
  if ('path' in options && typeof options.path === 'string' && options.path !== '') return undefined;
  const host = 'host' in options && typeof options.host === 'string' ? options.host : 'localhost';
  const port = 'port' in options ? String(options.port) : '';
  return { host, port };
}

export interface OfflineGuard {
  /** Puts the network back (tests; a CLI run keeps the guard until it exits). */
  restore(): void;
}

/**
 * `--offline`: from now on every TCP connection and every `fetch` in this process fails with
 * NETWORK_FAILED, naming the host and the feature that wanted it. Unix sockets stay allowed. Child
 * processes (helm, kubectl, git) are not covered: with --offline Palisade starts none that reach the
 * network on their own (a git diff and a local helm template only).
 */
export function refuseNetwork(): OfflineGuard {
  const originalConnect = net.Socket.prototype.connect;
  const originalFetch = globalThis.fetch;
  function guardedConnect(this: net.Socket, ...args: unknown[]): unknown {
    const target = destination(args);
    if (target !== undefined) throw refusal(target.host, target.port);
    return Reflect.apply(originalConnect, this, args);
  }
  Object.defineProperty(net.Socket.prototype, 'connect', { value: guardedConnect, configurable: true, writable: true });
  globalThis.fetch = async (input: string | URL | Request): Promise<Response> => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    throw refusal(url.hostname, url.port);
  };
  syncBuiltinESMExports();
  return {
    restore(): void {
      Object.defineProperty(net.Socket.prototype, 'connect', { value: originalConnect, configurable: true, writable: true });
      globalThis.fetch = originalFetch;
      syncBuiltinESMExports();
    },
  };
}

/** Before an offline scan with vulnerability matching: the advisory database must be here already. */
export function checkOfflineDatabase(databasePath: string): void {
  if (existsSync(databasePath)) return;
  throw new PalisadeError(
    'DB_UNAVAILABLE',
    `--offline: no advisory database at ${databasePath}, and none can be downloaded. Import an offline kit first (palisade kit import kit.tar.zst --key kit.pub), or pass --db, or leave vulnerabilities out (--scanners misconfig,secret,policy).`,
    { position: { path: databasePath } },
  );
}

/**
 * `palisade scan --offline`: checks that the advisory database is present when vulnerabilities are
 * matched (`scanners` undefined means all of them), then refuses the network for the rest of the run.
 */
export function enterOfflineMode(scanners: readonly string[] | undefined, databasePath: string): OfflineGuard {
  if (scanners === undefined || scanners.includes('vuln')) checkOfflineDatabase(databasePath);
  return refuseNetwork();
}
