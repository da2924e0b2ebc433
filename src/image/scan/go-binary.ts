// Go executables in images: the build information the Go linker embeds (`\xff Go buildinf:`), as
// `debug/buildinfo` reads it: the toolchain version and the module list (`mod`, `dep`, `=>` lines).
// ELF executables only (Linux images), and only the inline layout of Go 1.18 and later, where the
// 32-byte header is followed by two varint-length-prefixed strings; older binaries are reported.
import type { Analyzer, SourceDocument } from '../../core/index.ts';
import { defineAnalyzer } from '../../core/index.ts';
import type { PackageEntry, PackageInventoryArtifact, SkipReason } from '../../packages/index.ts';
import { createPackageInventory, golangPurl } from '../../packages/index.ts';
import type { ContentExtractor, Extracted } from './extract.ts';
import { readSummary, summaryMarker, writeSummary } from './extract.ts';

const KIND = 'go-buildinfo';
const ELF_MAGIC = Buffer.from('\x7fELF', 'latin1');
const BUILDINFO_MAGIC = Buffer.from('\xff Go buildinf:', 'latin1');
const BUILDINFO_ALIGN = 16;
const BUILDINFO_HEADER = 32;
/** `debug/buildinfo` reads this much from the start of the data (the linker puts the blob near it). */
const SEARCH_BYTES = 64 * 1024;
const FLAG_INLINE = 2;

export interface GoBuildInfo {
  /** `go1.22.1` as the toolchain wrote it. */
  readonly goVersion: string;
  /** The module lines (`path`, `mod`, `dep`, `=>`, `build`), tab-separated; empty outside module mode. */
  readonly modinfo: string;
}

export type BuildInfoReading = { readonly kind: 'found'; readonly info: GoBuildInfo } | { readonly kind: 'none' } | { readonly kind: 'unsupported'; readonly reason: string };

/** An ELF file reader for the few header fields needed: class (32/64-bit) and byte order from e_ident. */
class ElfReader {
  readonly bytes: Buffer;
  readonly is64: boolean;
  readonly little: boolean;

  constructor(bytes: Buffer) {
    this.bytes = bytes;
    this.is64 = bytes[4] === 2;
    this.little = bytes[5] !== 2;
  }

  /** An unsigned field of 2, 4 or 8 bytes (8 only on 64-bit), or undefined past the end. */
  field(offset: number, size: 2 | 4 | 8): number | undefined {
    if (offset < 0 || offset + size > this.bytes.length) return undefined;
    if (size === 2) return this.little ? this.bytes.readUInt16LE(offset) : this.bytes.readUInt16BE(offset);
    if (size === 4) return this.little ? this.bytes.readUInt32LE(offset) : this.bytes.readUInt32BE(offset);
    return Number(this.little ? this.bytes.readBigUInt64LE(offset) : this.bytes.readBigUInt64BE(offset));
  }

  /** An address-sized field (4 bytes on 32-bit, 8 on 64-bit). */
  word(offset: number): number | undefined {
    return this.field(offset, this.is64 ? 8 : 4);
  }

  cString(offset: number): string {
    const end = this.bytes.indexOf(0, offset);
    return offset < 0 || offset >= this.bytes.length ? '' : this.bytes.toString('latin1', offset, end === -1 ? this.bytes.length : end);
  }
}

/** The file offset of the `.go.buildinfo` section, from the section headers. */
function buildInfoSection(elf: ElfReader): number | undefined {
  const shoff = elf.word(elf.is64 ? 0x28 : 0x20);
  const entrySize = elf.field(elf.is64 ? 0x3a : 0x2e, 2);
  const count = elf.field(elf.is64 ? 0x3c : 0x30, 2) ?? 0;
  const names = elf.field(elf.is64 ? 0x3e : 0x32, 2);
  if (shoff === undefined || shoff === 0 || entrySize === undefined || names === undefined || names >= count) return undefined;
  const offsetField = elf.is64 ? 0x18 : 0x10;
  const stringTable = elf.word(shoff + names * entrySize + offsetField);
  if (stringTable === undefined) return undefined;
  for (let index = 0; index < count; index += 1) {
    const header = shoff + index * entrySize;
    const name = elf.field(header, 4);
    if (name !== undefined && elf.cString(stringTable + name) === '.go.buildinfo') return elf.word(header + offsetField);
  }
  return undefined;
}

