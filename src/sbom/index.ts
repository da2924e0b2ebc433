// Public API of the SBOM area: collect a target's package inventories, write CycloneDX 1.6 (JSON,
// XML) or SPDX 2.3 JSON, and read SBOMs (CycloneDX JSON/XML, SPDX JSON) back into inventories.
export { buildSbom } from './build.ts';
export type { CollectOptions, CollectedInventories } from './collect.ts';
export { collectInventories } from './collect.ts';
export { toSbomModel } from './components.ts';
export type { ImageCollectOptions, ImageInventories } from './image.ts';
export { collectImageInventories } from './image-lazy.ts';
export type { HashAlgorithm, SbomHash } from './hashes.ts';
export { integrityHashes } from './hashes.ts';
export type { BuildOptions, SbomFormat, SbomModel, SbomPackage, SbomSubject } from './model.ts';
export { SBOM_FORMATS } from './model.ts';
export type { PurlIdentity, PurlReading } from './purl-identity.ts';
export { identifyPurl } from './purl-identity.ts';
export type { ReadSbomOptions } from './read.ts';
export { parseSbom, readSbom } from './read.ts';
export type { SbomContent, UnmatchedComponent } from './read-model.ts';
