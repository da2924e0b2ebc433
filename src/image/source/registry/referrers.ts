import { PalisadeError } from '../../../core/index.ts';
import { sha256Digest } from '../digest.ts';
import { isRecord, optionalString, parseJsonObject, stringRecord } from '../json.ts';
import { parseDescriptor } from '../manifest.ts';
import { MAX_MANIFEST_BYTES, OCI_INDEX } from '../media-types.ts';
import type { RegistryClient } from './client.ts';
import { readBody } from './http.ts';

/** A referrer as an index lists it (distribution-spec 1.1): a manifest whose `subject` is the digest. */
export interface Referrer {
  readonly mediaType: string;
  readonly digest: string;
  readonly size: number;
  readonly artifactType?: string;
  readonly annotations?: Readonly<Record<string, string>>;
}

export interface Referrers {
  /** `api`: the registry answered the referrers API; `tag`: read from the `sha256-<hex>` fallback tag. */
  readonly via: 'api' | 'tag';
  readonly referrers: readonly Referrer[];
}

/** The fallback tag of the referrers tag schema: `sha256:abc…` → `sha256-abc…`. */
export function referrersTag(digest: string): string {
  return digest.replace(':', '-');
}

/**
 * The referrers of `digest`: GET `/v2/<name>/referrers/<digest>` where the registry implements it
 * (200 with an image index), else the index under the fallback tag (none when the tag is absent).
 * `artifactType` filters on the client side too, since registries may ignore the query.
 */
export async function listReferrers(client: RegistryClient, digest: string, artifactType?: string): Promise<Referrers> {
  const query = artifactType === undefined ? '' : `?artifactType=${encodeURIComponent(artifactType)}`;
  const what = `the referrers of ${digest}`;
  const response = await client.session.send('GET', `referrers/${digest}${query}`, { accept: OCI_INDEX }, what, [200, 404, 400, 405]);
  const contentType = response.headers['content-type'] ?? '';
  if (response.status === 200 && contentType.startsWith(OCI_INDEX)) {
    const index = await readBody(response, MAX_MANIFEST_BYTES);
    return { via: 'api', referrers: filterType(parseReferrerIndex(index, `${client.target.reference}: ${what}`), artifactType) };
  }
  response.body.resume();
  const fallback = await client.getManifest(referrersTag(digest), OCI_INDEX);
  if (fallback === undefined) return { via: 'tag', referrers: [] };
  return { via: 'tag', referrers: filterType(parseReferrerIndex(fallback.bytes, `${client.target.reference}: tag ${referrersTag(digest)}`), artifactType) };
}

/**
 * Pushes a manifest that names `subject` and makes sure it can be found: a registry that answers
 * with `OCI-Subject` indexes it itself; otherwise the fallback tag's index gets the descriptor
 * (read, add when absent, write back).
 */
export async function pushReferrer(client: RegistryClient, manifest: Buffer, mediaType: string, subject: string, artifactType: string, annotations?: Readonly<Record<string, string>>): Promise<{ readonly digest: string; readonly via: 'api' | 'tag' }> {
  const digest = sha256Digest(manifest);
  const put = await client.putManifest(digest, manifest, mediaType);
  if (put.subject !== undefined) return { digest, via: 'api' };
  const tag = referrersTag(subject);
  const existing = await client.getManifest(tag, OCI_INDEX);
  const listed = existing === undefined ? [] : parseReferrerIndex(existing.bytes, `${client.target.reference}: tag ${tag}`);
  if (listed.some((referrer) => referrer.digest === digest)) return { digest, via: 'tag' };
  const entry: Referrer = { mediaType, digest, size: manifest.length, artifactType, ...(annotations === undefined ? {} : { annotations }) };
  const index = { schemaVersion: 2, mediaType: OCI_INDEX, manifests: [...listed, entry] };
  await client.putManifest(tag, Buffer.from(JSON.stringify(index)), OCI_INDEX);
  return { digest, via: 'tag' };
}

/** Parses a referrers index; entries that are not descriptors are IMAGE_INVALID, naming their position. */
export function parseReferrerIndex(bytes: Buffer, what: string): Referrer[] {
  const document = parseJsonObject(bytes, what);
  if (!Array.isArray(document.manifests)) throw new PalisadeError('IMAGE_INVALID', `${what} is not an image index (no "manifests" array).`);
  return document.manifests.map((entry: unknown, i): Referrer => {
    const descriptor = parseDescriptor(entry, `${what}: manifests[${i}]`);
    const artifactType = isRecord(entry) ? optionalString(entry.artifactType) : undefined;
    const annotations = isRecord(entry) ? stringRecord(entry.annotations) : undefined;
    return {
      mediaType: descriptor.mediaType,
      digest: descriptor.digest,
      size: descriptor.size,
      ...(artifactType === undefined ? {} : { artifactType }),
      ...(annotations === undefined ? {} : { annotations }),
    };
  });
}

function filterType(referrers: readonly Referrer[], artifactType: string | undefined): readonly Referrer[] {
  return artifactType === undefined ? referrers : referrers.filter((referrer) => referrer.artifactType === artifactType);
}
