export type { CreateKitOptions, KitContent, KitSigner, KitSources } from './create.ts';
export { createKit } from './create.ts';
export type { InstallTargets, KitVerifier, VerifiedKit } from './import.ts';
export { installKit, readKit } from './import.ts';
export type { KitFolderProbe, KitFolderStep } from './kit-folder.ts';
export type { KitFile, KitManifest } from './manifest.ts';
export { KIT_KIND, KIT_SCHEMA_VERSION, MANIFEST_NAME, SIGNATURE_NAME, isSafeKitPath, parseManifest, serializeManifest } from './manifest.ts';
export type { OfflineGuard } from './offline.ts';
export { checkOfflineDatabase, enterOfflineMode, featureForHost, refuseNetwork } from './offline.ts';
