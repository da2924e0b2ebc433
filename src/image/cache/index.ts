// Public API of the image layer cache.
export type { CacheStats, CachedLayer, LayerCache } from './store.ts';
export { cleanCache, defaultCachePath, openLayerCache } from './store.ts';