/** The file offset of the first writable, non-executable PT_LOAD segment (where older linkers put the blob). */
function writableSegment(elf: ElfReader): number | undefined {
  const phoff = elf.word(elf.is64 ? 0x20 : 0x1c);
  const entrySize = elf.field(elf.is64 ? 0x36 : 0x2a, 2);
  const count = elf.field(elf.is64 ? 0x38 : 0x2c, 2) ?? 0;
  if (phoff === undefined || entrySize === undefined) return undefined;
  for (let index = 0; index < count; index += 1) {
    const header = phoff + index * entrySize;
    const flags = elf.field(header + (elf.is64 ? 4 : 0x18), 4) ?? 0;
    if (elf.field(header, 4) === 1 && (flags & 3) === 2) return elf.word(header + (elf.is64 ? 8 : 4));
  }
  return undefined;
}

/** The 16-byte aligned blob (relative to where the search starts), as `debug/buildinfo` finds it. */
function findBlob(data: Buffer): Buffer | undefined {
  let from = 0;
  for (;;) {
    const index = data.indexOf(BUILDINFO_MAGIC, from);
    if (index === -1 || data.length - index < BUILDINFO_HEADER) return undefined;
    if (index % BUILDINFO_ALIGN === 0) return data.subarray(index);
    from = index + 1;
  }
}

/** A uvarint-length-prefixed string's bytes, and the offset after it; undefined when it runs past the end. */
export function decodeString(data: Buffer, offset: number): { readonly value: Buffer; readonly next: number } | undefined {
  let length = 0;
  let shift = 0;
  let position = offset;
  for (;;) {
    const byte = data[position];
    if (byte === undefined || shift > 28) return undefined;
    length += (byte & 0x7f) * 2 ** shift;
    position += 1;
    if (byte < 0x80) break;
    shift += 7;
  }
  if (position + length > data.length) return undefined;
  return { value: data.subarray(position, position + length), next: position + length };
}

/** Strips the 16-byte sentinels around the module info (cmd/go's infoStart and infoEnd; not UTF-8, so cut as bytes). */
function unframe(mod: Buffer): string {
  return mod.length >= 33 && mod[mod.length - 17] === 0x0a ? mod.toString('utf8', 16, mod.length - 16) : '';
}

/** Reads the build info of a Go ELF executable. */
export function readGoBuildInfo(bytes: Buffer): BuildInfoReading {
  if (bytes.length < 64 || !bytes.subarray(0, 4).equals(ELF_MAGIC)) return { kind: 'none' };
  const elf = new ElfReader(bytes);
  const start = buildInfoSection(elf) ?? writableSegment(elf);
  if (start === undefined || start >= bytes.length) return { kind: 'none' };
  const blob = findBlob(bytes.subarray(start, start + SEARCH_BYTES));
  if (blob === undefined) return { kind: 'none' };
  if (((blob[15] ?? 0) & FLAG_INLINE) === 0) return { kind: 'unsupported', reason: 'built by Go before 1.18 (build info by pointer), which is not read' };
  const version = decodeString(blob, BUILDINFO_HEADER);
  const mod = version === undefined ? undefined : decodeString(blob, version.next);
  if (version === undefined || mod === undefined || version.value.length === 0) return { kind: 'unsupported', reason: 'the build info strings run past the end of the blob' };
  return { kind: 'found', info: { goVersion: version.value.toString('utf8'), modinfo: unframe(mod.value) } };
}

