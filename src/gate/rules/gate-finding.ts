import type { Finding, Location, RuleMeta } from '../../core/index.ts';
import { fingerprint, formatMessage, ruleDocsUrl } from '../../core/index.ts';

/** What a gate rule's finding says and where: the rest comes from the rule's metadata. */
export interface GateFindingInput<M extends string> {
  readonly messageId: M;
  readonly data: Readonly<Record<string, string>>;
  readonly location: Location;
  /** Hashed after the rule id into the fingerprint: what identifies the finding without line numbers. */
  readonly identity: readonly string[];
}

/**
 * A finding of one of the gate's own rules (they read no artifact, so the rule engine's `toFinding`
 * does not build it). Like GATE findings before, it carries no compliance ids of its own.
 */
export function gateFinding<M extends string>(meta: RuleMeta<M>, input: GateFindingInput<M>): Finding {
  return {
    ruleId: meta.id,
    slug: meta.slug,
    messageId: input.messageId,
    aliases: [],
    kind: meta.kind,
    severity: meta.severity,
    title: meta.title,
    message: formatMessage(meta.messages[input.messageId], input.data),
    location: input.location,
    compliance: [],
    fingerprint: fingerprint([meta.id, ...input.identity]),
    remediation: meta.remediation,
    helpUri: ruleDocsUrl(meta.slug),
  };
}
