import type { Artifact, SourceRange } from '../../core/index.ts';
import type { CompiledSpec, PolicyMetadata, ValidationAction } from '../vap/index.ts';

/** What a Palisade policy can be written against (`spec.matchConstraints.targets`). */
export const POLICY_TARGETS = ['Dockerfile', 'ImageConfig', 'SBOM', 'PackageInventory', 'AuditEvent'] as const;

export type PolicyTarget = (typeof POLICY_TARGETS)[number];

export const PALISADE_POLICY_API_VERSION = 'palisade.dev/v1';
export const PALISADE_POLICY_KIND = 'Policy';

/** A plain JSON value: what CEL sees as `object`. */
export type ModelValue = null | boolean | number | string | readonly ModelValue[] | { readonly [key: string]: ModelValue };

/**
 * One thing a Palisade policy evaluates: the model of an artifact as a plain JSON object (documented
 * in docs/policy-models.md), and where its parts are written (JSON pointer into the model → range in
 * the artifact's file), so that `fieldPath` and findings point at the right line.
 */
export interface TargetModel {
  readonly target: PolicyTarget;
  readonly artifact: Artifact;
  readonly value: { readonly [key: string]: ModelValue };
  readonly ranges: ReadonlyMap<string, SourceRange>;
}

export interface CompiledPalisadePolicy extends PolicyMetadata {
  readonly targets: readonly PolicyTarget[];
  readonly validationActions: readonly ValidationAction[];
  /** `spec.params`: what CEL sees as `params` (null when absent). */
  readonly params: unknown;
  readonly spec: CompiledSpec;
}

/** Collects JSON pointer → range entries while a model is built. */
export class RangeRecorder {
  readonly ranges = new Map<string, SourceRange>();

  set(pointer: string, range: SourceRange | undefined): void {
    if (range !== undefined) this.ranges.set(pointer, range);
  }
}
