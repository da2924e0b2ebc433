import { closeSync, openSync, readSync } from 'node:fs';

/** `count` bytes from the kernel's random source; undefined where there is no /dev/urandom (Windows). */
function urandom(count: number): Uint8Array | undefined {
  let descriptor: number | undefined;
  try {
    descriptor = openSync('/dev/urandom', 'r');
    const bytes = new Uint8Array(count);
    return readSync(descriptor, bytes, 0, count, null) === count ? bytes : undefined;
  } catch {
    return undefined;
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}

/**
 * A random (version 4) UUID for the serial number: from /dev/urandom, the source crypto.randomUUID
 * is seeded from, because loading node:crypto costs about 20 ms of `palisade sbom`'s start-up; from
 * node:crypto where there is no /dev/urandom.
 */
export async function randomUuid(): Promise<string> {
  const bytes = urandom(16) ?? new Uint8Array((await import('node:crypto')).randomBytes(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Buffer.from(bytes).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
