// Public API of the advisory database (src/vuln/db): OSV records checked on the way in, stored in
// SQLite, looked up by ecosystem and package name. The lead re-exports these from src/vuln/index.ts.
export type { DownloadPolicy, Validators } from './download.ts';
export type { ImportInput, ImportOptions, ImportSummary } from './import.ts';
export { importAdvisories } from './import.ts';
export { LOCK_TIMEOUT_MS } from './lock.ts';
export type { LoadedAdvisories } from './memory.ts';
export { createMemoryAdvisorySource, loadAdvisoryFolder } from './memory.ts';
export { baseEcosystem, normalizePackageName } from './names.ts';
export { DEFAULT_MIRROR, defaultDatabasePath, mirrorUrl } from './paths.ts';
export type { ParseOptions, ParsedAdvisory } from './record.ts';
export { MAX_ADVISORY_BYTES, parseOsvRecord } from './record.ts';
export { isOsvRecord } from './record-shape.ts';
export { SCHEMA_VERSION } from './schema.ts';
export type { AdvisoryDatabase, AdvisoryDatabaseMeta, AgeCheckOptions, EcosystemCount, SourceInfo } from './store.ts';
export { DEFAULT_WARN_AGE_MS, checkDatabaseAge, databaseAge, formatAge, openAdvisoryDatabase, readDatabaseMeta } from './store.ts';
export { canonicalTimestamp } from './timestamp.ts';
export type { EcosystemUpdate, UpdateOptions, UpdateSummary } from './update.ts';
export { DEFAULT_ECOSYSTEMS, sourceName, updateAdvisories } from './update.ts';
export { verifyZip } from './zip.ts';
