import { createRequire } from 'node:module';
import type { Ajv, ValidateFunction } from 'ajv';
import type { Artifact, ArtifactKind, ReportTarget } from './artifact.ts';
import { isArtifactOf } from './artifact.ts';
import type { Result } from './result.ts';
import { err, ok } from './result.ts';
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
  /** The rule's options: a JSON Schema and the defaults (docs and `.palisade.yaml` `ruleOptions` use both). */
  readonly options?: RuleOptionsSpec<unknown>;
  /** The rule as CEL, for `palisade policy export --format vap` (Kubernetes rules with default options). */
  readonly cel?: RuleCelTwin;
}

/**
 * A Kubernetes rule's CEL twin. `expression` is true when the object is ACCEPTED (as in a
 * ValidatingAdmissionPolicy validation); it reads `object` and, for `kinds: 'pods'` (every pod-bearing
 * kind), the variables `variables.hasPodSpec`, `variables.podSpec`, `variables.podMetadata` and `variables.containers`.
 * `message` is a CEL string expression (the VAP `messageExpression`).
 */
export interface RuleCelTwin {
  readonly kinds: 'pods' | readonly { readonly apiGroup: string; readonly kind: string }[];
  readonly expression: string;
  readonly message: string;
}

/** JSON Schema (draft-07) of a rule's options object. */
export interface RuleOptionsSchema {
  readonly type: 'object';
  readonly additionalProperties: false;
  readonly properties: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

export interface RuleOptionsSpec<Options> {
  readonly schema: RuleOptionsSchema;
  readonly defaults: Options;
}

export type MessageData = Readonly<Record<string, string | number>>;

export interface ReportDescriptor<MessageId extends string> {
  readonly messageId: MessageId;
  readonly at: ReportTarget;
  readonly data?: MessageData;
  /** Overrides the text used for the fingerprint (default: the text at the reported range). */
  readonly identity?: string;
  /** Overrides the evidence excerpt (default: the text at the reported range); secret rules pass a redacted form. */
  readonly evidence?: string;
}

/** Where findings go: the engine's side of a rule context. */
export interface ReportSink<MessageId extends string> {
  report(descriptor: ReportDescriptor<MessageId>): void;
}

export interface RuleContext<MessageId extends string, Options = undefined> extends ReportSink<MessageId> {
  /** The rule's options: its defaults, overridden by `.palisade.yaml` `ruleOptions` (validated). */
  readonly options: Options;
}

/** A project rule's report names the artifact it is about (rules that see every artifact at once). */
export interface ProjectReportDescriptor<MessageId extends string> extends ReportDescriptor<MessageId> {
  readonly artifact: Artifact;
}

export interface ProjectSink<MessageId extends string> {
  report(descriptor: ProjectReportDescriptor<MessageId>): void;
}

export interface ProjectRuleContext<MessageId extends string, Options = undefined> extends ProjectSink<MessageId> {
  readonly options: Options;
}

/** A rule as the engine sees it, the artifact type erased. */
export interface Rule {
  readonly meta: RuleMeta;
  /** True when the rule needs every artifact of its target at once (`checkProject`), after all files are read. */
  readonly project: boolean;
  check(sink: ReportSink<string>, artifact: Artifact): void;
  checkProject(sink: ProjectSink<string>, artifacts: readonly Artifact[]): void;
  /**
   * A project rule's run over a scan in two steps: `add` each artifact as the scan reads it, then
   * `finish` (what `checkProject` does at once). The rule keeps only what its `collect` phase takes
   * from each artifact, so the scan need not keep every artifact alive. Rules made by `defineRule`
   * have it; without it, the engine calls `checkProject` with every artifact of the target.
   */
  startProject?(): ProjectCollector;
  /** A copy of the rule whose options are these values over the defaults, or one line per schema problem. */
  configure(values: Readonly<Record<string, unknown>>): Result<Rule, string[]>;
}

/**
 * A rule checks one artifact at a time (`check`), or, when its verdict depends on other files (a CRD
 * that defines a custom resource, the namespace an object lands in), all artifacts of its target at
 * once (`checkProject`, run after every file is read). A rule defines exactly one of the two.
 */
export interface RuleDefinition<A extends Artifact, MessageId extends string, Options = undefined, Fact = A> {
  readonly meta: RuleMeta<MessageId> & { readonly target: A['kind']; readonly options?: RuleOptionsSpec<Options> };
  check?(context: RuleContext<MessageId, Options>, artifact: A): void;
  /**
   * A project rule's per-artifact phase (optional): what `checkProject` needs of one artifact of the
   * target, taken as the scan reads it, or undefined when it needs nothing of it. `checkProject` then
   * receives these facts, in scan order, instead of the artifacts, and the scan keeps only them: a
   * fact holds an artifact only when the rule may report on it. Without it, the facts are the artifacts.
   */
  collect?(artifact: A, options: Options): Fact | undefined;
  checkProject?(context: ProjectRuleContext<MessageId, Options>, facts: readonly Fact[]): void;
}

/** One project rule's run over a scan: each artifact as it is read, then the findings (see `Rule.startProject`). */
export interface ProjectCollector {
  add(artifact: Artifact): void;
  finish(sink: ProjectSink<string>): void;
}

type RuleWithOptions<A extends Artifact, MessageId extends string, Options, Fact> = RuleDefinition<A, MessageId, Options, Fact> & {
  readonly meta: { readonly options: RuleOptionsSpec<Options> };
};

/**
 * Declares a rule. Message ids are checked by the compiler; the engine only hands it artifacts of its
 * target. A rule with options declares their schema and defaults and reads `context.options`.
 */
export function defineRule<A extends Artifact, MessageId extends string, Fact = A>(definition: RuleDefinition<A, MessageId, undefined, Fact>): Rule;
export function defineRule<A extends Artifact, MessageId extends string, Options extends object, Fact = A>(definition: RuleWithOptions<A, MessageId, Options, Fact>): Rule;
export function defineRule<A extends Artifact, MessageId extends string>(definition: RuleDefinition<A, MessageId, unknown, unknown>): Rule {
  if ((definition.check === undefined) === (definition.checkProject === undefined)) {
    throw new Error(`Rule ${definition.meta.id} must define exactly one of check and checkProject`);
  }
  if (definition.collect !== undefined && definition.checkProject === undefined) throw new Error(`Rule ${definition.meta.id} defines collect without checkProject`);
  return bindRule(definition, definition.meta.options?.defaults);
}

function bindRule<A extends Artifact, MessageId extends string>(definition: RuleDefinition<A, MessageId, unknown, unknown>, options: unknown): Rule {
  const { meta } = definition;
  const collect = definition.collect ?? ((artifact: A): unknown => artifact);
  const startProject = (): ProjectCollector => {
    const facts: unknown[] = [];
    return {
      add(artifact: Artifact): void {
        if (!isArtifactOf<A>(artifact, meta.target)) return;
        const fact = collect(artifact, options);
        if (fact !== undefined) facts.push(fact);
      },
      finish(sink: ProjectSink<string>): void {
        definition.checkProject?.({ report: (descriptor) => sink.report(descriptor), options }, facts);
      },
    };
  };
  // One context per bound rule, reporting to the sink of the check in progress: a check allocates no context.
  let current: ReportSink<string> | undefined;
  const context: RuleContext<MessageId, unknown> = {
    report: (descriptor) => {
      if (current === undefined) throw new Error(`Rule ${meta.id} reported outside its check`);
      current.report(descriptor);
    },
    options,
  };
  return Object.freeze({
    meta,
    project: definition.checkProject !== undefined,
    check(sink: ReportSink<string>, artifact: Artifact): void {
      if (definition.check === undefined || !isArtifactOf<A>(artifact, meta.target)) return;
      const outer = current;
      current = sink;
      try {
        definition.check(context, artifact);
      } finally {
        current = outer;
      }
    },
    checkProject(sink: ProjectSink<string>, artifacts: readonly Artifact[]): void {
      if (definition.checkProject === undefined) return;
      const run = startProject();
      for (const artifact of artifacts) run.add(artifact);
      run.finish(sink);
    },
    startProject,
    configure(values: Readonly<Record<string, unknown>>): Result<Rule, string[]> {
      const spec = meta.options;
      if (spec === undefined) return Object.keys(values).length === 0 ? ok(bindRule(definition, options)) : err([`rule ${meta.slug} has no options`]);
      const merged: unknown = { ...asRecord(spec.defaults), ...values };
      const validate = optionsValidator(spec.schema);
      if (validate(merged)) return ok(bindRule(definition, merged));
      return err((validate.errors ?? []).map((error) => `${error.instancePath === '' ? '' : `${error.instancePath.slice(1).replaceAll('/', '.')} `}${error.message ?? 'is invalid'}`));
    },
  });
}

let optionsAjv: Ajv | undefined;

/** Ajv loads on first use: most runs configure no rule options, and loading it costs about 25 ms. */
function loadAjv(): Ajv {
  const { Ajv: AjvClass }: typeof import('ajv') = createRequire(import.meta.url)('ajv');
  return new AjvClass({ allErrors: true });
}
const optionsValidators = new WeakMap<RuleOptionsSchema, ValidateFunction>();

/** One compiled validator per options schema (rules of a pack often share one), compiled on first use. */
function optionsValidator(schema: RuleOptionsSchema): ValidateFunction {
  const cached = optionsValidators.get(schema);
  if (cached !== undefined) return cached;
  optionsAjv ??= loadAjv();
  const compiled = optionsAjv.compile(schema);
  optionsValidators.set(schema, compiled);
  return compiled;
}

function asRecord(value: unknown): Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null ? { ...value } : {};
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
