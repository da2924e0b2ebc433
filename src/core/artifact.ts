import type { Location, SourceRange } from './location.ts';
import { LineIndex } from './location.ts';

/** The kinds of typed artifact analyzers produce and rules read. */
/** `text` is any readable text file (secret detection reads every one); `audit-event` one line of a Kubernetes audit log. */
export const ARTIFACT_KINDS = ['dockerfile', 'kubernetes-object', 'package-inventory', 'image-config', 'text', 'audit-event'] as const;

export type ArtifactKind = (typeof ARTIFACT_KINDS)[number];

/** The text of one file, with its position map (built once). */
export interface SourceDocument {
  /** Relative to the scan root, `/` separators. */
  readonly path: string;
  readonly text: string;
  readonly lines: LineIndex;
}

export function createSourceDocument(path: string, text: string): SourceDocument {
  return { path, text, lines: new LineIndex(text) };
}

/** What a rule points at: a range in the file, or a JSON pointer into a structured object. */
export type ReportTarget = { readonly range: SourceRange } | { readonly pointer: string };

export interface Artifact {
  readonly kind: ArtifactKind;
  readonly source: SourceDocument;
  /** Resolves a rule's target to a full location (the engine calls it; rules never do line arithmetic). */
  locate(target: ReportTarget): Location;
  /** Text that identifies the artifact within its file independently of line numbers (for fingerprints). */
  readonly identity: string;
  /**
   * Used in fingerprints instead of the source's path when that path names how the artifact was
   * reached rather than what it is (an image config read by `docker://`, `oci:` or an archive).
   */
  readonly fingerprintPath?: string;
  /**
   * Waivers the artifact declares about itself (a Kubernetes object's `palisade.dev/ignore` or
   * kube-linter `ignore-check` annotations): findings of matching rules on it are suppressed.
   */
  readonly waivers?: readonly ArtifactWaiver[];
}

export interface ArtifactWaiver {
  /** A rule selector: id, slug, `tool:id` alias or pack. */
  readonly selector: string;
  readonly reason: string;
  /** Where the waiver is written. */
  readonly at: ReportTarget;
}

export function isArtifactOf<A extends Artifact>(artifact: Artifact, kind: A['kind']): artifact is A {
  return artifact.kind === kind;
}
