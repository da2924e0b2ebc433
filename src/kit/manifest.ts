import { PalisadeError } from '../core/index.ts';

export const KIT_KIND = 'palisade-offline-kit';
export const KIT_SCHEMA_VERSION = 1;
/** The first two entries of every kit, in this order. */
export const MANIFEST_NAME = 'manifest.json';
export const SIGNATURE_NAME = 'manifest.sig';
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
export const MAX_SIGNATURE_BYTES = 1024;
export const MAX_KIT_FILES = 100_000;

/** One file of the kit: its path inside the kit, its size and its SHA-256 (hex). */
export interface KitFile {
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
}

export interface KitManifest {
  readonly kind: typeof KIT_KIND;
  readonly schemaVersion: typeof KIT_SCHEMA_VERSION;
  /** `palisade <version>` that made the kit. */
  readonly createdBy: string;
  readonly created: string;
  /** The fingerprint of the signing key's public key (`sha256:<hex>`). */
  readonly signer: string;
  readonly files: readonly KitFile[];
}

const SEGMENT = /^(?!\.{1,2}$)[A-Za-z0-9._@+=-]{1,200}$/;
const TOP_LEVEL = new Set(['advisories.db', 'policies', 'schemas', 'trust']);

/**
 * A path a kit may hold: relative, `/`-separated, plain segments (no `.`, `..`, empty or exotic
 * characters), at most 16 deep, under one of the known top-level names. Anything else is refused,
 * so a hostile kit cannot write outside the folder it is installed into.
 */
export function isSafeKitPath(path: string): boolean {
  const segments = path.split('/');
  if (segments.length > 16 || !TOP_LEVEL.has(segments[0] ?? '')) return false;
  if (segments[0] === 'advisories.db') return segments.length === 1;
  return segments.length > 1 && segments.every((segment) => SEGMENT.test(segment));
}

function invalid(path: string, message: string): PalisadeError {
  return new PalisadeError('PARSE_FAILED', `${path}: ${message}`, { position: { path } });
}

function parseFile(value: unknown, index: number, kitPath: string): KitFile {
  if (typeof value !== 'object' || value === null) throw invalid(kitPath, `manifest files[${index}] is not an object`);
  const path = 'path' in value ? value.path : undefined;
  const size = 'size' in value ? value.size : undefined;
  const sha256 = 'sha256' in value ? value.sha256 : undefined;
  if (typeof path !== 'string' || !isSafeKitPath(path)) throw invalid(kitPath, `manifest files[${index}].path ${JSON.stringify(path)} is not a path a kit may hold`);
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) throw invalid(kitPath, `manifest files[${index}].size is not a byte count`);
  if (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256)) throw invalid(kitPath, `manifest files[${index}].sha256 is not a SHA-256 in hex`);
  return { path, size, sha256 };
}

/** Parses and checks a kit manifest; PARSE_FAILED names the kit and what is wrong. */
export function parseManifest(bytes: Uint8Array, kitPath: string): KitManifest {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch (error) {
    throw new PalisadeError('PARSE_FAILED', `${kitPath}: manifest.json is not JSON (${error instanceof Error ? error.message : String(error)})`, { cause: error, position: { path: kitPath } });
  }
  if (typeof value !== 'object' || value === null) throw invalid(kitPath, 'manifest.json is not an object');
  const fields = new Map<string, unknown>(Object.entries(value));
  if (fields.get('kind') !== KIT_KIND) throw invalid(kitPath, `not a Palisade offline kit (kind ${JSON.stringify(fields.get('kind'))})`);
  if (fields.get('schemaVersion') !== KIT_SCHEMA_VERSION) throw invalid(kitPath, `kit schemaVersion ${JSON.stringify(fields.get('schemaVersion'))} is not supported (expected ${KIT_SCHEMA_VERSION}); use the Palisade version that made it`);
  const createdBy = fields.get('createdBy');
  const created = fields.get('created');
  const signer = fields.get('signer');
  const files = fields.get('files');
  if (typeof createdBy !== 'string' || typeof created !== 'string' || typeof signer !== 'string') throw invalid(kitPath, 'manifest createdBy, created and signer must be strings');
  if (!Array.isArray(files) || files.length > MAX_KIT_FILES) throw invalid(kitPath, `manifest files must be a list of at most ${MAX_KIT_FILES}`);
  const parsed = files.map((file: unknown, index) => parseFile(file, index, kitPath));
  const seen = new Set<string>();
  for (const file of parsed) {
    if (seen.has(file.path)) throw invalid(kitPath, `manifest lists ${file.path} twice`);
    seen.add(file.path);
  }
  return { kind: KIT_KIND, schemaVersion: KIT_SCHEMA_VERSION, createdBy, created, signer, files: parsed };
}

/** The manifest's bytes: stable key order, two-space indent, final newline (these bytes are signed). */
export function serializeManifest(manifest: KitManifest): Buffer {
  const ordered = { kind: manifest.kind, schemaVersion: manifest.schemaVersion, createdBy: manifest.createdBy, created: manifest.created, signer: manifest.signer, files: manifest.files.map(({ path, size, sha256 }) => ({ path, size, sha256 })) };
  return Buffer.from(`${JSON.stringify(ordered, null, 2)}\n`, 'utf8');
}
