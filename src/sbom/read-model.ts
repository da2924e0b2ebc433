import type { ScanError } from '../core/index.ts';
import type { Distribution, PackageInventoryArtifact } from '../packages/index.ts';

/** A component (CycloneDX) or package (SPDX) as read, before it becomes an inventory entry. */
export interface ReadComponent {
  readonly purl: string | undefined;
  /** The component's own name (with its group, when it has one, joined as the ecosystem writes it). */
  readonly names: readonly string[];
  readonly version: string | undefined;
  /** CycloneDX `type` (`library`, `operating-system`, `file`…); SPDX `primaryPackagePurpose` lowercased. */
  readonly type: string | undefined;
  readonly scope: 'required' | 'optional' | 'excluded' | undefined;
  /** `palisade:*` properties (and other tools' property names kept verbatim). */
  readonly properties: readonly { readonly name: string; readonly value: string }[];
  readonly hashes: readonly { readonly alg: string; readonly content: string }[];
  /** The component's identifier within the document: bom-ref or SPDXID. */
  readonly ref: string | undefined;
  /** Offsets of the component in the SBOM text (start inclusive, end exclusive). */
  readonly start: number;
  readonly end: number;
}

/** What the document says about the whole: its kind, version, components and dependency graph. */
export interface ReadDocument {
  readonly format: 'cyclonedx-json' | 'cyclonedx-xml' | 'spdx-json';
  readonly specVersion: string;
  readonly components: readonly ReadComponent[];
  /** ref → refs it depends on. */
  readonly dependencies: ReadonlyMap<string, readonly string[]>;
  /** The ref of the described subject (CycloneDX metadata.component, SPDX DESCRIBES target), when given. */
  readonly subjectRef: string | undefined;
  /** Written by Palisade: `palisade:direct` is then the only source of truth for direct dependencies. */
  readonly byPalisade: boolean;
  readonly errors: readonly ScanError[];
}

/** A component that names no package Palisade can match: no purl, a malformed purl, or an unsupported type. */
export interface UnmatchedComponent {
  readonly name: string;
  readonly version: string;
  readonly purl: string | undefined;
  readonly line: number;
  readonly note: string;
}

export interface SbomContent {
  readonly format: ReadDocument['format'];
  readonly specVersion: string;
  /** One inventory per ecosystem, in order of first appearance; their source is the SBOM file. */
  readonly inventories: readonly PackageInventoryArtifact[];
  readonly unmatched: readonly UnmatchedComponent[];
  /** Per-entry problems (named by file and line); the rest of the document is still read. */
  readonly errors: readonly ScanError[];
  /** The operating system the SBOM names (purl `distro` qualifier or an `operating-system` component). */
  readonly distribution: Distribution | undefined;
}
