// VEX statements as Palisade reads them, whatever the document format (OpenVEX or CycloneDX VEX).
import type { Location } from '../../core/index.ts';

export const VEX_STATUSES = ['not_affected', 'affected', 'fixed', 'under_investigation'] as const;

export type VexStatus = (typeof VEX_STATUSES)[number];

export function isVexStatus(value: unknown): value is VexStatus {
  return typeof value === 'string' && VEX_STATUSES.some((status) => status === value);
}

/** A product a statement is about: a purl (or another identifier) and, for an image, the packages inside it. */
export interface VexProduct {
  readonly id: string;
  /** OpenVEX `subcomponents`: the packages of the product the statement is about. */
  readonly subcomponents: readonly string[];
}

export interface VexStatement {
  /** The vulnerability id as written (`CVE-2021-44228`, `GHSA-…`). */
  readonly vulnerability: string;
  /** Other ids of the same vulnerability given by the document. */
  readonly aliases: readonly string[];
  readonly products: readonly VexProduct[];
  readonly status: VexStatus;
  /** OpenVEX justification, or CycloneDX `analysis.justification`. */
  readonly justification?: string;
  /** OpenVEX `impact_statement` or CycloneDX `analysis.detail`. */
  readonly detail?: string;
  /** RFC 3339 time of the statement (the document's when the statement has none). */
  readonly timestamp?: string;
  /** Where the statement is written. */
  readonly source: Location;
}

export type VexFormat = 'openvex' | 'cyclonedx';

export interface VexDocument {
  readonly path: string;
  readonly format: VexFormat;
  readonly statements: readonly VexStatement[];
}