export const goBinaryExtractor: ContentExtractor = Object.freeze({
  id: 'image/go-buildinfo',
  version: 1,
  wants: (_path: string, head: Uint8Array) => head.length >= 4 && ELF_MAGIC.equals(head.subarray(0, 4)),
  extract(bytes: Buffer): Promise<Extracted> {
    const reading = readGoBuildInfo(bytes);
    if (reading.kind === 'found') return Promise.resolve({ summary: writeSummary(KIND, reading.info), problems: [] });
    if (reading.kind === 'none') return Promise.resolve({ summary: undefined, problems: [] });
    return Promise.resolve({ summary: undefined, problems: [{ code: 'PARSE_FAILED', message: `Go executable ${reading.reason}; its modules are not listed` }] });
  },
});

interface Module {
  readonly path: string;
  readonly version: string;
  readonly direct: boolean | undefined;
}

/** The modules of `modinfo`: the main module, then `dep` lines, each replaced by a following `=>` line. */
export function parseModinfo(modinfo: string): Module[] {
  const modules: Module[] = [];
  for (const line of modinfo.split('\n')) {
    const [verb, path = '', version = ''] = line.split('\t');
    if (verb === 'mod' || verb === 'dep') modules.push({ path, version, direct: verb === 'mod' ? true : undefined });
    else if (verb === '=>' && modules.length > 0) {
      // A replacement by a directory has no version: the module keeps its own path, unversioned.
      const replaced = modules.pop();
      modules.push({ path: version === '' ? (replaced?.path ?? path) : path, version, direct: replaced?.direct });
    }
  }
  return modules.filter((module) => module.path !== '');
}

/** `go1.22.1` → `1.22.1` (experiments and `devel` builds have no release version). */
export function stdlibVersion(goVersion: string): string | undefined {
  return /^go(\d+(?:\.\d+){1,2})(?:$|[\s+-])/.exec(goVersion)?.[1];
}

function isBuildInfo(value: unknown): value is GoBuildInfo {
  if (typeof value !== 'object' || value === null) return false;
  const record: Readonly<Record<string, unknown>> = { ...value };
  return typeof record['goVersion'] === 'string' && typeof record['modinfo'] === 'string';
}

function entryOf(module: Module, range: PackageEntry['range']): PackageEntry {
  // `(devel)` is the main module built from a checkout; a replacement by a directory has no version.
  const skipReason: SkipReason | undefined = module.version === '' || module.version === '(devel)' ? 'local-path' : undefined;
  const version = skipReason === undefined ? module.version : '';
  return { name: module.path, version, purl: golangPurl(module.path, version), direct: module.direct, scope: undefined, range, dependencies: [], ...(skipReason === undefined ? {} : { skipReason }) };
}

function packagesOf(document: SourceDocument, info: GoBuildInfo): PackageEntry[] {
  const range = document.lines.rangeOf(0, 0);
  const packages = parseModinfo(info.modinfo).map((module) => entryOf(module, range));
  const stdlib = stdlibVersion(info.goVersion);
  if (stdlib !== undefined) packages.push({ name: 'stdlib', version: stdlib, purl: golangPurl('stdlib', stdlib), direct: undefined, scope: undefined, range, dependencies: [] });
  return packages;
}

/** Reads the summary the Go extractor left in place of an executable. */
export const installedGoAnalyzer: Analyzer<PackageInventoryArtifact> = defineAnalyzer<PackageInventoryArtifact>({
  id: 'image/go-binary-installed',
  version: 1,
  produces: 'package-inventory',
  matches: (_file, sniff) => sniff().startsWith(summaryMarker(KIND)),
  analyze(document) {
    const value = readSummary(KIND, document.text);
    if (!isBuildInfo(value)) return { artifacts: [], errors: [] };
    const packages = packagesOf(document, value);
    if (packages.length === 0) return { artifacts: [], errors: [] };
    return { artifacts: [createPackageInventory(document, { ecosystem: 'Go', format: 'go-buildinfo', packages })], errors: [] };
  },
});
