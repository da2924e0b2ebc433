// The package inventories of a container image for `palisade sbom <image-ref>`: the image scan with
// no rules (no secrets, no config checks), so only the final filesystem's inventories are built.
import type { ScanError } from '../core/index.ts';
import { PalisadeError } from '../core/index.ts';
import type { Platform } from '../image/index.ts';
import { defaultCachePath, openImage, openLayerCache, parsePlatform, scanImage } from '../image/index.ts';
import type { Distribution, PackageInventoryArtifact } from '../packages/index.ts';
import { TOOL_VERSION } from '../scan/version.ts';

export interface ImageCollectOptions {
  /** `os/arch[/variant]` (default: the host's). */
  readonly platform?: string;
  readonly caFile?: string;
  readonly insecureRegistries?: readonly string[];
  /** Do not read or write the layer cache. */
  readonly noCache?: boolean;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

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
  const env = options.env ?? process.env;
  const platform = platformOf(options.platform);
  const source = await openImage(reference, {
    ...(platform === undefined ? {} : { platform }),
    ...(options.caFile === undefined ? {} : { caFile: options.caFile }),
    ...(options.insecureRegistries === undefined ? {} : { insecureRegistries: options.insecureRegistries }),
    env,
  });
  const cache = options.noCache === true ? undefined : openLayerCache(defaultCachePath(env));
  try {
    const result = await scanImage(source, { rules: [], runRules: () => ({ findings: [], errors: [] }), ...(cache === undefined ? {} : { cache }), cacheSalt: TOOL_VERSION });
    return { name: source.reference, version: source.manifestDigest, inventories: result.inventories, errors: result.errors, distribution: result.distribution };
  } finally {
    cache?.close();
    await source.close();
  }
}

function platformOf(text: string | undefined): Platform | undefined {
  if (text === undefined) return undefined;
  const platform = parsePlatform(text);
  if (platform === undefined) throw new PalisadeError('USAGE', `--platform must be os/arch[/variant], such as linux/amd64 or linux/arm64/v8 (got "${text}")`);
  return platform;
}
