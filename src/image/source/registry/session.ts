import { PalisadeError } from '../../../core/index.ts';
import { isRecord } from '../json.ts';
import type { RegistryTarget } from '../target.ts';
import { authorize, parseChallenge } from './auth.ts';
import { lookupCredentials, type CredentialOptions, type RegistryCredentials } from './credentials.ts';
import { readBody, type HttpClient, type HttpResponse } from './http.ts';

/**
 * Requests to one repository of one registry, with the auth handshake done once on the first 401 and
 * its Authorization reused. 401/403 after authenticating → REGISTRY_AUTH_FAILED; 404 → IMAGE_NOT_FOUND.
 */
export class RegistrySession {
  readonly #http: HttpClient;
  readonly #target: RegistryTarget;
  readonly #credentialOptions: CredentialOptions;
  #authorization: string | undefined;
  #credentials: RegistryCredentials | undefined;
  #credentialsLoaded = false;

  constructor(http: HttpClient, target: RegistryTarget, credentialOptions: CredentialOptions) {
    this.#http = http;
    this.#target = target;
    this.#credentialOptions = credentialOptions;
  }

  /** GET `/v2/<repository>/<path>`; resolves only with a 200 response. */
  async get(path: string, accept: string | undefined, what: string): Promise<HttpResponse> {
    const url = new URL(`https://${this.#target.host}/v2/${this.#target.repository}/${path}`);
    const send = (): Promise<HttpResponse> => this.#http.request(url, { headers: this.#headers(accept) });
    let response = await send();
    // A bearer token may have expired during a long pull: fetch a new one once; Basic is final.
    const canRetry = this.#authorization === undefined || this.#authorization.startsWith('Bearer ');
    if (response.status === 401 && canRetry) {
      await this.#authenticate(response);
      response = await send();
    }
    if (response.status === 200) return response;
    throw await this.#failure(response, what);
  }

  #headers(accept: string | undefined): Record<string, string> {
    return {
      'user-agent': 'palisade',
      ...(accept === undefined ? {} : { accept }),
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
    const scope = `repository:${this.#target.repository}:pull`;
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
