// One way to go from an image reference to a scanned image, for `palisade scan` and `palisade sbom`:
// parse the fetch flags, open the image, scan it with the layer cache, close everything.
import { PalisadeError } from '../core/index.ts';
import { defaultCachePath, openLayerCache } from './cache/index.ts';
import type { ImageScanRequest, ImageScanResult } from './scan/index.ts';
import { scanImage } from './scan/index.ts';
import type { ImageConfigFile, Platform } from './source/index.ts';
import { openImage, parsePlatform } from './source/index.ts';

/** How an image is fetched: the `--platform`, `--ca-file`, `--insecure-registry` and `--no-cache` flags. */
export interface ImageFetchOptions {
  /** `os/arch[/variant]` (default: the host's). */
  readonly platform?: string;
  readonly caFile?: string;
  readonly insecureRegistries?: readonly string[];
  /** Do not read or write the layer cache. */
  readonly noCache?: boolean;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export interface ScannedImageReference {
  readonly result: ImageScanResult;
  /** The manifest digest (`sha256:…`). */
  readonly manifestDigest: string;
  readonly config: ImageConfigFile;
}

/** Opens the image (any transport), scans its layers through the layer cache, and closes both. */
export async function scanImageReference(reference: string, fetch: ImageFetchOptions, request: Omit<ImageScanRequest, 'cache'>): Promise<ScannedImageReference> {
  const env = fetch.env ?? process.env;
  const platform = platformOf(fetch.platform);
  const source = await openImage(reference, {
    ...(platform === undefined ? {} : { platform }),
    ...(fetch.caFile === undefined ? {} : { caFile: fetch.caFile }),
    ...(fetch.insecureRegistries === undefined ? {} : { insecureRegistries: fetch.insecureRegistries }),
    env,
  });
  const cache = fetch.noCache === true ? undefined : openLayerCache(defaultCachePath(env));
  try {
    const result = await scanImage(source, { ...request, ...(cache === undefined ? {} : { cache }) });
    return { result, manifestDigest: source.manifestDigest, config: source.config };
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
