import { open, type FileHandle } from 'node:fs/promises';
import { posix } from 'node:path';
import { PalisadeError } from '../../core/index.ts';

export interface TarEntry {
  readonly name: string;
  /** Byte offset of the entry's data in the archive. */
  readonly offset: number;
  readonly size: number;
  readonly type: 'file' | 'directory' | 'symlink' | 'hardlink' | 'other';
  readonly linkname: string;
}

const BLOCK = 512;
const MAX_ENTRIES = 1_000_000;
const MAX_EXTENDED_HEADER = 1024 * 1024;

/**
 * Indexes an uncompressed tar file by reading only its headers (one 512-byte read per entry, data
 * skipped), so that any entry can later be streamed from its offset. Reads ustar, pax (`path`,
 * `linkpath`, `size`) and GNU long names. Throws IMAGE_INVALID naming the offset of a bad header.
 */
export async function indexTar(path: string): Promise<ReadonlyMap<string, TarEntry>> {
  const handle = await open(path, 'r');
  try {
    return await readEntries(handle, path, (await handle.stat()).size);
  } finally {
    await handle.close();
  }
}

async function readEntries(handle: FileHandle, path: string, fileSize: number): Promise<Map<string, TarEntry>> {
  const entries = new Map<string, TarEntry>();
  const header = Buffer.alloc(BLOCK);
  let offset = 0;
  let pending: { name?: string; linkname?: string; size?: number } = {};
  while (offset + BLOCK <= fileSize) {
    await readExactly(handle, header, offset, path);
    if (header.every((byte) => byte === 0)) return entries;
    verifyChecksum(header, offset, path);
    const typeflag = String.fromCharCode(header[156] ?? 0);
    const size = pending.size ?? parseNumber(header.subarray(124, 136), offset, path);
    const dataOffset = offset + BLOCK;
    if (dataOffset + size > fileSize) throw invalid(path, offset, `the entry claims ${size} bytes but the file ends first`);
    offset = dataOffset + Math.ceil(size / BLOCK) * BLOCK;
    if (typeflag === 'x' || typeflag === 'L' || typeflag === 'K') {
      const data = await readExtended(handle, dataOffset, size, path);
      pending = mergeExtended(pending, typeflag, data);
      continue;
    }
    if (typeflag === 'g') continue;
    const name = normaliseName(pending.name ?? headerName(header));
    const linkname = pending.linkname ?? cString(header.subarray(157, 257));
    pending = {};
    if (entries.size >= MAX_ENTRIES) throw invalid(path, offset, `more than ${MAX_ENTRIES} entries`);
    entries.set(name, { name, offset: dataOffset, size, type: typeOf(typeflag), linkname });
  }
  if (offset === fileSize && entries.size > 0) return entries;
  throw invalid(path, offset, 'the archive is truncated');
}

/** Follows symbolic and hard links (docker save links shared layers); undefined when missing or looping. */
export function resolveTarEntry(entries: ReadonlyMap<string, TarEntry>, name: string): TarEntry | undefined {
  let current = entries.get(normaliseName(name));
  for (let hops = 0; current !== undefined && hops < 16; hops++) {
    if (current.type === 'file') return current;
    if (current.type === 'symlink') current = entries.get(normaliseName(posix.join(posix.dirname(current.name), current.linkname)));
    else if (current.type === 'hardlink') current = entries.get(normaliseName(current.linkname));
    else return undefined;
  }
  return undefined;
}

export function normaliseName(name: string): string {
  return posix.normalize(name).replace(/^(\.\/|\/)+/, '').replace(/\/$/, '');
}

async function readExactly(handle: FileHandle, buffer: Buffer, position: number, path: string): Promise<void> {
  const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
  if (bytesRead !== buffer.length) throw invalid(path, position, 'unexpected end of file');
}

async function readExtended(handle: FileHandle, position: number, size: number, path: string): Promise<Buffer> {
  if (size > MAX_EXTENDED_HEADER) throw invalid(path, position, `an extended header of ${size} bytes`);
  const data = Buffer.alloc(size);
  await readExactly(handle, data, position, path);
  return data;
}

function mergeExtended(pending: { name?: string; linkname?: string; size?: number }, typeflag: string, data: Buffer): typeof pending {
  if (typeflag === 'L') return { ...pending, name: cString(data) };
  if (typeflag === 'K') return { ...pending, linkname: cString(data) };
  const next = { ...pending };
  for (const [key, value] of parsePax(data)) {
    if (key === 'path') next.name = value;
    else if (key === 'linkpath') next.linkname = value;
    else if (key === 'size' && /^\d+$/.test(value)) next.size = Number(value);
  }
  return next;
}

/** pax records: `<length> <key>=<value>\n`. Malformed records end the parse. */
function parsePax(data: Buffer): [string, string][] {
  const out: [string, string][] = [];
  let position = 0;
  while (position < data.length) {
    const space = data.indexOf(0x20, position);
    const length = Number(data.subarray(position, space).toString('ascii'));
    if (space === -1 || !Number.isSafeInteger(length) || length <= 0 || position + length > data.length) return out;
    const record = data.subarray(space + 1, position + length - 1).toString('utf8');
    const equals = record.indexOf('=');
    if (equals !== -1) out.push([record.slice(0, equals), record.slice(equals + 1)]);
    position += length;
  }
  return out;
}

function headerName(header: Buffer): string {
  const name = cString(header.subarray(0, 100));
  const isUstar = header.subarray(257, 262).toString('ascii') === 'ustar';
  const prefix = isUstar ? cString(header.subarray(345, 500)) : '';
  return prefix === '' ? name : `${prefix}/${name}`;
}

function cString(bytes: Buffer): string {
  const nul = bytes.indexOf(0);
  return bytes.subarray(0, nul === -1 ? bytes.length : nul).toString('utf8');
}

/** Octal ASCII, or GNU base-256 when the top bit of the first byte is set. */
function parseNumber(field: Buffer, offset: number, path: string): number {
  if (((field[0] ?? 0) & 0x80) !== 0) {
    let value = (field[0] ?? 0) & 0x7f;
    for (const byte of field.subarray(1)) value = value * 256 + byte;
    if (!Number.isSafeInteger(value)) throw invalid(path, offset, 'an entry size beyond 2^53');
    return value;
  }
  const text = cString(field).trim();
  if (text === '') return 0;
  if (!/^[0-7]+$/.test(text)) throw invalid(path, offset, `the size field "${text}" is not octal`);
  return Number.parseInt(text, 8);
}

function verifyChecksum(header: Buffer, offset: number, path: string): void {
  const stored = Number.parseInt(cString(header.subarray(148, 156)).trim(), 8);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (header[i] ?? 0);
  if (stored !== sum) throw invalid(path, offset, 'bad header checksum (not a tar archive, or a compressed one)');
}

function typeOf(typeflag: string): TarEntry['type'] {
  if (typeflag === '0' || typeflag === '\0' || typeflag === '7') return 'file';
  if (typeflag === '5') return 'directory';
  if (typeflag === '2') return 'symlink';
  if (typeflag === '1') return 'hardlink';
  return 'other';
}

function invalid(path: string, offset: number, problem: string): PalisadeError {
  return new PalisadeError('IMAGE_INVALID', `${path}: invalid tar header at byte ${offset}: ${problem}.`, { position: { path } });
}
