import type { Artifact, ArtifactKind, ReportTarget } from './artifact.ts';
import { isArtifactOf } from './artifact.ts';
import type { FindingKind } from './finding.ts';
import type { Severity } from './severity.ts';

export const RULE_STABILITIES = ['experimental', 'stable', 'deprecated'] as const;

export type RuleStability = (typeof RULE_STABILITIES)[number];

/** What a rule reads: an artifact kind, or `gate` for the findings the gate itself raises (expired exceptions …). */
export type RuleTarget = ArtifactKind | 'gate';

/** The equivalent rule of another tool; `similar` when only inspired by it (Biome's `sources`). */
export interface RuleAlias {
  readonly tool: string;
  readonly id: string;
  readonly relation: 'same' | 'similar';
}

export interface RuleMeta<MessageId extends string = string> {
  /** Stable, never reused or renamed: `<AREA>-<NNNN>` (e.g. `DKR-0001`). */
  readonly id: string;
  /** Kebab-case, verb-first (`no-…`, `require-…`, `use-…`), unique. */
  readonly slug: string;
  /** One line stating the problem. */
  readonly title: string;
  readonly severity: Severity;
  readonly kind: FindingKind;
  readonly stability: RuleStability;
  /** The release that introduced the rule. */
  readonly since: string;
  readonly target: RuleTarget;
  /** One short paragraph: what is wrong and why it matters. */
  readonly description: string;
  /** Imperative, one to three sentences, ends with a period. */
  readonly remediation: string;
  readonly references: readonly string[];
  readonly aliases: readonly RuleAlias[];
  /** `framework:control` ids, validated against the framework catalogue. */
  readonly compliance: readonly string[];
  /** Named groups a selector can pick (`--rules pss-restricted`). The area name is implied. */
  readonly packs: readonly string[];
  readonly messages: Readonly<Record<MessageId, string>>;
  readonly replacedBy?: readonly string[];
}

export type MessageData = Readonly<Record<string, string | number>>;

export interface ReportDescriptor<MessageId extends string> {
  readonly messageId: MessageId;
  readonly at: ReportTarget;
  readonly data?: MessageData;
  /** Overrides the text used for the fingerprint (default: the text at the reported range). */
  readonly identity?: string;
}

export interface RuleContext<MessageId extends string> {
  report(descriptor: ReportDescriptor<MessageId>): void;
}

/** A rule as the engine sees it, the artifact type erased. */
export interface Rule {
  readonly meta: RuleMeta;
  check(context: RuleContext<string>, artifact: Artifact): void;
}

export interface RuleDefinition<A extends Artifact, MessageId extends string> {
  readonly meta: RuleMeta<MessageId> & { readonly target: A['kind'] };
  check(context: RuleContext<MessageId>, artifact: A): void;
}

/** Declares a rule. Message ids are checked by the compiler; the engine only hands it artifacts of its target. */
export function defineRule<A extends Artifact, MessageId extends string>(definition: RuleDefinition<A, MessageId>): Rule {
  const { meta } = definition;
  return Object.freeze({
    meta,
    check(context: RuleContext<string>, artifact: Artifact): void {
      if (!isArtifactOf<A>(artifact, meta.target)) return;
      definition.check(context, artifact);
    },
  });
}

/** Fills `{placeholder}`s of a message template; a missing placeholder is a bug in the rule. */
export function formatMessage(template: string, data: MessageData | undefined): string {
  return template.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const value = data?.[name];
    if (value === undefined) throw new Error(`Message placeholder {${name}} has no value in "${template}"`);
    return String(value);
  });
}

/** Documentation URL of a rule, derived from its slug. */
export function ruleDocsUrl(slug: string): string {
  return `https://github.com/palisade-dev/palisade/blob/main/docs/rules/${slug}.md`;
}

/** `tool:id` strings, the output contract for aliases. */
export function aliasStrings(meta: RuleMeta): string[] {
  return meta.aliases.map((alias) => `${alias.tool}:${alias.id}`);
}
