/** A file hash as both SBOM formats name it (CycloneDX `alg`; SPDX maps `SHA-256` → `SHA256`). */
export interface SbomHash {
  readonly alg: HashAlgorithm;
  /** Lowercase hex. */
  readonly content: string;
}

export type HashAlgorithm = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';

const ALGORITHMS = {
  sha1: { alg: 'SHA-1', bytes: 20 },
  sha256: { alg: 'SHA-256', bytes: 32 },
  sha384: { alg: 'SHA-384', bytes: 48 },
  sha512: { alg: 'SHA-512', bytes: 64 },
} as const satisfies Record<string, { alg: HashAlgorithm; bytes: number }>;

const BY_PREFIX: ReadonlyMap<string, { alg: HashAlgorithm; bytes: number }> = new Map(Object.entries(ALGORITHMS));

function algorithmOf(prefix: string): { alg: HashAlgorithm; bytes: number } | undefined {
  return BY_PREFIX.get(prefix.toLowerCase());
}

/** The digest as hex, from hex (Cargo's `sha256-<hex>`) or base64 (Subresource Integrity); undefined when neither fits the length. */
function digestHex(value: string, bytes: number): string | undefined {
  if (value.length === bytes * 2 && /^[0-9a-fA-F]+$/.test(value)) return value.toLowerCase();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return undefined;
  const decoded = Buffer.from(value, 'base64');
  return decoded.length === bytes ? decoded.toString('hex') : undefined;
}

/**
 * Hashes from a lockfile's integrity value: Subresource Integrity (`sha512-<base64>`, several
 * separated by spaces, as npm, pnpm, yarn and NuGet record them) and `sha256-<hex>` (Cargo).
 * Other forms (Go's `h1:` directory hash, apk's `Q1` checksum, yarn Berry's cache key) are not file
 * hashes of the package and are left out.
 */
export function integrityHashes(integrity: string | undefined): SbomHash[] {
  if (integrity === undefined) return [];
  const hashes: SbomHash[] = [];
  for (const token of integrity.trim().split(/\s+/)) {
    const match = /^(sha1|sha256|sha384|sha512)-([^?\s]+)/i.exec(token);
    if (match === null) continue;
    const algorithm = algorithmOf(match[1] ?? '');
    if (algorithm === undefined) continue;
    const content = digestHex(match[2] ?? '', algorithm.bytes);
    if (content !== undefined && !hashes.some((hash) => hash.alg === algorithm.alg)) hashes.push({ alg: algorithm.alg, content });
  }
  return hashes;
}
