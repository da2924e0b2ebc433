import type { ImageStatusOptions } from './image-status.ts';

/**
 * The CycloneDX SBOM of `registry/repository@sha256:…`, built from its layers as `palisade watch` builds
 * the SBOMs it stores (through the layer cache, so a layer already read is not read again).
 */
export async function scanRegistryImage(reference: string, options: Pick<ImageStatusOptions, 'registry' | 'noCache' | 'now'>): Promise<string> {
  const { buildSbom, collectImageInventories } = await import('../sbom/index.ts');
  const { caFile, insecureRegistries, env } = options.registry;
  const collected = await collectImageInventories(`docker://${reference}`, {
    ...(caFile === undefined ? {} : { caFile }),
    ...(insecureRegistries === undefined ? {} : { insecureRegistries }),
    ...(env === undefined ? {} : { env }),
    ...(options.noCache === true ? { noCache: true } : {}),
  });
  const at = reference.lastIndexOf('@');
  return buildSbom(collected.inventories, { name: reference.slice(0, at), version: collected.version, kind: 'image' }, 'cyclonedx-json', { timestamp: options.now });
}
