/**
 * Shared contract between image sources (OCI layout, docker archive, registry: src/image/source)
 * and the image scanner (layer filesystem and analyzers: src/image/fs, src/image/scan).
 */
import type { Readable } from 'node:stream';

export type ImageTransport = 'oci' | 'docker-archive' | 'docker';

export interface Platform {
  readonly os: string;
  readonly architecture: string;
  readonly variant?: string;
}

export interface LayerDescriptor {
  /** `sha256:<hex>` of the compressed blob as the manifest names it. */
  readonly digest: string;
  readonly size: number;
  /** The manifest's media type for the blob (OCI or Docker v2 schema 2; gzip, zstd or uncompressed). */
  readonly mediaType: string;
  /**
   * Opens the blob as a stream of its COMPRESSED bytes. The stream verifies size and digest while it
   * flows and fails with a PalisadeError (code IMAGE_INVALID) at the end when they do not match.
   */
  open(): Promise<Readable>;
}

/** The image config (OCI image-spec `config`), as far as the scanner reads it. */
export interface ImageConfigFile {
  readonly created?: string;
  readonly architecture?: string;
  readonly os?: string;
  readonly config?: {
    readonly User?: string;
    readonly Env?: readonly string[];
    readonly Entrypoint?: readonly string[] | null;
    readonly Cmd?: readonly string[] | null;
    readonly WorkingDir?: string;
    readonly ExposedPorts?: Readonly<Record<string, unknown>>;
    readonly Labels?: Readonly<Record<string, string>> | null;
    readonly Healthcheck?: { readonly Test?: readonly string[] };
    readonly Volumes?: Readonly<Record<string, unknown>> | null;
  };
  readonly rootfs?: { readonly type: string; readonly diff_ids: readonly string[] };
  readonly history?: readonly {
    readonly created?: string;
    readonly created_by?: string;
    readonly comment?: string;
    readonly empty_layer?: boolean;
  }[];
}

/** One resolved single-platform image. */
export interface ImageSource {
  readonly transport: ImageTransport;
  /** The reference as the user wrote it (`oci:./dir:tag`, `docker://host/repo@sha256:…`). */
  readonly reference: string;
  /** Digest of the single-platform manifest. */
  readonly manifestDigest: string;
  readonly manifestMediaType: string;
  readonly config: ImageConfigFile;
  readonly configDigest: string;
  /** Bottom layer first. */
  readonly layers: readonly LayerDescriptor[];
  /** Releases sockets/file handles. Idempotent. */
  close(): Promise<void>;
}

export interface OpenImageOptions {
  /** Default: the host's (`linux` + `process.arch` mapped to OCI names). */
  readonly platform?: Platform;
  /** PEM bundle trusted in addition to the system roots (`--ca-file`). */
  readonly caFile?: string;
  /** Registries (host[:port]) reached over plain HTTP or without TLS verification (`--insecure-registry`). */
  readonly insecureRegistries?: readonly string[];
  /** Location of the Docker config with `auths`/`credHelpers` (default `$DOCKER_CONFIG/config.json` or `~/.docker/config.json`). */
  readonly dockerConfigPath?: string;
  /** Per-request timeout in ms (default 30000). */
  readonly timeoutMs?: number;
  readonly env?: Readonly<Record<string, string | undefined>>;
}
