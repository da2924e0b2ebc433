import { PalisadeError } from '../../../core/index.ts';
import { isRecord } from '../json.ts';
import type { RegistryTarget } from '../target.ts';
import { authorize, parseChallenge } from './auth.ts';
import { lookupCredentials, type CredentialOptions, type RegistryCredentials } from './credentials.ts';
import { readBody, type HttpClient, type HttpResponse } from './http.ts';

export type RegistryMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface SendInit {
  readonly accept?: string;
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: Buffer | string;
}

/**
 * Requests to one repository of one registry, with the auth handshake done once on the first 401 and
 * its Authorization reused. 401/403 after authenticating → REGISTRY_AUTH_FAILED; 404 → IMAGE_NOT_FOUND.
 */
export class RegistrySession {
  readonly #http: HttpClient;
  readonly #target: RegistryTarget;
  readonly #credentialOptions: CredentialOptions;
  readonly #actions: 'pull' | 'pull,push';
  #authorization: string | undefined;
  #credentials: RegistryCredentials | undefined;
  #credentialsLoaded = false;

  /** `actions` is the token scope asked for: `pull,push` for a session that writes. */
  constructor(http: HttpClient, target: RegistryTarget, credentialOptions: CredentialOptions, actions: 'pull' | 'pull,push' = 'pull') {
    this.#http = http;
    this.#target = target;
    this.#credentialOptions = credentialOptions;
    this.#actions = actions;
  }

  get target(): RegistryTarget {
    return this.#target;
  }

  /** GET `/v2/<repository>/<path>`; resolves only with a 200 response. */
  async get(path: string, accept: string | undefined, what: string): Promise<HttpResponse> {
    return this.send('GET', path, { ...(accept === undefined ? {} : { accept }) }, what, [200]);
  }

  /**
   * Sends `method` to `/v2/<repository>/<path>` (or to an absolute URL, as upload Locations are) and
   * resolves with the response when its status is one of `expected`; otherwise the same coded errors
   * as `get`. The body, when any, is resent as is after an authentication round trip.
   */
  async send(method: RegistryMethod, path: string | URL, init: SendInit, what: string, expected: readonly number[]): Promise<HttpResponse> {
    const url = typeof path === 'string' ? this.url(path) : path;
    const request = (): Promise<HttpResponse> => this.#http.request(url, {
      method,
      headers: this.#headers(init),
      ...(init.body === undefined ? {} : { body: init.body }),
    });
    let response = await request();
    // A bearer token may have expired during a long pull: fetch a new one once; Basic is final.
    const canRetry = this.#authorization === undefined || this.#authorization.startsWith('Bearer ');
    if (response.status === 401 && canRetry) {
      await this.#authenticate(response);
      response = await request();
    }
    if (expected.includes(response.status)) return response;
    throw await this.#failure(response, what);
  }

  /** The URL of `/v2/<repository>/<path>` (path may carry a query). */
  url(path: string): URL {
    return new URL(`https://${this.#target.host}/v2/${this.#target.repository}/${path}`);
  }

  #headers(init: SendInit): Record<string, string> {
    return {
      'user-agent': 'palisade',
      ...(init.accept === undefined ? {} : { accept: init.accept }),
      ...(init.contentType === undefined ? {} : { 'content-type': init.contentType }),
      ...(init.body === undefined ? {} : { 'content-length': String(Buffer.byteLength(init.body)) }),
      ...init.headers,
      ...(this.#authorization === undefined ? {} : { authorization: this.#authorization }),
    };
  }

  async #authenticate(response: HttpResponse): Promise<void> {
    response.body.resume();
    const header = response.headers['www-authenticate'];
    const challenge = header === undefined ? undefined : parseChallenge(header);
    if (challenge === undefined) throw new PalisadeError('REGISTRY_AUTH_FAILED', `${this.#target.registry} answered 401 without a WWW-Authenticate challenge.`);
    if (!this.#credentialsLoaded) {
      this.#credentials = await lookupCredentials(this.#target.registry, this.#credentialOptions);
      this.#credentialsLoaded = true;
    }
    const scope = `repository:${this.#target.repository}:${this.#actions}`;
    const authorization = await authorize(this.#http, challenge, scope, this.#credentials, this.#target.registry);
    if (authorization === undefined) {
      throw new PalisadeError('REGISTRY_AUTH_FAILED', `${this.#target.registry} requires credentials and none were found for it (${this.#credentialHint()}).`);
    }
    this.#authorization = authorization;
  }

  #credentialHint(): string {
    return 'log in with `docker login`, or set auths in the Docker config given by --docker-config or $DOCKER_CONFIG';
  }

  async #failure(response: HttpResponse, what: string): Promise<PalisadeError> {
    const detail = registryErrorText(await readBody(response, 64 * 1024).catch(() => Buffer.alloc(0)));
    const said = detail === '' ? '' : ` (registry: ${detail})`;
    const status = response.status;
    if (status === 401 || status === 403) {
      const who = this.#credentials === undefined ? 'anonymously' : `with the credentials from ${this.#credentials.source}`;
      return new PalisadeError('REGISTRY_AUTH_FAILED', `${this.#target.reference}: ${this.#target.registry} denied access to ${what} ${who} (HTTP ${status})${said}.`);
    }
    if (status === 404) return new PalisadeError('IMAGE_NOT_FOUND', `${this.#target.reference}: ${what} not found (HTTP 404)${said}.`);
    return new PalisadeError('NETWORK_FAILED', `${this.#target.reference}: ${this.#target.registry} answered HTTP ${status} for ${what}${said}.`);
  }
}

/** The `errors[].code: message` of a distribution-spec error body, or ''. */
function registryErrorText(body: Buffer): string {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    return '';
  }
  if (!isRecord(value) || !Array.isArray(value.errors)) return '';
  return value.errors
    .filter(isRecord)
    .map((error) => [error.code, error.message].filter((part) => typeof part === 'string' && part !== '').join(': '))
    .filter((text) => text !== '')
    .join('; ')
    .slice(0, 500);
}
