/**
 * The rpm header blob as stored in `rpmdb.sqlite` (`Packages.blob`): big-endian index count `il`
 * and data length `dl`, `il` 16-byte index entries (tag, type, offset, count), then the data
 * store. Only the tags an inventory needs are decoded.
 */
export interface RpmHeader {
  readonly name: string;
  readonly version: string;
  readonly release: string;
  readonly epoch: number | undefined;
  readonly arch: string | undefined;
  readonly sourceRpm: string | undefined;
}

export const RPM_TAGS = { name: 1000, version: 1001, release: 1002, epoch: 1003, arch: 1022, sourceRpm: 1044 } as const;
export const RPM_TYPES = { int32: 4, string: 6, stringArray: 8, i18nString: 9 } as const;
const MAX_INDEX_ENTRIES = 100_000;

function readString(data: Uint8Array, offset: number): string | undefined {
  if (offset < 0 || offset >= data.length) return undefined;
  const end = data.indexOf(0, offset);
  return new TextDecoder().decode(data.subarray(offset, end === -1 ? data.length : end));
}

/** Decodes one header blob; a message says what is wrong when it is not a valid header. */
export function parseRpmHeader(blob: Uint8Array): RpmHeader | string {
  if (blob.length < 8) return 'header blob shorter than 8 bytes';
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const indexCount = view.getUint32(0);
  const dataLength = view.getUint32(4);
  const dataStart = 8 + indexCount * 16;
  if (indexCount > MAX_INDEX_ENTRIES || dataStart + dataLength > blob.length) return `header sizes (il=${indexCount}, dl=${dataLength}) exceed the blob (${blob.length} bytes)`;
  const data = blob.subarray(dataStart, dataStart + dataLength);
  const strings = new Map<number, string>();
  let epoch: number | undefined;
  for (let index = 0; index < indexCount; index++) {
    const at = 8 + index * 16;
    const tag = view.getInt32(at);
    const type = view.getUint32(at + 4);
    const offset = view.getInt32(at + 8);
    if (tag === RPM_TAGS.epoch && type === RPM_TYPES.int32 && offset >= 0 && offset + 4 <= data.length) epoch = view.getInt32(dataStart + offset);
    const isText = type === RPM_TYPES.string || type === RPM_TYPES.stringArray || type === RPM_TYPES.i18nString;
    if (!isText) continue;
    const text = readString(data, offset);
    if (text !== undefined) strings.set(tag, text);
  }
  const name = strings.get(RPM_TAGS.name);
  const version = strings.get(RPM_TAGS.version);
  if (name === undefined || version === undefined) return 'header without NAME or VERSION';
  return { name, version, release: strings.get(RPM_TAGS.release) ?? '', epoch, arch: strings.get(RPM_TAGS.arch), sourceRpm: strings.get(RPM_TAGS.sourceRpm) };
}

/** For tests and tools: builds a header blob from string and int32 tags. */
export function buildRpmHeader(entries: readonly { readonly tag: number; readonly value: string | number }[]): Uint8Array {
  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = [];
  const index: { tag: number; type: number; offset: number }[] = [];
  let size = 0;
  for (const entry of entries) {
    if (typeof entry.value === 'number') {
      size += (4 - (size % 4)) % 4;
      const bytes = new Uint8Array(4);
      new DataView(bytes.buffer).setInt32(0, entry.value);
      index.push({ tag: entry.tag, type: RPM_TYPES.int32, offset: size });
      chunks.push(new Uint8Array(size - chunks.reduce((sum, chunk) => sum + chunk.length, 0)), bytes);
      size += 4;
      continue;
    }
    const bytes = encoder.encode(`${entry.value}\0`);
    index.push({ tag: entry.tag, type: RPM_TYPES.string, offset: size });
    chunks.push(bytes);
    size += bytes.length;
  }
  const blob = new Uint8Array(8 + index.length * 16 + size);
  const view = new DataView(blob.buffer);
  view.setUint32(0, index.length);
  view.setUint32(4, size);
  index.forEach((entry, position) => {
    view.setInt32(8 + position * 16, entry.tag);
    view.setUint32(12 + position * 16, entry.type);
    view.setInt32(16 + position * 16, entry.offset);
    view.setUint32(20 + position * 16, 1);
  });
  let offset = 8 + index.length * 16;
  for (const chunk of chunks) {
    blob.set(chunk, offset);
    offset += chunk.length;
  }
  return blob;
}
