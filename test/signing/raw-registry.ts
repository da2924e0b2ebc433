/**
 * Plain HTTPS calls to the test registry (test/image/registry.ts, htpasswd auth), written from the
 * distribution spec alone so tests can push and read what cosign would without going through
 * Palisade's registry client.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { REGISTRY_PASSWORD, REGISTRY_USER, type RegistryFixture } from '../image/registry.ts';

export interface RawResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
}

export function sha256(bytes: Buffer | string): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

export async function rawRequest(registry: RegistryFixture, method: string, path: string, body?: Buffer, headers: Record<string, string> = {}): Promise<RawResponse> {
  const ca = registry.caFile === undefined ? undefined : readFileSync(registry.caFile);
  const url = path.startsWith('http') ? new URL(path) : new URL(`https://${registry.host}${path}`);
  const authorization = `Basic ${Buffer.from(`${REGISTRY_USER}:${REGISTRY_PASSWORD}`).toString('base64')}`;
  return new Promise((resolve, reject) => {
    const sent = request(url, { method, ca, headers: { authorization, ...(body === undefined ? {} : { 'content-length': String(body.length) }), ...headers } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    });
    sent.on('error', reject);
    sent.end(body);
  });
}

/** POST then monolithic PUT; returns the digest. */
export async function rawPushBlob(registry: RegistryFixture, repository: string, bytes: Buffer): Promise<string> {
  const digest = sha256(bytes);
  const started = await rawRequest(registry, 'POST', `/v2/${repository}/blobs/uploads/`, Buffer.alloc(0));
  if (started.status !== 202) throw new Error(`POST upload: HTTP ${started.status} ${started.body.toString()}`);
  const location = new URL(String(started.headers.location), `https://${registry.host}`);
  location.searchParams.set('digest', digest);
  const done = await rawRequest(registry, 'PUT', location.href, bytes, { 'content-type': 'application/octet-stream' });
  if (done.status !== 201) throw new Error(`PUT blob: HTTP ${done.status} ${done.body.toString()}`);
  return digest;
}

export async function rawPutManifest(registry: RegistryFixture, repository: string, reference: string, manifest: Buffer, mediaType = 'application/vnd.oci.image.manifest.v1+json'): Promise<string> {
  const response = await rawRequest(registry, 'PUT', `/v2/${repository}/manifests/${reference}`, manifest, { 'content-type': mediaType });
  if (response.status !== 201) throw new Error(`PUT manifest: HTTP ${response.status} ${response.body.toString()}`);
  return sha256(manifest);
}

export async function rawGet(registry: RegistryFixture, repository: string, kind: 'manifests' | 'blobs', reference: string): Promise<RawResponse> {
  return rawRequest(registry, 'GET', `/v2/${repository}/${kind}/${reference}`, undefined, { accept: 'application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.index.v1+json' });
}

/** Pushes a tiny single-layer OCI image under `tag`; `seed` makes its digest unique. Returns the manifest digest. */
export async function pushTestImage(registry: RegistryFixture, repository: string, tag: string, seed: string): Promise<string> {
  const layer = Buffer.from(`layer ${seed}`);
  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', config: {}, rootfs: { type: 'layers', diff_ids: [sha256(layer)] } }));
  await rawPushBlob(registry, repository, layer);
  await rawPushBlob(registry, repository, config);
  const manifest = Buffer.from(JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: sha256(config), size: config.length },
    layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: sha256(layer), size: layer.length }],
  }));
  return rawPutManifest(registry, repository, tag, manifest);
}
