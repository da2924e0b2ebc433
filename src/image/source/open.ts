import { assertNever } from '../../core/index.ts';
import { openDockerArchive } from './docker-archive.ts';
import { openOciLayout } from './oci-layout.ts';
import { hostPlatform } from './platform.ts';
import { openRegistryImage, type RegistryTuning } from './registry/open-registry.ts';
import { parseImageTarget, type ImageTarget } from './target.ts';
import type { ImageSource, OpenImageOptions } from './types.ts';

/**
 * Opens one single-platform image from `oci:`, `docker-archive:` or `docker://` (skopeo's syntax).
 * Errors: USAGE (bad reference), IMAGE_NOT_FOUND, IMAGE_INVALID, NETWORK_FAILED, REGISTRY_AUTH_FAILED.
 */
export async function openImage(
  target: string | ImageTarget,
  options: OpenImageOptions = {},
  tuning: RegistryTuning = {},
): Promise<ImageSource> {
  const parsed = typeof target === 'string' ? parseImageTarget(target) : target;
  const platform = options.platform ?? hostPlatform();
  switch (parsed.transport) {
    case 'oci':
      return openOciLayout(parsed, platform);
    case 'docker-archive':
      return openDockerArchive(parsed, platform);
    case 'docker':
      return openRegistryImage(parsed, platform, options, tuning);
    default:
      return assertNever(parsed, 'image transport');
  }
}
