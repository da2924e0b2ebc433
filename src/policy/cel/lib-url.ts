/**
 * Kubernetes URL library: `url()`, `isURL()`, `getScheme`, `getHost`, `getHostname`, `getPort`,
 * `getEscapedPath`, `getQuery`. Parsing follows Go's `url.ParseRequestURI`: an absolute URI or an
 * absolute path; no normalisation (the port stays as written).
 */
import type { Environment } from '@marcbachmann/cel-js';
import { chargeSize } from './cost.ts';
import { fail } from './support.ts';

export class CelUrl {
  readonly scheme: string;
  readonly host: string;
  readonly path: string;
  readonly rawQuery: string;
  readonly source: string;

  constructor(parts: { scheme: string; host: string; path: string; rawQuery: string; source: string }) {
    this.scheme = parts.scheme;
    this.host = parts.host;
    this.path = parts.path;
    this.rawQuery = parts.rawQuery;
    this.source = parts.source;
  }

  equals(other: unknown): boolean {
    return other instanceof CelUrl && other.source === this.source;
  }

  toString(): string {
    return this.source;
  }
}

export function registerUrls(env: Environment): void {
  env.registerType('URL', CelUrl);
  env.registerFunction('url(string): URL', (s: string) => parseUrl(s) ?? fail(`URL parse error during conversion from string: ${s}`));
  env.registerFunction('isURL(string): bool', (s: string) => parseUrl(s) !== undefined);
  env.registerFunction('URL.getScheme(): string', (u: CelUrl) => u.scheme);
  env.registerFunction('URL.getHost(): string', (u: CelUrl) => u.host);
  env.registerFunction('URL.getHostname(): string', (u: CelUrl) => hostname(u.host));
  env.registerFunction('URL.getPort(): string', (u: CelUrl) => port(u.host));
  env.registerFunction('URL.getEscapedPath(): string', (u: CelUrl) => escapePath(u.path));
  env.registerFunction('URL.getQuery(): map<string, list<string>>', (u: CelUrl) => parseQuery(u.rawQuery));
  env.registerOperator('URL == URL', (a: CelUrl, b: CelUrl) => a.equals(b));
}

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;
const PORT = /^:\d*$/;

export function parseUrl(source: string): CelUrl | undefined {
  chargeSize(source.length);
  if (/[\x00-\x1f\x7f]/.test(source) || source === '') return undefined;
  const schemeMatch = SCHEME.exec(source);
  const scheme = schemeMatch?.[1]?.toLowerCase() ?? '';
  if (schemeMatch === null && source.startsWith(':')) return undefined;
  let rest = schemeMatch === null ? source : source.slice(schemeMatch[0].length);
  const queryAt = rest.indexOf('?');
  const rawQuery = queryAt < 0 ? '' : rest.slice(queryAt + 1);
  rest = queryAt < 0 ? rest : rest.slice(0, queryAt);
  if (!rest.startsWith('/')) {
    if (scheme === '') return undefined;
    return new CelUrl({ scheme, host: '', path: '', rawQuery, source });
  }
  let host = '';
  if (rest.startsWith('//') && (scheme !== '' || !rest.startsWith('///'))) {
    const pathAt = rest.indexOf('/', 2);
    const authority = pathAt < 0 ? rest.slice(2) : rest.slice(2, pathAt);
    rest = pathAt < 0 ? '' : rest.slice(pathAt);
    const parsedHost = parseAuthority(authority);
    if (parsedHost === undefined) return undefined;
    host = parsedHost;
  }
  if (!validEscapes(rest)) return undefined;
  return new CelUrl({ scheme, host, path: rest, rawQuery, source });
}

function parseAuthority(authority: string): string | undefined {
  const at = authority.lastIndexOf('@');
  const host = at < 0 ? authority : authority.slice(at + 1);
  if (/[\s<>"{}|\\^`]/.test(host)) return undefined;
  if (host.startsWith('[')) {
    const close = host.indexOf(']');
    if (close < 0) return undefined;
    const after = host.slice(close + 1);
    return after === '' || PORT.test(after) ? host : undefined;
  }
  const colon = host.lastIndexOf(':');
  if (colon >= 0 && !PORT.test(host.slice(colon))) return undefined;
  if (host.includes('[') || host.includes(']') || !validEscapes(host)) return undefined;
  return host;
}

function validEscapes(s: string): boolean {
  return !/%(?![0-9A-Fa-f]{2})/.test(s);
}

function hostname(host: string): string {
  if (host.startsWith('[')) {
    const close = host.indexOf(']');
    return host.slice(1, close < 0 ? undefined : close);
  }
  const colon = host.lastIndexOf(':');
  return colon < 0 ? host : host.slice(0, colon);
}

function port(host: string): string {
  const afterBracket = host.startsWith('[') ? host.slice(host.indexOf(']') + 1) : host;
  const colon = afterBracket.lastIndexOf(':');
  return colon < 0 ? '' : afterBracket.slice(colon + 1);
}

/** Go's `EscapedPath` for a path that is already valid: characters outside the path set are escaped. */
function escapePath(path: string): string {
  return path.replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@/%]/g, (ch) => encodeURIComponent(ch));
}

function parseQuery(rawQuery: string): Map<string, string[]> {
  chargeSize(rawQuery.length);
  const out = new Map<string, string[]>();
  for (const part of rawQuery.split('&')) {
    if (part === '' || part.includes(';')) continue;
    const eq = part.indexOf('=');
    const key = unescapeQuery(eq < 0 ? part : part.slice(0, eq));
    const value = unescapeQuery(eq < 0 ? '' : part.slice(eq + 1));
    if (key === undefined || value === undefined) continue;
    const values = out.get(key) ?? [];
    values.push(value);
    out.set(key, values);
  }
  return out;
}

function unescapeQuery(s: string): string | undefined {
  try {
    return decodeURIComponent(s.replaceAll('+', ' '));
  } catch {
    return undefined;
  }
}
