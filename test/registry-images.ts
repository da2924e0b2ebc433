// Generated images pushed straight to the real local registry (no skopeo): one layer with an installed
// npm package of the image's own and one shared by all, on Alpine 3.19, so an SBOM has something to list.
import { dirname } from 'node:path';
import { openRegistryClient } from '../src/image/source/registry/index.ts';
import { buildLayer } from './image/oci-builder.ts';
import type { RegistryFixture } from './image/registry.ts';

/** Pushes `<repository>:<tag>` holding npm package `pkg-<index>@1.0.0` (and `shared-lib@2.0.0`); returns its digest. */
export async function pushGeneratedImage(registry: RegistryFixture, dockerConfig: string, repository: string, tag: string, index: number): Promise<string> {
  const layer = await buildLayer({
    'etc/os-release': 'ID=alpine\nVERSION_ID=3.19.1\n',
    [`usr/lib/node_modules/pkg-${index}/package.json`]: JSON.stringify({ name: `pkg-${index}`, version: '1.0.0' }),
    'usr/lib/node_modules/shared-lib/package.json': JSON.stringify({ name: 'shared-lib', version: '2.0.0' }),
  });
  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', config: {}, rootfs: { type: 'layers', diff_ids: [layer.diffId] } }));
  const client = await openRegistryClient(`docker://${registry.host}/${repository}:${tag}`, { ...(registry.caFile === undefined ? {} : { caFile: registry.caFile }), env: { DOCKER_CONFIG: dirname(dockerConfig) }, push: true });
  try {
    const configDigest = await client.putBlob(config);
    await client.putBlob(layer.bytes);
    const manifest = {
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: configDigest, size: config.length },
      layers: [{ mediaType: layer.mediaType, digest: layer.digest, size: layer.size }],
    };
    return (await client.putManifest(tag, Buffer.from(JSON.stringify(manifest)))).digest;
  } finally {
    client.close();
  }
}

/** An OSV advisory affecting npm packages `names` below 1.0.1 (the generated images hold 1.0.0). */
export function npmAdvisory(id: string, names: readonly string[]): string {
  return JSON.stringify({
    schema_version: '1.6.0',
    id,
    modified: '2026-11-20T00:00:00Z',
    summary: `${names.join(', ')} vulnerable`,
    affected: names.map((name) => ({ package: { ecosystem: 'npm', name }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.0.1' }] }] })),
  });
}
