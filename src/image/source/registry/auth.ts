import { PalisadeError } from '../../../core/index.ts';
import { isRecord, optionalString } from '../json.ts';
import type { RegistryCredentials } from './credentials.ts';
import { readBody, type HttpClient } from './http.ts';

export interface Challenge {
  /** Lower-cased: `bearer` or `basic`. */
  readonly scheme: string;
  readonly params: Readonly<Record<string, string>>;
}

/** Parses `Bearer realm="https://auth",service="registry",scope="repository:a/b:pull"` (quoted or bare values). */
export function parseChallenge(header: string): Challenge | undefined {
  const match = /^\s*([A-Za-z]+)\s*(.*)$/s.exec(header);
  if (match === null) return undefined;
  const params: Record<string, string> = {};
  const pattern = /([A-Za-z_]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))\s*,?\s*/gy;
  const rest = match[2] ?? '';
  let param: RegExpExecArray | null;
  while ((param = pattern.exec(rest)) !== null && param[0] !== '') {
    const key = (param[1] ?? '').toLowerCase();
    params[key] = param[2] === undefined ? (param[3] ?? '') : param[2].replace(/\\(.)/g, '$1');
  }
  return { scheme: (match[1] ?? '').toLowerCase(), params };
}

function basic(credentials: RegistryCredentials): string {
  return `Basic ${Buffer.from(`${credentials.username ?? ''}:${credentials.password ?? ''}`).toString('base64')}`;
}

/**
 * Turns a challenge into an Authorization header: Basic with the credentials, or a bearer token from
 * the realm (anonymous, with Basic credentials, or by exchanging an identity token as an OAuth2
 * refresh token). Returns undefined for Basic without credentials.
 */
export async function authorize(
  http: HttpClient,
  challenge: Challenge,
  defaultScope: string,
  credentials: RegistryCredentials | undefined,
  registry: string,
): Promise<string | undefined> {
  if (challenge.scheme === 'basic') {
    if (credentials === undefined || credentials.identityToken !== undefined) return undefined;
    return basic(credentials);
  }
  if (challenge.scheme !== 'bearer') {
    throw new PalisadeError('REGISTRY_AUTH_FAILED', `${registry} asks for the unsupported authentication scheme "${challenge.scheme}".`);
  }
  const realm = challenge.params.realm;
  if (realm === undefined || !/^https?:\/\//.test(realm)) {
    throw new PalisadeError('REGISTRY_AUTH_FAILED', `${registry} sent a bearer challenge without a usable realm.`);
  }
  const service = challenge.params.service;
  const scope = challenge.params.scope ?? defaultScope;
  const token = credentials?.identityToken === undefined
    ? await fetchToken(http, realm, service, scope, credentials, registry)
    : await exchangeRefreshToken(http, realm, service, scope, credentials.identityToken, credentials.source, registry);
  return `Bearer ${token}`;
}

async function fetchToken(
  http: HttpClient,
  realm: string,
  service: string | undefined,
  scope: string,
  credentials: RegistryCredentials | undefined,
  registry: string,
): Promise<string> {
  const url = new URL(realm);
  if (service !== undefined) url.searchParams.set('service', service);
  url.searchParams.set('scope', scope);
  if (credentials?.username !== undefined && credentials.username !== '') url.searchParams.set('account', credentials.username);
  const headers: Record<string, string> = credentials === undefined ? {} : { authorization: basic(credentials) };
  const response = await http.request(url, { headers });
  return tokenFrom(response.status, await readBody(response, 1024 * 1024), realm, credentials?.source, registry);
}

async function exchangeRefreshToken(
  http: HttpClient,
  realm: string,
  service: string | undefined,
  scope: string,
  refreshToken: string,
  source: string,
  registry: string,
): Promise<string> {
  const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, scope, client_id: 'palisade' });
  if (service !== undefined) form.set('service', service);
  const response = await http.request(new URL(realm), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  });
  return tokenFrom(response.status, await readBody(response, 1024 * 1024), realm, source, registry);
}

function tokenFrom(status: number, body: Buffer, realm: string, source: string | undefined, registry: string): string {
  const from = source === undefined ? 'anonymously' : `with the credentials from ${source}`;
  if (status === 401 || status === 403) {
    throw new PalisadeError('REGISTRY_AUTH_FAILED', `The token service ${realm} refused access to ${registry} ${from} (HTTP ${status}).`);
  }
  if (status !== 200) throw new PalisadeError('NETWORK_FAILED', `The token service ${realm} answered HTTP ${status}.`);
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    throw new PalisadeError('REGISTRY_AUTH_FAILED', `The token service ${realm} answered something other than JSON.`);
  }
  const token = isRecord(value) ? optionalString(value.token) ?? optionalString(value.access_token) : undefined;
  if (token === undefined || token === '') throw new PalisadeError('REGISTRY_AUTH_FAILED', `The token service ${realm} answered without a token.`);
  return token;
}
