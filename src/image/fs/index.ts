// Public API of the layer filesystem: streaming layer reading and the merged (final) view.
export type { Compression } from './compression.ts';
export { decompressedChunks, detectCompression } from './compression.ts';
export type { EntryType, LayerEntry, PackedEntry } from './entry.ts';
export { normaliseEntryName, packEntries, unpackEntries, whiteoutOf } from './entry.ts';
export type { DecompressedLimit, LayerReadOptions, LayerReadResult, LayerVisitor } from './layer-reader.ts';
export { SNIFF_BYTES, readLayer } from './layer-reader.ts';
export { feedTar } from './tar-feed.ts';
export type { Fate, ViewFile } from './view.ts';
export { FinalView, MAX_SYMLINK_HOPS } from './view.ts';
