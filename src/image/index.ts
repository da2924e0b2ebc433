// Public API of the image area: sources (OCI layout, docker archive, registry), the layer scan, the layer cache and image config rules.
export type { ImageConfigFile, ImageSource, ImageTarget, LayerDescriptor, OpenImageOptions, Platform } from './source/index.ts';
export { formatPlatform, hostPlatform, openImage, parseImageTarget, parsePlatform } from './source/index.ts';
export type { ImageConfigArtifact, ImageScanRequest, ImageScanResult, ScannedLayer } from './scan/index.ts';
export { imageConfigAnalyzer, imageLocationPath, scanImage } from './scan/index.ts';
export type { CacheStats, LayerCache } from './cache/index.ts';
export { cleanCache, defaultCachePath, openLayerCache } from './cache/index.ts';
export { imageRules } from './rules/index.ts';
export type { ImageFetchOptions, ScannedImageReference } from './scan-reference.ts';
export { scanImageReference } from './scan-reference.ts';
