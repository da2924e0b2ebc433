import type { ImageCollectOptions, ImageInventories } from './image.ts';

/**
 * The image area (registry client, layer scan, secret rules, shell grammar) loads only when an SBOM
 * of an image is asked for: `palisade sbom <dir>` does not pay for it at start-up.
 */
export async function collectImageInventories(reference: string, options: ImageCollectOptions = {}): Promise<ImageInventories> {
  const { collectImageInventories: collect } = await import('./image.ts');
  return collect(reference, options);
}
