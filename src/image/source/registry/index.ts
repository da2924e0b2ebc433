// The registry client's read/write surface for other areas (signing): manifests, blobs, tags, referrers.
export type { FetchedManifest, PutManifestResult, RegistryClientOptions } from './client.ts';
export { RegistryClient, openRegistryClient } from './client.ts';
export type { Referrer, Referrers } from './referrers.ts';
export { listReferrers, parseReferrerIndex, pushReferrer, referrersTag } from './referrers.ts';
export type { RegistryTuning } from './open-registry.ts';
export type { UploadOptions } from './upload.ts';
