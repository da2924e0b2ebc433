import { PalisadeError } from '../../../core/index.ts';
import { isDigest, sha256Digest, verifyBytes } from '../digest.ts';
import { isRecord, parseJsonObject } from '../json.ts';
import { MANIFEST_ACCEPT, MAX_CONFIG_BYTES, MAX_MANIFEST_BYTES, OCI_MANIFEST } from '../media-types.ts';
import { parseImageTarget, type RegistryTarget } from '../target.ts';
import type { OpenImageOptions } from '../types.ts';
import { HttpClient, readBody } from './http.ts';
import { readCaFile, type RegistryTuning } from './open-registry.ts';
import { RegistrySession } from './session.ts';
import { uploadBlob, type UploadOptions } from './upload.ts';

/** A manifest as the registry holds it: its exact bytes, media type and digest. */
export interface FetchedManifest {
  readonly bytes: Buffer;
  readonly mediaType: string;
  readonly digest: string;
}

export interface PutManifestResult {
  readonly digest: string;
  /** The `OCI-Subject` header: set by registries that index referrers themselves (distribution-spec 1.1). */
  readonly subject: string | undefined;
}

const TAG_PAGE = 1000;
const MAX_TAG_PAGES = 1000;

/**
 * Reads and writes one repository of one registry (OCI distribution spec): manifests by tag or digest,
 * blobs (HEAD to skip existing ones, then a monolithic or chunked upload), tags, and the referrers
 * API (src/image/source/registry/referrers.ts). Credentials, CA and insecure hosts work as for pulls.
 */
export class RegistryClient {
  readonly #http: HttpClient;
  readonly #session: RegistrySession;
  readonly #upload: UploadOptions;

  constructor(http: HttpClient, session: RegistrySession, upload: UploadOptions = {}) {
    this.#http = http;
    this.#session = session;
    this.#upload = upload;
  }

  get target(): RegistryTarget {
    return this.#session.target;
  }

  get session(): RegistrySession {
    return this.#session;
  }

  close(): void {
    this.#http.destroy();
  }

  /** The manifest a tag or digest names, or undefined when the registry answers 404. */
  async getManifest(reference: string, accept: string = MANIFEST_ACCEPT): Promise<FetchedManifest | undefined> {
    const what = `manifest ${this.#describe(reference)}`;
    const response = await this.#session.send('GET', `manifests/${reference}`, { accept }, what, [200, 404]);
    if (response.status === 404) {
      response.body.resume();
      return undefined;
    }
    const bytes = await readBody(response, MAX_MANIFEST_BYTES);
    const digest = sha256Digest(bytes);
    if (isDigest(reference)) verifyBytes(bytes, reference, undefined, `${this.target.reference}: ${what}`);
    const announced = response.headers['docker-content-digest'];
    if (!isDigest(reference) && typeof announced === 'string' && announced.startsWith('sha256:') && announced !== digest) {
      throw new PalisadeError('IMAGE_INVALID', `${this.target.reference}: ${what} has digest ${digest} but the registry announced ${announced}.`);
    }
    const mediaType = mediaTypeOf(bytes, response.headers['content-type']);
    return { bytes, mediaType, digest: isDigest(reference) ? reference : digest };
  }

  /** Like getManifest, but a missing manifest is IMAGE_NOT_FOUND. */
  async requireManifest(reference: string): Promise<FetchedManifest> {
    const manifest = await this.getManifest(reference);
    if (manifest === undefined) throw new PalisadeError('IMAGE_NOT_FOUND', `${this.target.reference}: manifest ${this.#describe(reference)} not found (HTTP 404).`);
    return manifest;
  }

  /** PUT a manifest under a tag or its digest. */
  async putManifest(reference: string, bytes: Buffer, mediaType: string = OCI_MANIFEST): Promise<PutManifestResult> {
    const what = `manifest ${this.#describe(reference)} (upload)`;
    const response = await this.#session.send('PUT', `manifests/${reference}`, { contentType: mediaType, body: bytes }, what, [200, 201, 202]);
    response.body.resume();
    const digest = sha256Digest(bytes);
    const announced = response.headers['docker-content-digest'];
    if (typeof announced === 'string' && announced.startsWith('sha256:') && announced !== digest) {
      throw new PalisadeError('IMAGE_INVALID', `${this.target.reference}: the registry stored ${what} as ${announced}, not as ${digest}.`);
    }
    const subject = response.headers['oci-subject'];
    return { digest, subject: typeof subject === 'string' && subject !== '' ? subject : undefined };
  }

  /** HEAD the blob: true when the registry already has it. */
  async hasBlob(digest: string): Promise<boolean> {
    const response = await this.#session.send('HEAD', `blobs/${digest}`, {}, `blob ${digest}`, [200, 404]);
    response.body.resume();
    return response.status === 200;
  }

