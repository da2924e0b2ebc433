// The package inventories of a container image for `palisade sbom <image-ref>`: the image scan with
// no rules (no secrets, no config checks), so only the final filesystem's inventories are built.
import type { ScanError } from '../core/index.ts';
import type { ImageFetchOptions } from '../image/index.ts';
import { scanImageReference } from '../image/index.ts';
import type { Distribution, PackageInventoryArtifact } from '../packages/index.ts';
import { TOOL_VERSION } from '../scan/version.ts';

/** How the image is fetched (the image area's options). */
export type ImageCollectOptions = ImageFetchOptions;

export interface ImageInventories {
  /** The image reference as given (`oci:app:1.4`). */
  readonly name: string;
  /** The manifest digest (`sha256:…`), the SBOM subject's version. */
  readonly version: string;
  readonly inventories: readonly PackageInventoryArtifact[];
  readonly errors: readonly ScanError[];
  readonly distribution: Distribution | undefined;
}

/** Opens the image (any transport), scans its layers with the layer cache and returns the inventories. */
export async function collectImageInventories(reference: string, options: ImageCollectOptions = {}): Promise<ImageInventories> {
  const scanned = await scanImageReference(reference, options, { rules: [], runRules: () => ({ findings: [], errors: [] }), cacheSalt: TOOL_VERSION });
  const { result } = scanned;
  return { name: reference, version: scanned.manifestDigest, inventories: result.inventories, errors: result.errors, distribution: result.distribution };
}
