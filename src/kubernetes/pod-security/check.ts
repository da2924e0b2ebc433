import type { PodView } from './pod.ts';

/** One offending field: the JSON pointer of the field (or of the missing field) and the message to show. */
export interface Violation<MessageId extends string = string> {
  readonly pointer: string;
  readonly messageId: MessageId;
  readonly data?: Readonly<Record<string, string | number>>;
}

/** Evaluates one control over a pod spec and its metadata (pure). */
export type CheckPod<MessageId extends string> = (pod: PodView) => readonly Violation<MessageId>[];

/** One revision of a check, in force from `minimum` (a 1.x minor) until the next revision. */
export interface VersionedCheck<MessageId extends string> {
  readonly minimum: number;
  readonly checkPod: CheckPod<MessageId>;
  /** Baseline checks this restricted revision replaces at the restricted level. */
  readonly overrides?: readonly string[];
}

/** A control of the Pod Security Standards, as pod-security-admission registers it (`policy.Check`). */
export interface PssCheck<MessageId extends string = string> {
  /** Upstream's check ID (`privileged`, `capabilities_restricted` …), the `pss:` alias. */
  readonly id: string;
  readonly level: 'baseline' | 'restricted';
  /** Strictly increasing `minimum`s. */
  readonly versions: readonly VersionedCheck<MessageId>[];
}

export function defineCheck<MessageId extends string>(check: PssCheck<MessageId>): PssCheck<MessageId> {
  return Object.freeze(check);
}