  /** Uploads `bytes` unless the registry has them already; returns their digest. */
  async putBlob(bytes: Buffer): Promise<string> {
    const digest = sha256Digest(bytes);
    if (await this.hasBlob(digest)) return digest;
    await uploadBlob(this.#session, bytes, digest, this.#upload);
    return digest;
  }

  /** A whole blob, verified against its digest. */
  async getBlob(digest: string, limit: number = MAX_CONFIG_BYTES): Promise<Buffer> {
    const response = await this.#session.get(`blobs/${digest}`, undefined, `blob ${digest}`);
    const bytes = await readBody(response, limit);
    verifyBytes(bytes, digest, undefined, `blob ${digest}`);
    return bytes;
  }

  /** Every tag of the repository, following `Link` pagination; [] when the repository is unknown. */
  async listTags(): Promise<string[]> {
    const tags: string[] = [];
    let path: string | undefined = `tags/list?n=${TAG_PAGE}`;
    for (let page = 0; path !== undefined && page < MAX_TAG_PAGES; page++) {
      const response = await this.#session.send('GET', path, { accept: 'application/json' }, 'the tag list', [200, 404]);
      if (response.status === 404) {
        response.body.resume();
        return tags;
      }
      const body = parseJsonObject(await readBody(response, MAX_MANIFEST_BYTES), `${this.target.reference}: the tag list`);
      if (Array.isArray(body.tags)) tags.push(...body.tags.filter((tag): tag is string => typeof tag === 'string'));
      const link = response.headers.link;
      path = nextPage(Array.isArray(link) ? link.join(', ') : link, this.target.repository);
    }
    return tags;
  }

  #describe(reference: string): string {
    return isDigest(reference) ? `${this.target.repository}@${reference}` : `${this.target.repository}:${reference}`;
  }
}

/** The media type a manifest declares, else the Content-Type, else OCI's manifest. */
function mediaTypeOf(bytes: Buffer, contentType: string | undefined): string {
  try {
    const value: unknown = JSON.parse(bytes.toString('utf8'));
    if (isRecord(value) && typeof value.mediaType === 'string' && value.mediaType !== '') return value.mediaType;
  } catch {
    // not JSON: the parser that reads it will say so
  }
  const bare = contentType?.split(';')[0]?.trim();
  return bare === undefined || bare === '' ? OCI_MANIFEST : bare;
}

/** `Link: </v2/<repo>/tags/list?n=1000&last=x>; rel="next"` → `tags/list?n=1000&last=x`. */
function nextPage(link: string | undefined, repository: string): string | undefined {
  const match = link === undefined ? null : /<([^>]+)>\s*;\s*rel="?next"?/.exec(link);
  if (match === null) return undefined;
  const target = new URL(match[1] ?? '', 'https://registry.invalid');
  const prefix = `/v2/${repository}/`;
  if (!target.pathname.startsWith(prefix)) return undefined;
  return `${target.pathname.slice(prefix.length)}${target.search}`;
}

export interface RegistryClientOptions extends Pick<OpenImageOptions, 'caFile' | 'insecureRegistries' | 'dockerConfigPath' | 'timeoutMs' | 'env'> {
  /** Ask for push rights as well as pull (token registries scope tokens per action). */
  readonly push?: boolean;
  readonly upload?: UploadOptions;
}

/** Opens a client for the repository of a `docker://` reference (or a parsed registry target). */
export async function openRegistryClient(reference: string | RegistryTarget, options: RegistryClientOptions = {}, tuning: RegistryTuning = {}): Promise<RegistryClient> {
  const target = typeof reference === 'string' ? parseImageTarget(reference) : reference;
  if (target.transport !== 'docker') throw new PalisadeError('USAGE', `${target.reference} is not a registry image (docker://…).`);
  const ca = options.caFile === undefined ? undefined : await readCaFile(options.caFile);
  const http = new HttpClient({
    ...(ca === undefined ? {} : { ca }),
    insecureHosts: new Set(options.insecureRegistries ?? []),
    timeoutMs: options.timeoutMs ?? 30_000,
    retries: tuning.retries ?? 4,
    backoffMs: tuning.backoffMs ?? 500,
    maxRetryAfterMs: tuning.maxRetryAfterMs ?? 60_000,
  });
  const credentials = { env: options.env ?? process.env, ...(options.dockerConfigPath === undefined ? {} : { dockerConfigPath: options.dockerConfigPath }) };
  const session = new RegistrySession(http, target, credentials, options.push === true ? 'pull,push' : 'pull');
  return new RegistryClient(http, session, options.upload);
}
