export type { ImageConfigFile, ImageSource, ImageTransport, LayerDescriptor, OpenImageOptions, Platform } from './types.ts';
export type { DockerArchiveTarget, ImageTarget, OciTarget, RegistryTarget } from './target.ts';
export type { RegistryTuning } from './registry/open-registry.ts';
export { parseImageTarget } from './target.ts';
export { openImage } from './open.ts';
export { formatPlatform, hostPlatform, parsePlatform, platformMatches } from './platform.ts';
export {
  DOCKER_LAYER,
  DOCKER_LAYER_GZIP,
  DOCKER_MANIFEST,
  OCI_INDEX,
  OCI_LAYER,
  OCI_LAYER_GZIP,
  OCI_LAYER_ZSTD,
  OCI_MANIFEST,
} from './media-types.ts';
