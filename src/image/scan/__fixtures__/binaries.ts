// Test builders for binary files the image scan reads: zip archives (jars) and ELF executables with
// Go build info. Small and synthetic: no real binaries are committed.
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipEntrySpec {
  readonly name: string;
  readonly data: Buffer | string;
  /** Default `deflate`. */
  readonly method?: 'store' | 'deflate';
}

/** A zip archive (no data descriptors, no zip64) holding the entries in order. */
export function buildZip(entries: readonly ZipEntrySpec[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const data = Buffer.isBuffer(entry.data) ? entry.data : Buffer.from(entry.data, 'utf8');
    const stored = entry.method === 'store';
    const body = stored ? data : deflateRawSync(data);
    const crc = crc32(data) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(stored ? 0 : 8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(stored ? 0 : 8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

function uvarint(value: number): Buffer {
  const bytes: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    bytes.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  bytes.push(rest);
  return Buffer.from(bytes);
}

/** cmd/go's sentinels around the module info (16 bytes each, not UTF-8). */
const INFO_START = Buffer.from('3077af0c9274080241e1c107e6d618e6', 'hex');
const INFO_END = Buffer.from('f932433186182072008242104116d8f2', 'hex');

export interface BuildInfoSpec {
  readonly goVersion: string;
  /** Module lines as `go version -m` prints them (tab-separated), without the sentinels. */
  readonly modinfo: string;
  /** Default 2 (inline strings, Go 1.18+); 0 is the older pointer layout. */
  readonly flags?: number;
}

/** The build info blob: magic, pointer size, flags, padding to 32 bytes, then two varint strings. */
export function buildInfoBlob(spec: BuildInfoSpec): Buffer {
  const header = Buffer.alloc(32);
  header.write('\xff Go buildinf:', 0, 'latin1');
  header[14] = 8;
  header[15] = spec.flags ?? 2;
  const version = Buffer.from(spec.goVersion, 'utf8');
  const mod = spec.modinfo === '' ? Buffer.alloc(0) : Buffer.concat([INFO_START, Buffer.from(spec.modinfo, 'utf8'), INFO_END]);
  return Buffer.concat([header, uvarint(version.length), version, uvarint(mod.length), mod]);
}

export interface ElfSpec {
  /** Bytes placed at the start of the data (the `.go.buildinfo` section or the writable segment). */
  readonly data: Buffer;
  /** `sections` (a `.go.buildinfo` section header) or `segment` (a writable PT_LOAD program header only). Default `sections`. */
  readonly locate?: 'sections' | 'segment';
}

const DATA_OFFSET = 0x200;

/** A minimal 64-bit little-endian ELF executable whose data starts at 0x200. */
export function buildElf(spec: ElfSpec): Buffer {
  const names = Buffer.from('\0.go.buildinfo\0.shstrtab\0', 'latin1');
  const header = Buffer.alloc(64);
  header.write('\x7fELF', 0, 'latin1');
  header[4] = 2;
  header[5] = 1;
  header[6] = 1;
  header.writeUInt16LE(2, 16);
  header.writeUInt16LE(0x3e, 18);
  header.writeUInt32LE(1, 20);
  header.writeUInt16LE(64, 0x34);
  const bodyEnd = DATA_OFFSET + spec.data.length;
  const namesOffset = bodyEnd;
  const tablesOffset = Math.ceil((namesOffset + names.length) / 8) * 8;
  const tables = spec.locate === 'segment' ? programHeaders(header, tablesOffset, spec.data.length) : sectionHeaders(header, tablesOffset, namesOffset, names.length, spec.data.length);
  const file = Buffer.alloc(tablesOffset + tables.length);
  header.copy(file, 0);
  spec.data.copy(file, DATA_OFFSET);
  names.copy(file, namesOffset);
  tables.copy(file, tablesOffset);
  return file;
}

function sectionHeaders(header: Buffer, at: number, namesOffset: number, namesLength: number, dataLength: number): Buffer {
  header.writeBigUInt64LE(BigInt(at), 0x28);
  header.writeUInt16LE(64, 0x3a);
  header.writeUInt16LE(3, 0x3c);
  header.writeUInt16LE(2, 0x3e);
  const table = Buffer.alloc(64 * 3);
  const section = (index: number, name: number, type: number, offset: number, size: number): void => {
    const base = index * 64;
    table.writeUInt32LE(name, base);
    table.writeUInt32LE(type, base + 4);
    table.writeBigUInt64LE(BigInt(offset), base + 0x18);
    table.writeBigUInt64LE(BigInt(size), base + 0x20);
  };
  section(1, 1, 1, DATA_OFFSET, dataLength);
  section(2, 15, 3, namesOffset, namesLength);
  return table;
}

function programHeaders(header: Buffer, at: number, dataLength: number): Buffer {
  header.writeBigUInt64LE(BigInt(at), 0x20);
  header.writeUInt16LE(56, 0x36);
  header.writeUInt16LE(2, 0x38);
  const table = Buffer.alloc(56 * 2);
  const segment = (index: number, flags: number, offset: number, size: number): void => {
    const base = index * 56;
    table.writeUInt32LE(1, base);
    table.writeUInt32LE(flags, base + 4);
    table.writeBigUInt64LE(BigInt(offset), base + 8);
    table.writeBigUInt64LE(BigInt(size), base + 0x20);
  };
  segment(0, 5, 0, 64); // text: read + execute
  segment(1, 6, DATA_OFFSET, dataLength); // data: read + write
  return table;
}
