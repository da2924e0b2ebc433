// Resource caps of image scans, in one place: the defaults here, each passed in as an option so that a
// caller (the CLI, a configuration) can change it. Each cap, when hit, ends in an error entry naming
// the layer, image or file; the rest of the scan goes on.

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

/**
 * Uncompressed tar bytes read from one layer. Large real layers (CUDA, ML frameworks) reach a few
 * GiB; a gzip or zstd bomb (a few KB inflating to terabytes) is stopped here, after a bounded time.
 */
export const DEFAULT_MAX_LAYER_BYTES = 8 * GiB;

/** Uncompressed tar bytes read from all the layers of one image. */
export const DEFAULT_MAX_IMAGE_BYTES = 32 * GiB;

/** Archives inside archives opened for packages: a jar's `BOOT-INF/lib/*.jar` (1), not deeper. */
export const MAX_NESTED_ARCHIVE_DEPTH = 1;

export interface DecompressionLimits {
  /** Default DEFAULT_MAX_LAYER_BYTES. */
  readonly maxLayerBytes?: number;
  /** Default DEFAULT_MAX_IMAGE_BYTES. */
  readonly maxImageBytes?: number;
}
